"""ADR 029's claim, property-tested: over random streams of PHI and data-credit events, with
duplicates (the same event again, and the same fact under a new event id) and any order,
the incrementally-kept aggregates equal a full recompute from the stored facts, and equal
what the same events in their natural order give."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.scoring.application import history, ingest, rebuild
from services.scoring.domain import credit as c
from services.scoring.domain.facts import CommitmentFact, LeadFact, LeadState, PlanFact
from services.scoring.domain.recompute import recompute
from tests.fakes.scoring import fake_uow

T = "t"
START = datetime(2026, 11, 28, 16, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 5, tzinfo=UTC)  # straddles a month and a week
reps = st.sampled_from(["r1", "r2", "r3"])
instants = st.integers(0, 6 * 24).map(lambda h: START + timedelta(hours=h))
days = st.integers(0, 6).map(lambda d: date(2026, 11, 28) + timedelta(days=d))

leads = st.builds(
    lambda lead, rep, at, state: ("lead", LeadFact(T, f"l{lead}", rep, at, LeadState(state))),
    st.integers(0, 5), reps, instants, st.integers(0, 3),
)  # fmt: skip
plans = st.builds(
    lambda rep, day, version, planned, done: (
        "plan", PlanFact(T, rep, day, version, planned, min(done, planned))),
    reps, days, st.integers(1, 4), st.integers(0, 6), st.integers(0, 6),
)  # fmt: skip
commitments = st.builds(
    lambda cid, status, on_time, at: ("commitment", CommitmentFact(
        T, f"c{cid}", f"r{cid % 3 + 1}", date(2026, 11, 28) + timedelta(days=cid), status,
        on_time and status != "open", at if status != "open" else None, reminders=0)),
    st.integers(0, 6), st.sampled_from(["open", "done", "cancelled"]), st.booleans(), instants,
)  # fmt: skip
visits = st.builds(
    lambda vid, rep, at, missing, far, delay: ("credit", c.visit_fact(c.VisitFact(
        T, f"v{vid}", rep, at, missing_items=missing, distance_m=far, distance_known=True,
        submit_delay_seconds=delay))),
    st.integers(0, 8), reps, instants,
    st.lists(st.sampled_from(sorted(c.ITEM_ZH)), max_size=3, unique=True).map(tuple),
    st.sampled_from([10.0, 499.0, 501.0, 2000.0]), st.integers(0, 20 * 3600),
)  # fmt: skip
photos = st.builds(
    lambda pid, rep, at: ("credit", c.photo_fact(c.PhotoFlagFact(T, f"p{pid}", rep, at))),
    st.integers(0, 5), reps, instants,
)  # fmt: skip


def sighting(event) -> tuple:
    """What makes two sightings the same: producers never send two different contents for
    one (a card is submitted once, a plan version is one state of the day, a close happens
    once at its time), so the stream keeps one content per sighting."""
    kind, f = event
    if kind == "lead":
        return kind, f.key, f.state
    if kind == "plan":
        return kind, f.key, f.version
    if kind == "commitment":
        return kind, f.commitment_id, f.status, f.closed_at
    return kind, f.fact_id


events = st.lists(st.one_of(leads, plans, commitments, visits, photos), max_size=40,
                  unique_by=sighting)  # fmt: skip

RECORD = {
    "lead": lambda uow, eid, f: ingest.record_lead(uow, eid, f),
    "plan": lambda uow, eid, f: ingest.record_plan(uow, eid, f),
    "commitment": lambda uow, eid, f: ingest.record_commitment(uow, eid, f),
    "credit": lambda uow, eid, f: ingest.record_credit_fact(uow, eid, T, f),
}


CHUNKED = {"plan", "commitment", "credit"}  # the kinds a visit.history_imported chunk carries


def _chunk(facts) -> history.HistoryChunk:
    """A history chunk of these sightings, in their order (photos are no visit items)."""
    return history.HistoryChunk(
        T,
        visits=tuple(f.visit for k, f in facts if k == "credit" and f.visit),
        commitments=tuple(f for k, f in facts if k == "commitment"),
        plans=tuple(f for k, f in facts if k == "plan"),
    )


def _chunkable(event) -> bool:
    kind, fact = event
    return kind in CHUNKED and not (kind == "credit" and fact.photo)


def _apply(stream):
    uow = fake_uow()
    for event_id, item in stream:
        if event_id.startswith("chunk"):
            history.record_history(uow, event_id, _chunk(item), NOW)
        else:
            kind, fact = item
            RECORD[kind](uow, event_id, fact)
    return uow


def _with_chunks(noisy, rnd, chunks: int):
    """Some runs of chunkable events (and copies of them) travel as history chunks instead:
    the same facts, a different event, any position in the stream."""
    chunkable = [e for _, e in noisy if _chunkable(e)]
    found = list(noisy)
    for n in range(chunks if chunkable else 0):
        picked = rnd.sample(chunkable, rnd.randint(1, min(12, len(chunkable))))
        found.insert(rnd.randint(0, len(found)), (f"chunk{n}", picked))
    return found


def _aggregates(uow):
    return {(a.rep_id, a.month): a for a in uow.repo.all_months(T) if not a.is_empty()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events, st.randoms(use_true_random=False), st.integers(0, 10), st.integers(0, 4))
def test_incremental_equals_recompute_under_duplicates_and_reordering(
    stream, rnd, dups, chunks
) -> None:
    natural = list(enumerate(stream))
    noisy = [(f"e{i}", e) for i, e in natural]
    noisy += [rnd.choice(noisy) for _ in range(dups) if noisy]  # the same event again
    noisy += [(f"again{i}", e) for i, e in natural[:dups]]  # the same fact, a new event id
    rnd.shuffle(noisy)
    uow = _apply(_with_chunks(noisy, rnd, chunks))
    repo = uow.repo
    expected = recompute(T, repo.all_leads(T), repo.all_plans(T), repo.all_commitments(T),
                         repo.all_credit_facts(T))  # fmt: skip
    assert _aggregates(uow) == {k: v for k, v in expected.items() if not v.is_empty()}
    assert _aggregates(uow) == _aggregates(_apply([(f"e{i}", e) for i, e in natural]))
    assert rebuild.rebuild(uow, T).months_repaired == 0
