"""ADR 048: the embedded server's reaper skips a transaction that is running a statement
instead of waiting for it with the registry lock held (which stalled every other
transaction on the server), and still reaps the idle ones."""

from __future__ import annotations

import threading

from secantus.transactions import TransactionRegistry, TxnState

from devstack.secantus_server import patch_transaction_reaper


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def registry_with_two_old_transactions() -> tuple[TransactionRegistry, object, object]:
    clock = Clock()
    registry = TransactionRegistry(lifetime_seconds=60, time_func=clock)
    busy, _ = registry.for_statement(b"busy", None, 1, start=True)
    idle, _ = registry.for_statement(b"idle", None, 1, start=True)
    clock.now += 600  # both past their lifetime
    return registry, busy, idle


def test_a_transaction_busy_in_a_statement_does_not_hold_up_the_reaper() -> None:
    assert patch_transaction_reaper()
    registry, busy, idle = registry_with_two_old_transactions()
    in_statement, finish = threading.Event(), threading.Event()

    def long_statement() -> None:
        with busy.mutex:
            in_statement.set()
            finish.wait(10)

    worker = threading.Thread(target=long_statement)
    worker.start()
    in_statement.wait(5)
    reaped: list[int] = []
    reaper = threading.Thread(target=lambda: reaped.append(registry.prune_expired()))
    reaper.start()
    reaper.join(2)
    stalled = reaper.is_alive()
    finish.set()
    worker.join()
    reaper.join()
    assert not stalled, "the reaper waited for the running statement"
    assert reaped == [1]
    assert idle.state is TxnState.ABORTED
    assert busy.state is TxnState.IN_PROGRESS  # its next prune, once idle, decides


def test_a_transaction_idle_past_its_lifetime_is_still_reaped_once_free() -> None:
    assert patch_transaction_reaper()
    registry, busy, idle = registry_with_two_old_transactions()
    assert registry.prune_expired() == 2
    assert busy.state is TxnState.ABORTED and idle.state is TxnState.ABORTED
