"""Facts and aggregates as MongoDB documents and back. Times are stored as BSON dates
(millisecond precision: the event mapping truncates to it, so a fact read back equals the
fact written)."""

from __future__ import annotations

from datetime import date

from services.scoring.domain.credit import (
    GRACE_SECONDS,
    CreditFact,
    CreditPoints,
    PhotoFlagFact,
    VisitFact,
)
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import (
    CommitmentFact,
    LeadFact,
    LeadState,
    PlanFact,
    PlanItem,
    RatingFact,
)
from services.scoring.domain.heatmap import ScoringSettings, Thresholds
from services.scoring.domain.phi import Counters, Metric
from services.scoring.domain.recompute import MonthAggregate


def doc_id(tenant_id: str, *parts: str) -> str:
    return ":".join((tenant_id, *parts))


def _strip(doc: dict) -> dict:
    doc = dict(doc)
    doc.pop("_id", None)
    return doc


def person_doc(p: Person) -> dict:
    return {
        "_id": doc_id(p.tenant_id, p.person_id),
        **vars(p),
        "region_codes": list(p.region_codes),
    }


def person_of(doc: dict) -> Person:
    d = _strip(doc)
    return Person(**{**d, "region_codes": tuple(d["region_codes"])})


def lead_doc(f: LeadFact) -> dict:
    return {"_id": doc_id(f.tenant_id, f.key), **vars(f), "state": int(f.state),
            "day": f.day.isoformat()}  # fmt: skip


def lead_of(doc: dict) -> LeadFact:
    d = _strip(doc)
    d.pop("day")
    return LeadFact(**{**d, "state": LeadState(d["state"])})


def plan_doc(f: PlanFact) -> dict:
    return {"_id": doc_id(f.tenant_id, f.key), **vars(f), "plan_date": f.plan_date.isoformat(),
            "items": [vars(i) for i in f.items]}  # fmt: skip


def plan_of(doc: dict) -> PlanFact:
    d = _strip(doc)
    items = tuple(PlanItem(**i) for i in d.get("items", ()))
    return PlanFact(**{**d, "plan_date": date.fromisoformat(d["plan_date"]), "items": items})


def commitment_doc(f: CommitmentFact) -> dict:
    due = f.due_date.isoformat() if f.due_date else None
    return {"_id": doc_id(f.tenant_id, f.key), **vars(f), "due_date": due}


def commitment_of(doc: dict) -> CommitmentFact:
    d = _strip(doc)
    due = date.fromisoformat(d["due_date"]) if d["due_date"] else None
    return CommitmentFact(**{**d, "due_date": due})


def rating_doc(f: RatingFact) -> dict:
    return {"_id": doc_id(f.tenant_id, f.key), **vars(f)}


def rating_of(doc: dict) -> RatingFact:
    return RatingFact(**_strip(doc))


def credit_doc(tenant_id: str, f: CreditFact) -> dict:
    """The raw fact, flat: a recompute reads every one of them, and SecantusDB's cost per
    document grows with its fields (ADR 029). Its deductions are derived again on reading."""
    base = {"_id": doc_id(tenant_id, f.fact_id), "tenant_id": tenant_id, "fact_id": f.fact_id,
            "rep_id": f.rep_id, "month": f.month, "at": f.occurred_at}  # fmt: skip
    if f.visit:
        v = f.visit
        return {**base, "kind": "visit", "visit_id": v.visit_id, "store_id": v.store_id,
                "store_name": v.store_name, "missing": list(v.missing_items),
                "distance_m": v.distance_m, "distance_known": v.distance_known,
                "delay_s": v.submit_delay_seconds, "grace_s": v.grace_seconds}  # fmt: skip
    p = f.photo
    return {**base, "kind": "photo", "photo_id": p.photo_id, "visit_id": p.visit_id,  # type: ignore[union-attr]
            "earlier": p.earlier_photo_id, "detail": p.detail}  # type: ignore[union-attr]  # fmt: skip


def credit_of(doc: dict) -> CreditFact:
    t, rep, at = doc["tenant_id"], doc["rep_id"], doc["at"]
    if doc["kind"] == "visit":
        visit = VisitFact(t, doc["visit_id"], rep, at, doc["store_id"], doc["store_name"],
                          tuple(doc["missing"]), doc["distance_m"], doc["distance_known"],
                          doc["delay_s"], doc.get("grace_s", GRACE_SECONDS))  # fmt: skip
        return CreditFact(doc["fact_id"], visit=visit)
    photo = PhotoFlagFact(
        t, doc["photo_id"], rep, at, doc["visit_id"], doc["earlier"], doc["detail"]
    )
    return CreditFact(doc["fact_id"], photo=photo)


def month_of(doc: dict) -> MonthAggregate:
    days = {int(d): Counters.from_dict(c) for d, c in (doc.get("days") or {}).items()}
    credit = CreditPoints(**{k: int(v) for k, v in (doc.get("credit") or {}).items()})
    return MonthAggregate(doc["tenant_id"], doc["rep_id"], doc["month"], days, credit).normalised()


def month_doc(a: MonthAggregate) -> dict:
    return {
        "_id": doc_id(a.tenant_id, a.rep_id, a.month), "tenant_id": a.tenant_id,
        "rep_id": a.rep_id, "month": a.month,
        "days": {f"{d:02d}": c.as_dict() for d, c in a.days.items()},
        "credit": vars(a.credit),
    }  # fmt: skip


def settings_doc(s: ScoringSettings) -> dict:
    thresholds = {m.value: vars(t) for m, t in s.thresholds.items()}
    return {"_id": s.tenant_id, **vars(s), "thresholds": thresholds}


def settings_of(doc: dict) -> ScoringSettings:
    d = _strip(doc)
    thresholds = {Metric(k): Thresholds(**v) for k, v in d["thresholds"].items()}
    return ScoringSettings(**{**d, "thresholds": thresholds})
