"""The recompute's copy of the raw facts: one document per (rep, month, kind) holding what a
recompute reads of each fact, keyed by the fact's natural key (ADR 038).

Written in the same transaction as the fact itself (a `$set` of the fact's key, so a
rewrite replaces and a duplicate changes nothing), read by RebuildScores instead of one
document per fact: SecantusDB costs ~55 us a document whatever its size, and 108,000 facts
become ~2,400 documents. The per-fact documents stay the source of the drill-downs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pymongo import UpdateOne

from services.scoring.domain.credit import CreditFact, PhotoFlagFact, VisitFact
from services.scoring.domain.facts import CommitmentFact, LeadFact, LeadState, PlanFact
from services.scoring.domain.periods import month_key

LEAD, PLAN, COMMITMENT, CREDIT = "lead", "plan", "commitment", "credit"
Fact = LeadFact | PlanFact | CommitmentFact | CreditFact


def _field(key: str) -> str:
    # A field name may hold neither "." nor a leading "$": escaped, and never read back
    # (the entry carries the ids it needs).
    return "facts." + key.replace("%", "%25").replace(".", "%2E").replace("$", "%24")


def entry(tenant_id: str, fact: Fact) -> tuple[str, str, str, str, list] | None:
    """(kind, rep, month, key, compact entry), or None for a fact that counts in no month."""
    if isinstance(fact, LeadFact):
        entry_ = [fact.lead_id, fact.assigned_at, int(fact.state)]
        return LEAD, fact.rep_id, month_key(fact.day), fact.key, entry_
    if isinstance(fact, PlanFact):
        entry_ = [fact.plan_date.isoformat(), fact.version, fact.planned, fact.completed]
        return PLAN, fact.rep_id, month_key(fact.plan_date), fact.key, entry_
    if isinstance(fact, CommitmentFact):
        if fact.due_date is None:
            return None
        entry_ = [fact.commitment_id, fact.due_date.isoformat(), fact.status, fact.on_time]
        return COMMITMENT, fact.rep_id, month_key(fact.due_date), fact.key, entry_
    return CREDIT, fact.rep_id, fact.month, fact.fact_id, _credit_entry(fact)


def _credit_entry(f: CreditFact) -> list:
    if f.visit:
        v = f.visit
        return ["v", v.visit_id, v.checked_out_at, list(v.missing_items), v.distance_m,
                v.distance_known, v.submit_delay_seconds, v.grace_seconds]  # fmt: skip
    p = f.photo
    return ["p", p.photo_id, p.flagged_at]  # type: ignore[union-attr]


def writes(tenant_id: str, facts: Iterable[Fact]) -> list[UpdateOne]:
    """One upsert a bucket, setting each of its facts' entries."""
    by_bucket: dict[str, dict] = {}
    heads: dict[str, dict] = {}
    for fact in facts:
        found = entry(tenant_id, fact)
        if found is None:
            continue
        kind, rep, month, key, item = found
        bucket = f"{tenant_id}:{rep}:{month}:{kind}"
        by_bucket.setdefault(bucket, {})[_field(key)] = item
        heads[bucket] = {"tenant_id": tenant_id, "rep_id": rep, "month": month, "kind": kind}
    return [UpdateOne({"_id": b}, {"$set": sets, "$setOnInsert": heads[b]}, upsert=True)
            for b, sets in by_bucket.items()]  # fmt: skip


def facts_of(doc: dict) -> list[Fact]:
    """A bucket's facts as a recompute needs them (descriptive fields keep their defaults)."""
    t, rep, kind = doc["tenant_id"], doc["rep_id"], doc["kind"]
    items = (doc.get("facts") or {}).values()
    if kind == LEAD:
        return [LeadFact(t, lid, rep, at, LeadState(state)) for lid, at, state in items]
    if kind == PLAN:
        return [PlanFact(t, rep, date.fromisoformat(d), v, p, c) for d, v, p, c in items]
    if kind == COMMITMENT:
        return [CommitmentFact(t, cid, rep, date.fromisoformat(due), status, on_time)
                for cid, due, status, on_time in items]  # fmt: skip
    return [_credit_of(t, rep, item) for item in items]


def _credit_of(t: str, rep: str, item: list) -> CreditFact:
    if item[0] == "v":
        _, vid, at, missing, distance, known, delay, grace = item
        visit = VisitFact(t, vid, rep, at, "", "", tuple(missing), distance, known, delay, grace)
        return CreditFact(f"visit:{vid}", visit=visit)
    _, pid, at = item
    return CreditFact(f"photo:{pid}", photo=PhotoFlagFact(t, pid, rep, at))
