"""The embedded MongoDB-wire server (SecantusDB), started with one fix to its transaction
registry (ADR 048).

SecantusDB runs each transaction's statements under that transaction's mutex, and every
statement, commit and abort first takes the registry's one lock and, holding it, reaps idle
transactions by acquiring each transaction's mutex in turn. So while any transaction runs
a long statement (a 500-card insert, a big commit), the reaper waits for it with the
registry lock held, and every other transaction on the server waits behind the reaper: the
server runs one transaction at a time. A transaction whose mutex is held is running, not
idle, so the reaper here skips it instead of waiting for it; everything else is as released.

    python -m devstack.secantus_server --host 127.0.0.1 --port 27017 --storage-path DIR
"""

from __future__ import annotations

import logging
import sys

from secantus import cli
from secantus.transactions import TransactionRegistry, TxnState


def _prune_idle_only(self: TransactionRegistry) -> int:
    """As released, except that a transaction busy in a statement is skipped (it is in use).
    Called with the registry lock held, as the original is."""
    cutoff = self._time() - self._lifetime
    reaped = 0
    for txn in self._txns.values():
        if not txn.mutex.acquire(blocking=False):
            continue  # running a statement or its commit right now: not idle
        try:
            if txn.state is TxnState.IN_PROGRESS and txn.last_use < cutoff:
                self._rollback_quietly(txn)
                txn.state = TxnState.ABORTED
                reaped += 1
        finally:
            txn.mutex.release()
    return reaped


def patch_transaction_reaper() -> bool:
    """Replace the reaper; False (and the server as released) if this SecantusDB has no such
    private method any more: a newer release, which may well have fixed it."""
    if not callable(getattr(TransactionRegistry, "_prune_locked", None)):
        logging.getLogger(__name__).warning("SecantusDB changed: its reaper is left as it is")
        return False
    TransactionRegistry._prune_locked = _prune_idle_only  # type: ignore[method-assign]
    return True


if __name__ == "__main__":
    patch_transaction_reaper()
    sys.exit(cli.main())
