"""visit.history_imported on the fakes (ADR 037): a chunk ends where its items one by one end
(facts, figures, crossings in order), a visit seen both ways counts once, a stored later
version is not overwritten by an older one in a chunk; and the lateness window is the
tenant's, in the incremental and the recompute path alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from services.common import events
from services.scoring.application import history, ingest, rebuild, settings, stats
from services.scoring.domain import credit as c
from services.scoring.domain import rep_stats
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import CommitmentFact, PlanFact
from services.scoring.domain.heatmap import ScoringSettings
from services.scoring.domain.recompute import recompute
from tests.fakes.scoring import fake_uow

T = "t"
AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _far(vid: str, rep: str = "r1", at: datetime = AT) -> c.VisitFact:
    return c.VisitFact(T, vid, rep, at, distance_m=900.0, distance_known=True)


def _crossings(uow) -> list[tuple]:
    found = [events.payload(e) for e in uow.published if e.type == "score.threshold_crossed"]
    return [(p.rep_id, p.supervisor_id, p.threshold, p.direction, p.previous, p.current)
            for p in found]  # fmt: skip


def _months(uow) -> dict:
    return {(a.rep_id, a.month): a for a in uow.repo.all_months(T) if not a.is_empty()}


def _visits() -> list[c.VisitFact]:
    # r1: 8 far check-ins (100 -> 84, crossing 95 and 85); r2: 2 (crossing 95), interleaved,
    # and r1's last one in December (a new month restores the standing: 98, up over 85 and 95).
    found = [_far(f"v{i}", "r1", AT + timedelta(hours=i)) for i in range(8)]
    found.insert(3, _far("w1", "r2"))
    found.insert(5, _far("w2", "r2"))
    found.append(_far("v9", "r1", datetime(2026, 12, 1, 2, 0, tzinfo=UTC)))
    return found


def _people(uow) -> None:
    for rep in ("r1", "r2"):
        ingest.record_person(uow, f"p{rep}", Person(T, rep, rep, f"sup-{rep}", "hz", (), True,
                                                    True, AT))  # fmt: skip


def test_a_chunk_ends_where_its_items_one_by_one_end() -> None:
    plans = (
        PlanFact(T, "r1", date(2026, 11, 20), 1, 4, 1),
        PlanFact(T, "r1", date(2026, 11, 20), 2, 4, 3),
    )
    commitments = (
        CommitmentFact(T, "c1", "r1", date(2026, 11, 21)),
        CommitmentFact(T, "c1", "r1", date(2026, 11, 21), "done", True, AT),
    )
    single, chunked = fake_uow(), fake_uow()
    _people(single), _people(chunked)
    for i, v in enumerate(_visits()):
        ingest.record_visit(single, f"e{i}", v)
    for i, p in enumerate(plans):
        ingest.record_plan(single, f"p{i}", p)
    for i, f in enumerate(commitments):
        ingest.record_commitment(single, f"c{i}", f)
    chunk = history.HistoryChunk(T, tuple(_visits()), commitments, plans)
    report = history.record_history(chunked, "chunk-1", chunk, NOW)
    assert _months(chunked) == _months(single)
    assert _crossings(chunked) == _crossings(single)
    assert [x[2:4] for x in _crossings(chunked) if x[0] == "r1"] == [
        (95.0, "down"), (85.0, "down"), (85.0, "up"), (95.0, "up")
    ]  # fmt: skip
    assert _crossings(chunked)[0][1] == "sup-r1"
    assert report.facts_changed == 11 + 1 + 1  # 11 cards, a plan day, a commitment
    assert history.record_history(chunked, "chunk-1", chunk, NOW) is None  # redelivered


def test_a_visit_seen_live_and_in_a_chunk_counts_once() -> None:
    uow = fake_uow()
    ingest.record_visit(uow, "live", _far("v1"))
    chunk = history.HistoryChunk(T, (_far("v1"), _far("v1"), _far("v2")))
    assert history.record_history(uow, "chunk", chunk, NOW).facts_changed == 1
    assert _months(uow)[("r1", "2026-11")].credit.accuracy == 10


def test_the_rep_counters_count_a_visit_and_a_commitment_once_however_they_arrive() -> None:
    """GetRepStats: a card seen live (visit.submitted, commitment.created) and again in an
    imported chunk, under other event ids, counts once, as PHI and data credit do."""
    uow = fake_uow()
    live = [("live-v1", "v1", rep_stats.visit_submitted("v1", AT)),
            ("live-c1", "c1", rep_stats.commitment_created("c1"))]  # fmt: skip
    ingest.record_visit(uow, live[0][0], _far("v1"), stats.counting(T, "r1", live[0][2], NOW))
    commitment = CommitmentFact(T, "c1", "r1", date(2026, 11, 21))
    also = stats.counting(T, "r1", live[1][2], NOW)
    ingest.record_commitment(uow, live[1][0], commitment, also)
    counted = tuple(("r1", d) for d in (
        rep_stats.visit_submitted("v1", AT), rep_stats.visit_submitted("v2", AT),
        rep_stats.visit_submitted("v2", AT), rep_stats.commitment_created("c1"),
        rep_stats.commitment_created("c2"),
    ))  # fmt: skip
    chunk = history.HistoryChunk(T, (_far("v1"), _far("v2")), stats=counted)
    history.record_history(uow, "chunk", chunk, NOW)
    history.record_history(uow, "chunk-again-as-another-event", chunk, NOW)
    figures = stats.rep_stats(uow, T, "r1")
    assert (figures.visits_total, figures.commitments_total, figures.commitments_open) == (2, 2, 2)


def test_an_older_plan_version_in_a_chunk_leaves_the_stored_newer_one() -> None:
    uow = fake_uow()
    ingest.record_plan(uow, "live", PlanFact(T, "r1", date(2026, 11, 20), 3, 5, 5))
    chunk = history.HistoryChunk(T, plans=(PlanFact(T, "r1", date(2026, 11, 20), 2, 5, 1),))
    assert history.record_history(uow, "chunk", chunk, NOW).facts_changed == 0
    assert uow.repo.plan(T, "r1", date(2026, 11, 20)).completed == 5
    assert _months(uow)[("r1", "2026-11")].days[20].plan_completed == 5


def _late(vid: str, hours: float) -> c.VisitFact:
    return c.VisitFact(T, vid, "r1", AT, submit_delay_seconds=round(hours * 3600))


def test_the_tenants_lateness_window_judges_cards_in_both_paths() -> None:
    uow = fake_uow()
    saved = settings.update_settings(uow, ScoringSettings(T), 0, "admin", NOW, 4.0)
    assert saved.lateness_window_hours == 4.0
    ingest.record_visit(uow, "e1", _late("v1", 3.0))  # within 4 h: nothing lost
    ingest.record_visit(uow, "e2", _late("v2", 5.5))  # 1.5 h past 4 h: 2 started hours
    history.record_history(uow, "chunk", history.HistoryChunk(T, (_late("v3", 4.5),)), NOW)
    assert _months(uow)[("r1", "2026-11")].credit.timeliness == 2 + 1
    repo = uow.repo
    expected = recompute(T, repo.all_leads(T), repo.all_plans(T), repo.all_commitments(T),
                         repo.all_credit_facts(T))  # fmt: skip
    assert expected[("r1", "2026-11")] == _months(uow)[("r1", "2026-11")]
    # A later change applies to later cards: the stored ones keep the window they met.
    settings.update_settings(uow, ScoringSettings(T), 1, "admin", NOW, 1.0)
    assert rebuild.rebuild(uow, T).months_repaired == 0


def test_the_default_window_is_spec_s_two_hours() -> None:
    assert c.late_points(2 * 3600) == 0
    assert c.late_points(2 * 3600 + 1) == 1
    assert c.late_points(3 * 3600 + 1, c.grace_seconds(1.0)) == 3
    assert c.late_points(30 * 3600, c.grace_seconds(0.0)) == c.LATE_CAP


class _EventDuringRepair:
    """A unit of work whose first `run` (the rebuild's first repair) lets an event commit
    just before it: the race of a rebuild with live events."""

    def __init__(self, uow, event) -> None:
        self._uow, self._event = uow, event

    def __getattr__(self, name):
        return getattr(self._uow, name)

    def run(self, work, **kw):
        if self._event:
            event, self._event = self._event, None
            event(self._uow)
        return self._uow.run(work, **kw)


def test_a_rebuild_while_events_arrive_loses_and_doubles_nothing() -> None:
    uow = fake_uow()
    ingest.record_visit(uow, "e1", _far("v1"))
    key = (T, "r1", "2026-11")
    uow.repo.month_docs[key] = uow.repo.month_docs[key].__class__(T, "r1", "2026-11")  # damaged
    racing = _EventDuringRepair(uow, lambda u: ingest.record_visit(u, "e2", _far("v2")))
    assert rebuild.rebuild(racing, T).months_repaired == 1
    assert _months(uow)[("r1", "2026-11")].credit.accuracy == 10  # both cards, once each
    assert rebuild.rebuild(uow, T).months_repaired == 0
