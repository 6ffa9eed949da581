"""scoring's use cases on the fakes: a threshold crossing is announced once, deductions page
with their causes, the dashboard's figures equal their drill-downs, settings are optimistic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.common import events
from services.common.errors import FailedPrecondition
from services.scoring.application import dashboard, figures, ingest, settings
from services.scoring.application.ports import Page
from services.scoring.domain import credit as c
from services.scoring.domain.dashboard import Figure
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import CommitmentFact, PlanFact, PlanItem, RatingFact
from services.scoring.domain.heatmap import ScoringSettings, Thresholds
from services.scoring.domain.phi import Metric
from tests.fakes.scoring import fake_uow

T = "t"
AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def _card(vid: str, at=AT, **kw) -> c.CreditFact:
    return c.visit_fact(c.VisitFact(T, vid, "r1", at, **kw))


def test_crossing_85_down_is_announced_once_with_the_supervisor() -> None:
    uow = fake_uow()
    ingest.record_person(uow, "p", Person(T, "r1", "李明", "sup", "hz", (), True, True, AT))
    # Each far check-in costs 5 accuracy points = 2.0 credit: 100 -> 98 -> ... -> 84 on the 8th.
    for i in range(8):
        ingest.record_credit_fact(
            uow, f"e{i}", T, _card(f"v{i}", distance_m=900.0, distance_known=True)
        )
    ingest.record_credit_fact(
        uow, "e7-again", T, _card("v7", distance_m=900.0, distance_known=True)
    )
    crossed = [e for e in uow.published if e.type == "score.threshold_crossed"]
    assert [(events.payload(e).threshold, events.payload(e).direction) for e in crossed] == [
        (95.0, "down"), (85.0, "down")
    ]  # fmt: skip
    last = events.payload(crossed[-1])
    assert (last.previous, last.current, last.supervisor_id, last.period) == (
        86.0,
        84.0,
        "sup",
        "2026-11",
    )


def test_a_new_month_restores_the_standing() -> None:
    uow = fake_uow()
    for i in range(8):
        ingest.record_credit_fact(
            uow, f"e{i}", T, _card(f"v{i}", distance_m=900.0, distance_known=True)
        )
    ingest.record_credit_fact(
        uow, "dec", T, _card("vd", AT + timedelta(days=15), missing_items=("core_demand",))
    )
    last = events.payload(uow.published[-1])
    assert (last.period, last.direction, last.current) == ("2026-12", "up", 99.4)


def test_deductions_page_with_their_causes() -> None:
    uow = fake_uow()
    ingest.record_credit_fact(uow, "a", T, _card("v1", missing_items=("photo_shelf", "core_demand"),
                                                 submit_delay_seconds=5 * 3600))  # fmt: skip
    ingest.record_credit_fact(uow, "b", T, c.photo_fact(c.PhotoFlagFact(T, "p9", "r1", AT, "v1")))
    seen, after = [], ""
    while True:
        lines, after = figures.deductions(uow.repo, T, "r1", "2026-11", Page(after, 2))
        seen += [
            (x.deduction.rule, x.deduction.points, x.deduction.photo_id or x.deduction.item)
            for x in lines
        ]
        if not after:
            break
    assert seen == [("photo_reused", 5, "p9"), ("missing_item", 2, "core_demand"),
                    ("missing_item", 2, "photo_shelf"), ("late_submit", 3, "")]  # fmt: skip
    assert figures.data_credit(uow.repo, T, "r1", "2026-11").score == c.credit(
        c.CreditPoints(4, 5, 3, 4)
    )


def test_dashboard_figures_equal_their_drill_downs() -> None:
    uow = fake_uow()
    today = date(2026, 12, 2)
    items = (PlanItem("i1", "s1", "pending", 0), PlanItem("i2", "s2", "done", 1, "v"),
             PlanItem("i3", "s3", "pending", 2))  # fmt: skip
    ingest.record_plan(uow, "p", PlanFact(T, "r1", today, 2, 3, 1, items))
    ingest.record_commitment(uow, "c1", CommitmentFact(T, "c1", "r1", date(2026, 11, 30)))
    ingest.record_commitment(uow, "c2", CommitmentFact(T, "c2", "r1", date(2026, 12, 5)))
    ingest.record_rating(uow, "r", RatingFact(T, "v", "r1", "s2", 4, "", AT, "2026-W49"))
    ingest.record_rating(uow, "r2", RatingFact(T, "v2", "r1", "s2", 5, "", AT, "2026-W49"))
    d = dashboard.rep_dashboard(uow.repo, T, "r1", today)
    assert (d.pending_visits, d.overdue_commitments, d.satisfaction.average) == (2, 1, 4.5)
    pending, _ = dashboard.records(uow.repo, T, "r1", Figure.PENDING_VISITS, today, Page())
    overdue, _ = dashboard.records(uow.repo, T, "r1", Figure.OVERDUE_COMMITMENTS, today, Page())
    due, _ = dashboard.records(uow.repo, T, "r1", Figure.WEEK_COMMITMENTS_DUE, today, Page())
    assert [r.store_id for r in pending] == ["s1", "s3"]
    assert [r.record_id for r in overdue] == ["c1"] and [r.record_id for r in due] == ["c1", "c2"]
    assert d.week_counters.commit_due == 2 and d.week_counters.plan_planned == 3


def test_settings_are_optimistic_and_validated() -> None:
    uow = fake_uow()
    wanted = ScoringSettings(T, {m: Thresholds(80, 60) for m in Metric})
    saved = settings.update_settings(uow, wanted, 0, "admin", AT)
    assert saved.version == 1 and settings.get_settings(uow, T).thresholds == wanted.thresholds
    with pytest.raises(FailedPrecondition):
        settings.update_settings(uow, wanted, 0, "admin", AT)


def test_the_rep_counters_ride_in_the_event_transaction_once() -> None:
    from services.scoring.application import stats
    from services.scoring.domain import rep_stats
    from services.scoring.domain.facts import LeadFact, LeadState

    uow = fake_uow()
    fact = LeadFact(T, "l1", "r1", AT, LeadState.PENDING)
    for _ in range(2):  # the same event delivered twice
        also = stats.counting(T, "r1", rep_stats.lead_assigned(), AT)
        ingest.record_lead(uow, "e1", fact, also)
    assert stats.rep_stats(uow, T, "r1").leads_assigned == 1
    assert uow.repo.lead(T, fact.key) == fact
