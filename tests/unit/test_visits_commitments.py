"""V3 commitments on fakes: closure on time in Shanghai days, replays by request id, the
escalation steps of the overdue timer (each exactly once), and the rep's dashboard list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from sales.events.v1 import visit_events_pb2 as ev
from services.common import envelope as envelopes
from services.common.errors import InvalidArgument, NotFound, Violations
from services.visits.application import cards, commitments
from services.visits.domain.cards import NewCommitment
from services.visits.domain.commitments import AlreadyClosed
from services.visits.domain.settings import CardSettings, EscalationStep
from tests.unit.visits_builders import REP, TENANT, World, date_in, draft, uid


@pytest.fixture
def world() -> World:
    return World()


def with_commitment(world: World, due_in_days: int = 3) -> str:
    commitment_id = uid()
    card = draft(
        commitments=(NewCommitment(commitment_id, "送达端架陈列方案", date_in(due_in_days)),)
    )
    cards.submit_card(world.uow, world.deps, card, world.clock.now())
    return commitment_id


def shanghai(day_offset: int, hour: int) -> datetime:
    """`hour` o'clock Shanghai time, `day_offset` days after the visit day."""
    day = date_in(day_offset)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=8)


def close(world: World, commitment_id: str, at: datetime, request_id: str = "", **kw):
    status, note = kw.get("status", "done"), kw.get("note", "")
    return commitments.close_commitment(
        world.uow, TENANT, REP, commitment_id, status, note, request_id or uid(), at
    )


def overdue_events(world: World) -> list[ev.CommitmentOverdue]:
    return [
        envelopes.unpack(e, ev.CommitmentOverdue)
        for e in world.uow.published
        if e.type == "commitment.overdue"
    ]


def sweep(world: World, at: datetime) -> int:
    return commitments.send_due_reminders(world.uow, at)


def test_closing_on_the_due_date_in_shanghai_is_on_time(world):
    on_due = with_commitment(world, 3)
    assert close(world, on_due, shanghai(3, 23)).on_time  # 23:00 Shanghai, 15:00 UTC
    late = with_commitment(world, 3)
    assert not close(world, late, shanghai(4, 0) + timedelta(minutes=30)).on_time
    closed = [e for e in world.uow.published if e.type == "commitment.closed"]
    assert [envelopes.unpack(e, ev.CommitmentClosed).on_time for e in closed] == [True, False]


def test_a_replayed_update_returns_the_closure_and_another_one_conflicts(world):
    commitment_id = with_commitment(world)
    request = uid()
    first = close(world, commitment_id, shanghai(1, 9), request)
    assert close(world, commitment_id, shanghai(2, 9), request) == first
    with pytest.raises(AlreadyClosed) as error:
        close(world, commitment_id, shanghai(2, 9), status="cancelled", note="客户不要了")
    assert error.value.commitment.status == "done"
    assert world.uow.published_types().count("commitment.closed") == 1


def test_a_cancellation_needs_a_note_and_others_commitments_are_not_found(world):
    commitment_id = with_commitment(world)
    with pytest.raises(InvalidArgument) as error:
        close(world, commitment_id, shanghai(1, 9), request_id="x", status="cancelled")
    assert {v.field for v in error.value.violations} == {"request_id", "update.note"}
    with pytest.raises(NotFound):
        commitments.close_commitment(
            world.uow, TENANT, "rep-2", commitment_id, "done", "", uid(), shanghai(1, 9)
        )


def test_each_escalation_step_is_sent_once_on_its_day(world):
    commitment_id = with_commitment(world, 3)
    assert sweep(world, shanghai(3, 20)) == 0  # due today: not overdue yet
    assert sweep(world, shanghai(4, 0) + timedelta(minutes=1)) == 1  # the day after due
    assert sweep(world, shanghai(4, 12)) == 0  # the same step is never sent twice
    assert sweep(world, shanghai(5, 12)) == 0
    assert sweep(world, shanghai(6, 9)) == 1  # +2 days
    assert sweep(world, shanghai(9, 9)) == 1  # +5 days, copying the director
    assert sweep(world, shanghai(30, 9)) == 0  # the schedule is over
    steps = overdue_events(world)
    assert [(e.reminder_count, e.days_overdue) for e in steps] == [(1, 1), (2, 3), (3, 6)]
    assert {e.commitment_id for e in steps} == {commitment_id}
    assert [e.director_id for e in steps] == ["", "", "dir-1"]
    assert all(e.supervisor_id == "sup-1" and e.store_name for e in steps)


def test_a_timer_that_was_down_jumps_to_the_latest_step(world):
    with_commitment(world, 3)
    assert sweep(world, shanghai(10, 9)) == 1
    assert [(e.reminder_count, e.director_id) for e in overdue_events(world)] == [(3, "dir-1")]


def test_closed_commitments_get_no_reminder_and_the_schedule_is_per_tenant(world):
    closed = with_commitment(world, 3)
    close(world, closed, shanghai(3, 9))
    world.card_settings(CardSettings(escalation=(EscalationStep(2), EscalationStep(4, True))))
    with_commitment(world, 3)
    assert sweep(world, shanghai(4, 9)) == 0  # this tenant's first step is 2 days after due
    assert sweep(world, shanghai(5, 9)) == 1
    assert sweep(world, shanghai(7, 9)) == 1
    assert [e.reminder_count for e in overdue_events(world)] == [1, 2]


def test_the_dashboard_lists_open_and_overdue_commitments_in_pages(world):
    ids = [with_commitment(world, days) for days in (1, 2, 5)]
    close(world, ids[1], shanghai(1, 9))
    now = shanghai(3, 9)
    overdue, _ = commitments.list_for_rep(world.uow, TENANT, REP, True, 10, "", now)
    assert [c.commitment_id for c in overdue] == [ids[0]]
    page1, token = commitments.list_for_rep(world.uow, TENANT, REP, False, 1, "", now)
    page2, end = commitments.list_for_rep(world.uow, TENANT, REP, False, 1, token, now)
    assert [c.commitment_id for c in page1 + page2] == [ids[0], ids[2]] and end == ""
    with pytest.raises(InvalidArgument):
        commitments.list_for_rep(world.uow, TENANT, REP, False, 1000, "", now)


def test_a_commitment_is_created_with_its_first_reminder_under_the_tenants_schedule(world):
    world.card_settings(replace(CardSettings(), escalation=(EscalationStep(2),)))
    commitment_id = with_commitment(world, 3)
    assert world.repo.commitments.get(TENANT, commitment_id).next_reminder_on == date_in(5)


def test_the_card_settings_section_round_trips_and_names_its_problems():
    settings = CardSettings(escalation=(EscalationStep(2), EscalationStep(4, True)))
    assert CardSettings.from_doc(settings.to_doc()) == settings
    assert CardSettings.from_doc(None) == CardSettings()
    bad = CardSettings(core_demands={"Bad Code": ""}, impossible_speed_kmh=float("nan"),
                       escalation=(EscalationStep(3), EscalationStep(3)))  # fmt: skip
    v = Violations()
    bad.check(v, "cards")
    assert {i.field for i in v.items} == {
        "cards.core_demands.Bad Code", "cards.escalation", "cards.impossible_speed_kmh",
    }  # fmt: skip
