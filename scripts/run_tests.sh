#!/usr/bin/env bash
# Two pytest runs, because nameko's test tools need eventlet's monkey-patching before any
# import, while grpc.aio and grpcio streaming misbehave under it (ARCHITECTURE.md):
#   1. unpatched: unit, integration (real servers) and end-to-end (platform as subprocesses)
#   2. patched:   tests/service (nameko containers in-process, real RabbitMQ and MongoDB)
# pytest exits 5 when it collects nothing; that is a failure here, never a pass.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0

run() {
  local label=$1; shift
  echo "== $label =="
  "$PY" -m pytest "$@"
  local rc=$?
  if [ "$rc" -eq 5 ]; then
    echo "$label: no tests were collected" >&2
    rc=1
  fi
  [ "$rc" -eq 0 ] || status=1
}

.venv/bin/ruff check . || status=1
run "unpatched: unit, integration, e2e" -q tests/unit tests/integration tests/e2e
run "patched: nameko service tests" -q -p tests.service.eventlet_first tests/service
exit $status
