"""The HTTP face fuzzed from its own OpenAPI document (schemathesis): for every operation,
requests that fit the schema and requests that do not, as an admin, and the unauthenticated
RateVisit without a token. No answer may be a 5xx, and a 200 must match its schema. The
number of examples is bounded (SALES_FUZZ_EXAMPLES per operation and mode, default 4) so
the test stays under a minute on the shared machine.

It runs last (test_zz_): right after it, visits took long enough over the fuzz's junk that a
fresh tenant's plan for today was still empty when test_demo_day read it."""

from __future__ import annotations

import os
import uuid
from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from devstack.demo import queues_drained
from devstack.sandbox import CONSUMER_QUEUES
from services.common.config import Settings
from services.gateway.adapters.tokens import mint
from tests.e2e.conftest import wait_until

EXAMPLES = int(os.environ.get("SALES_FUZZ_EXAMPLES", "4"))


@pytest.fixture(scope="module")
def schema(platform):
    spec = requests.get(f"{platform.console_url}/api/openapi.json", timeout=10).json()
    return schemathesis.openapi.from_dict(spec)


def _fuzz(operation, mode: GenerationMode, base_url: str, headers: dict[str, str]) -> list:
    seen: list[tuple[int, str]] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        checks = [not_a_server_error]
        if mode is GenerationMode.POSITIVE:
            checks.append(response_schema_conformance)
        response = case.call_and_validate(base_url=base_url, headers=headers, checks=checks,
                                          timeout=30)  # fmt: skip
        seen.append((response.status_code, operation.label))

    run()
    return seen


def test_no_generated_request_makes_the_face_fail(platform, schema):
    tenant = f"fuzz-{uuid.uuid4().hex[:8]}"
    token = mint(Settings("gateway").auth_secret, tenant, "admin-fuzz", ["admin"])
    admin = {"Authorization": f"Bearer {token}"}
    answered: list[tuple[int, str]] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 60  # every unary Gateway call is in the document
    for operation in operations:
        headers = {} if operation.path.endswith("/RateVisit") else admin
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            answered += _fuzz(operation, mode, platform.console_url, headers)
    statuses = Counter(status for status, _ in answered)
    print(f"fuzz: {len(answered)} requests over {len(operations)} operations: {dict(statuses)}")
    assert all(status < 500 for status in statuses), statuses
    # the fuzz reached the calls, not only the front door: some answers are successes
    assert 200 in statuses and 400 in statuses, statuses
    # leave no backlog behind for the tests that follow (they time what events do)
    amqp = platform.env["SALES_AMQP_URI"]
    assert wait_until(lambda: queues_drained(amqp, CONSUMER_QUEUES), timeout_s=60)
