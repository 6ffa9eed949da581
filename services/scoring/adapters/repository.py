"""scoring's MongoDB repository: raw facts one document per natural key, one aggregate
document per rep and month changed only by $inc (ADR 029), the directory, settings, and the
first slice's running rep figures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from pymongo import ASCENDING, DESCENDING, IndexModel, ReplaceOne, UpdateOne
from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.mongo import IndexPlan
from services.scoring.adapters import buckets
from services.scoring.adapters import documents as docs
from services.scoring.application.ports import MonthFacts, Page
from services.scoring.domain.credit import CreditFact, CreditPoints
from services.scoring.domain.directory import Person, covers
from services.scoring.domain.facts import OPEN, CommitmentFact, LeadFact, PlanFact, RatingFact
from services.scoring.domain.heatmap import ScoringSettings
from services.scoring.domain.periods import month_first_day
from services.scoring.domain.phi import Counters
from services.scoring.domain.recompute import MonthAggregate
from services.scoring.domain.rep_stats import RepStats, StatsDelta

BATCH = 5000  # full scans read in large batches: a recompute is bound by round trips
IN_CHUNK = 100
# What a recompute reads of a fact (the rest keeps its default): SecantusDB's cost of a
# document grows with the fields it sends.
LEAN_LEAD = {f: 1 for f in ("tenant_id", "lead_id", "rep_id", "assigned_at", "state", "day")}
LEAN_COMMITMENT = {f: 1 for f in ("tenant_id", "commitment_id", "rep_id", "due_date", "status",
                                  "on_time")}  # fmt: skip


def _ix(*keys: str, name: str) -> IndexModel:
    return IndexModel([(k, ASCENDING) for k in keys], name=name)


INDEXES: IndexPlan = {
    "rep_stats": [],  # keyed by _id = tenant:rep
    "rep_stats_counted": [],  # keyed by _id = tenant:visit:id / tenant:commitment:id
    "credit_latest": [],  # keyed by _id = tenant:rep
    "people": [_ix("tenant_id", "is_rep", "team_id", name="reps_by_team")],
    "leads": [_ix("tenant_id", "rep_id", "day", "_id", name="rep_days")],
    "plans": [_ix("tenant_id", "rep_id", "plan_date", name="rep_days")],
    "commitments": [
        _ix("tenant_id", "rep_id", "due_date", name="rep_due"),
        _ix("tenant_id", "rep_id", "status", "due_date", name="rep_open_due"),
    ],
    "ratings": [_ix("tenant_id", "rep_id", "week", name="rep_week")],
    "credit_facts": [_ix("tenant_id", "rep_id", "month", "fact_id", name="rep_month")],
    "fact_buckets": [],  # _id = tenant:rep:month:kind, read by an _id range (ADR 038)
    "rep_months": [
        _ix("tenant_id", "month", name="by_month"),
        IndexModel(
            [("tenant_id", ASCENDING), ("rep_id", ASCENDING), ("month", DESCENDING)],
            name="rep_latest",
        ),
    ],  # fmt: skip
}


class MongoScoringRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._db = db
        self._s = session

    def _c(self, name: str):
        return self._db[name]

    def _get(self, collection: str, _id: str) -> dict | None:
        return self._c(collection).find_one({"_id": _id}, session=self._s)

    def _put(self, collection: str, doc: dict) -> None:
        self._c(collection).replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)

    def _insert_new(self, collection: str, doc: dict) -> bool:
        fields = {k: v for k, v in doc.items() if k != "_id"}
        result = self._c(collection).update_one(
            {"_id": doc["_id"]}, {"$setOnInsert": fields}, upsert=True, session=self._s
        )
        return result.upserted_id is not None

    def _page(self, collection: str, query: dict, page: Page, tenant_id: str, inclusive=False):
        if page.after:
            query["_id"] = {"$gte" if inclusive else "$gt": docs.doc_id(tenant_id, page.after)}
        cursor = self._c(collection).find(query, session=self._s).sort("_id", ASCENDING)
        return list(cursor.limit(page.limit))

    # -- the directory ---------------------------------------------------------------------
    def save_person(self, person: Person) -> bool:
        old = self.person(person.tenant_id, person.person_id)
        if old is not None and old.as_of > person.as_of:
            return False
        self._put("people", docs.person_doc(person))
        return True

    def person(self, tenant_id: str, person_id: str) -> Person | None:
        found = self._get("people", docs.doc_id(tenant_id, person_id))
        return docs.person_of(found) if found else None

    def reps(self, tenant_id: str, *, team_id: str = "", region_code: str = "") -> list[Person]:
        # "active" is filtered here, not in the query: outside the index it made the embedded
        # server's plan almost 3x slower (13 -> 36 ms for a team, measured).
        query: dict = {"tenant_id": tenant_id, "is_rep": True}
        if team_id:
            query["team_id"] = team_id
        found = [docs.person_of(d) for d in self._c("people").find(query, session=self._s)]
        found = [p for p in found if p.active]
        if region_code:
            found = [p for p in found if covers(region_code, p.region_codes)]
        return sorted(found, key=lambda p: p.person_id)

    # -- raw facts -------------------------------------------------------------------------
    def lead(self, tenant_id: str, key: str) -> LeadFact | None:
        found = self._get("leads", docs.doc_id(tenant_id, key))
        return docs.lead_of(found) if found else None

    def save_lead(self, fact: LeadFact) -> None:
        self._put("leads", docs.lead_doc(fact))
        self._bucket(fact.tenant_id, [fact])

    def plan(self, tenant_id: str, rep_id: str, day: date) -> PlanFact | None:
        found = self._get("plans", docs.doc_id(tenant_id, rep_id, day.isoformat()))
        return docs.plan_of(found) if found else None

    def save_plan(self, fact: PlanFact) -> None:
        self._put("plans", docs.plan_doc(fact))
        self._bucket(fact.tenant_id, [fact])

    def commitment(self, tenant_id: str, commitment_id: str) -> CommitmentFact | None:
        found = self._get("commitments", docs.doc_id(tenant_id, commitment_id))
        return docs.commitment_of(found) if found else None

    def save_commitment(self, fact: CommitmentFact) -> None:
        self._put("commitments", docs.commitment_doc(fact))
        self._bucket(fact.tenant_id, [fact])

    def add_rating(self, fact: RatingFact) -> bool:
        return self._insert_new("ratings", docs.rating_doc(fact))

    def add_credit_fact(self, tenant_id: str, fact: CreditFact) -> bool:
        if not self._insert_new("credit_facts", docs.credit_doc(tenant_id, fact)):
            return False
        self._bucket(tenant_id, [fact])
        return True

    def _bucket(self, tenant_id: str, facts: list) -> None:
        """The recompute's copy of the facts, in the same transaction (ADR 038)."""
        found = buckets.writes(tenant_id, facts)
        if found:
            self._c("fact_buckets").bulk_write(found, ordered=False, session=self._s)

    def recompute_facts(self, tenant_id: str) -> MonthFacts:
        # An _id range of the tenant: the primary index (a filter on tenant_id costs the
        # embedded server ~25 us more a document, measured).
        query = {"_id": {"$gte": f"{tenant_id}:", "$lt": f"{tenant_id};"}}
        found: dict[str, list] = {k: [] for k in (buckets.LEAD, buckets.PLAN, buckets.COMMITMENT,
                                                  buckets.CREDIT)}  # fmt: skip
        for doc in self._c("fact_buckets").find(query, session=self._s).batch_size(BATCH):
            found[doc["kind"]] += buckets.facts_of(doc)
        return MonthFacts(found[buckets.LEAD], found[buckets.PLAN], found[buckets.COMMITMENT],
                          found[buckets.CREDIT])  # fmt: skip

    # -- many facts at once (ADR 037): one $in read or one bulk write each -----------------
    def _by_ids(self, collection: str, tenant_id: str, keys: list[str], projection=None):
        # At most IN_CHUNK values an $in: SecantusDB's cost of one grows faster than
        # linearly (measured: 100 ids 34 ms, 1,000 ids 1.7 s).
        ids = list(dict.fromkeys(docs.doc_id(tenant_id, k) for k in keys))
        found: list[dict] = []
        for i in range(0, len(ids), IN_CHUNK):
            query = {"_id": {"$in": ids[i : i + IN_CHUNK]}}
            found += self._c(collection).find(query, projection, session=self._s)
        return found

    def _ids(self, collection: str, tenant_id: str, keys: list[str]) -> set[str]:
        cut = len(tenant_id) + 1
        return {d["_id"][cut:] for d in self._by_ids(collection, tenant_id, keys, {"_id": 1})}

    def _replace_all(self, collection: str, documents: list[dict]) -> None:
        if documents:
            writes = [ReplaceOne({"_id": d["_id"]}, d, upsert=True) for d in documents]
            self._c(collection).bulk_write(writes, ordered=False, session=self._s)

    def _insert_all(self, collection: str, documents: list[dict]) -> None:
        if documents:
            self._c(collection).insert_many(documents, ordered=False, session=self._s)

    def people(self, tenant_id: str, person_ids: list[str]) -> dict[str, Person]:
        found = (docs.person_of(d) for d in self._by_ids("people", tenant_id, person_ids))
        return {p.person_id: p for p in found}

    def plans_by_key(self, tenant_id: str, keys: list[str]) -> dict[str, PlanFact]:
        found = (docs.plan_of(d) for d in self._by_ids("plans", tenant_id, keys))
        return {f.key: f for f in found}

    def commitments_by_id(self, tenant_id: str, ids: list[str]) -> dict[str, CommitmentFact]:
        found = (docs.commitment_of(d) for d in self._by_ids("commitments", tenant_id, ids))
        return {f.key: f for f in found}

    def known_ratings(self, tenant_id: str, visit_ids: list[str]) -> set[str]:
        return self._ids("ratings", tenant_id, visit_ids)

    def known_credit_facts(self, tenant_id: str, fact_ids: list[str]) -> set[str]:
        return self._ids("credit_facts", tenant_id, fact_ids)

    def save_plans(self, facts: list[PlanFact]) -> None:
        self._replace_all("plans", [docs.plan_doc(f) for f in facts])
        self._bucket(facts[0].tenant_id if facts else "", facts)

    def save_commitments(self, facts: list[CommitmentFact]) -> None:
        self._replace_all("commitments", [docs.commitment_doc(f) for f in facts])
        self._bucket(facts[0].tenant_id if facts else "", facts)

    def insert_ratings(self, facts: list[RatingFact]) -> None:
        self._insert_all("ratings", [docs.rating_doc(f) for f in facts])

    def insert_credit_facts(self, tenant_id: str, facts: list[CreditFact]) -> None:
        self._insert_all("credit_facts", [docs.credit_doc(tenant_id, f) for f in facts])
        self._bucket(tenant_id, facts)

    def add_to_months(self, changes: list[MonthAggregate]) -> None:
        writes = [UpdateOne(*self._month_inc(a.tenant_id, a.rep_id, a.month, a.days, a.credit),
                            upsert=True) for a in changes]  # fmt: skip
        if writes:
            self._c("rep_months").bulk_write(writes, ordered=False, session=self._s)
        latest: dict[tuple[str, str], str] = {}
        for a in changes:
            if a.credit.deductions > 0:
                key = (a.tenant_id, a.rep_id)
                latest[key] = max(latest.get(key, ""), a.month)
        pointers = [UpdateOne(*self._pointer(t, r, m), upsert=True) for (t, r), m in latest.items()]
        if pointers:
            self._c("credit_latest").bulk_write(pointers, ordered=False, session=self._s)

    def latest_credit_months(self, tenant_id: str, rep_ids: list[str]) -> dict:
        pointers = list(self._by_ids("credit_latest", tenant_id, rep_ids))
        keys = [f"{p['rep_id']}:{p['month']}" for p in pointers]
        found = (docs.month_of(d) for d in self._by_ids("rep_months", tenant_id, keys))
        return {a.rep_id: a for a in found}

    def apply_deltas(self, tenant_id: str, deltas: dict[str, StatsDelta], now: datetime) -> None:
        writes = [UpdateOne({"_id": f"{tenant_id}:{rep_id}"},
                            self._stats_update(tenant_id, rep_id, delta, now), upsert=True)
                  for rep_id, delta in deltas.items()]  # fmt: skip
        if writes:
            self._c("rep_stats").bulk_write(writes, ordered=False, session=self._s)

    def first_counted(self, tenant_id: str, keys: list[str]) -> set[str]:
        keys = list(dict.fromkeys(keys))
        seen = self._ids("rep_stats_counted", tenant_id, keys)
        new = [k for k in keys if k not in seen]
        marks = [{"_id": docs.doc_id(tenant_id, k), "tenant_id": tenant_id} for k in new]
        self._insert_all("rep_stats_counted", marks)
        return set(new)

    # -- aggregates ------------------------------------------------------------------------
    def _month_inc(self, tenant_id, rep_id, month, days, credit) -> tuple[dict, dict]:
        inc = {f"days.{d:02d}.{k}": v for d, c in days.items() for k, v in c.as_dict().items() if v}
        inc |= {f"credit.{k}": v for k, v in vars(credit).items() if v}
        return {"_id": docs.doc_id(tenant_id, rep_id, month)}, {
            "$inc": inc,
            "$setOnInsert": {"tenant_id": tenant_id, "rep_id": rep_id, "month": month},
        }

    def _pointer(self, tenant_id: str, rep_id: str, month: str) -> tuple[dict, dict]:
        return {"_id": docs.doc_id(tenant_id, rep_id)}, {
            "$max": {"month": month}, "$setOnInsert": {"tenant_id": tenant_id, "rep_id": rep_id}
        }  # fmt: skip

    def add_to_month(
        self,
        tenant_id: str,
        rep_id: str,
        month: str,
        days: dict[int, Counters],
        credit: CreditPoints,
    ) -> None:
        query, update = self._month_inc(tenant_id, rep_id, month, days, credit)
        if not update["$inc"]:
            return
        self._c("rep_months").update_one(query, update, upsert=True, session=self._s)
        if credit.deductions > 0:
            self._point_at(tenant_id, rep_id, month)

    # Each rep's latest month with a credit fact, as a pointer document read by _id: every
    # credit fact asks for it, and a sorted query over rep_months took 130-200 ms on the
    # loaded embedded server against ~20 ms for an _id read (measured in bench/scoring_calls).
    def _point_at(self, tenant_id: str, rep_id: str, month: str) -> None:
        query, update = self._pointer(tenant_id, rep_id, month)
        self._c("credit_latest").update_one(query, update, upsert=True, session=self._s)

    def _repoint(self, tenant_id: str, rep_id: str) -> None:
        """After a repair: the pointer again from the months themselves (operators only)."""
        latest = self._latest_by_query(tenant_id, rep_id)
        pointer = {"_id": docs.doc_id(tenant_id, rep_id)}
        if latest is None:
            self._c("credit_latest").delete_one(pointer, session=self._s)
            return
        self._put("credit_latest", {**pointer, "tenant_id": tenant_id, "rep_id": rep_id,
                                    "month": latest.month})  # fmt: skip

    def months(self, tenant_id: str, rep_ids: list[str], months: list[str]) -> list[MonthAggregate]:
        ids = [docs.doc_id(tenant_id, r, m) for r in rep_ids for m in months]
        found = self._c("rep_months").find({"_id": {"$in": ids}}, session=self._s)
        return [docs.month_of(d) for d in found]

    def latest_credit_month(self, tenant_id: str, rep_id: str) -> MonthAggregate | None:
        pointer = self._get("credit_latest", docs.doc_id(tenant_id, rep_id))
        if pointer is None:
            return None
        found = self._get("rep_months", docs.doc_id(tenant_id, rep_id, pointer["month"]))
        return docs.month_of(found) if found else None

    def _latest_by_query(self, tenant_id: str, rep_id: str) -> MonthAggregate | None:
        query = {"tenant_id": tenant_id, "rep_id": rep_id, "credit.deductions": {"$gt": 0}}
        found = self._c("rep_months").find(query, session=self._s).sort("month", DESCENDING)
        latest = next(iter(found.limit(1)), None)
        return docs.month_of(latest) if latest else None

    def credit_months(self, tenant_id: str, month: str) -> list[MonthAggregate]:
        query = {"tenant_id": tenant_id, "month": month, "credit.deductions": {"$gt": 0}}
        found = self._c("rep_months").find(query, session=self._s).sort("_id", ASCENDING)
        return [docs.month_of(d) for d in found]

    def all_months(self, tenant_id: str) -> list[MonthAggregate]:
        found = self._c("rep_months").find({"tenant_id": tenant_id}, session=self._s)
        return [docs.month_of(d) for d in found.sort("_id", ASCENDING).batch_size(BATCH)]

    def put_month(self, aggregate: MonthAggregate) -> None:
        self._put("rep_months", docs.month_doc(aggregate.normalised()))
        self._repoint(aggregate.tenant_id, aggregate.rep_id)

    def delete_month(self, tenant_id: str, rep_id: str, month: str) -> None:
        self._c("rep_months").delete_one(
            {"_id": docs.doc_id(tenant_id, rep_id, month)}, session=self._s
        )
        self._repoint(tenant_id, rep_id)

    # -- full scans ------------------------------------------------------------------------
    def _scan(self, collection: str, tenant_id: str, convert, projection=None) -> Iterable:
        query = {"tenant_id": tenant_id}
        found = self._c(collection).find(query, projection, session=self._s)
        return (convert(d) for d in found.batch_size(BATCH))

    def all_leads(self, tenant_id: str, lean: bool = False) -> Iterable[LeadFact]:
        projection = LEAN_LEAD if lean else None
        return self._scan("leads", tenant_id, docs.lead_of, projection)

    def all_plans(self, tenant_id: str, with_items: bool = True) -> Iterable[PlanFact]:
        # A recompute needs the counts, not the items: leaving them on the server is the
        # largest saving of the scan (measured: 3x on the plan documents).
        projection = None if with_items else {"items": 0}
        return self._scan("plans", tenant_id, docs.plan_of, projection)

    def all_commitments(self, tenant_id: str, lean: bool = False) -> Iterable[CommitmentFact]:
        projection = LEAN_COMMITMENT if lean else None
        return self._scan("commitments", tenant_id, docs.commitment_of, projection)

    def all_credit_facts(self, tenant_id: str) -> Iterable[CreditFact]:
        return self._scan("credit_facts", tenant_id, docs.credit_of)

    def facts_of_month(self, tenant_id: str, rep_id: str, month: str) -> MonthFacts:
        first = month_first_day(month)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)

        def between(collection: str, field: str, convert, projection=None) -> list:
            query = {"tenant_id": tenant_id, "rep_id": rep_id, **self._between(field, first, last)}
            return [
                convert(d) for d in self._c(collection).find(query, projection, session=self._s)
            ]

        credit_query = {"tenant_id": tenant_id, "rep_id": rep_id, "month": month}
        credit = self._c("credit_facts").find(credit_query, session=self._s)
        return MonthFacts(
            between("leads", "day", docs.lead_of), between("plans", "plan_date", docs.plan_of, {"items": 0}),
            between("commitments", "due_date", docs.commitment_of), [docs.credit_of(d) for d in credit],
        )  # fmt: skip

    # -- drill-down lists --------------------------------------------------------------------
    def _between(self, field: str, first: date, last: date) -> dict:
        # An exclusive upper bound: SecantusDB 0.7 drops the documents equal to an $lte
        # bound when the range runs on a compound index (measured in the contract test).
        return {field: {"$gte": first.isoformat(), "$lt": (last + timedelta(days=1)).isoformat()}}

    def leads_between(self, tenant_id, rep_id, first, last, page) -> list[LeadFact]:
        query = {"tenant_id": tenant_id, "rep_id": rep_id, **self._between("day", first, last)}
        return [docs.lead_of(d) for d in self._page("leads", query, page, tenant_id)]

    def plans_between(self, tenant_id, rep_id, first, last, page) -> list[PlanFact]:
        query = {
            "tenant_id": tenant_id,
            "rep_id": rep_id,
            **self._between("plan_date", first, last),
        }
        return [docs.plan_of(d) for d in self._page("plans", query, page, tenant_id)]

    def commitments_due_between(self, tenant_id, rep_id, first, last, page) -> list[CommitmentFact]:
        query = {"tenant_id": tenant_id, "rep_id": rep_id, **self._between("due_date", first, last)}
        return [docs.commitment_of(d) for d in self._page("commitments", query, page, tenant_id)]

    def _overdue_query(self, tenant_id: str, rep_id: str, today: date) -> dict:
        return {"tenant_id": tenant_id, "rep_id": rep_id, "status": OPEN,
                "due_date": {"$lt": today.isoformat()}}  # fmt: skip

    def overdue_commitments(self, tenant_id, rep_id, today, page) -> list[CommitmentFact]:
        query = self._overdue_query(tenant_id, rep_id, today)
        return [docs.commitment_of(d) for d in self._page("commitments", query, page, tenant_id)]

    def count_overdue(self, tenant_id: str, rep_id: str, today: date) -> int:
        query = self._overdue_query(tenant_id, rep_id, today)
        return self._c("commitments").count_documents(query, session=self._s)

    def ratings_of_week(self, tenant_id, rep_id, week, page) -> list[RatingFact]:
        query = {"tenant_id": tenant_id, "rep_id": rep_id, "week": week}
        return [docs.rating_of(d) for d in self._page("ratings", query, page, tenant_id)]

    def credit_facts(self, tenant_id, rep_id, month, page) -> list[CreditFact]:
        query = {"tenant_id": tenant_id, "rep_id": rep_id, "month": month}
        found = self._page("credit_facts", query, page, tenant_id, inclusive=True)
        return [docs.credit_of(d) for d in found]

    # -- settings ----------------------------------------------------------------------------
    def settings(self, tenant_id: str) -> ScoringSettings | None:
        found = self._get("settings", tenant_id)
        return docs.settings_of(found) if found else None

    def save_settings(self, settings: ScoringSettings) -> None:
        self._put("settings", docs.settings_doc(settings))

    # -- rep stats ---------------------------------------------------------------------------
    def _stats_update(self, tenant_id, rep_id, delta: StatsDelta, now: datetime) -> dict:
        update: dict = {
            "$inc": delta.increments,
            "$set": {"updated_at": now},
            "$setOnInsert": {"tenant_id": tenant_id, "rep_id": rep_id},
        }
        if delta.visit_at is not None:
            update["$max"] = {"last_visit_at": delta.visit_at}
        return update

    def apply_delta(self, tenant_id: str, rep_id: str, delta: StatsDelta, now: datetime) -> None:
        update = self._stats_update(tenant_id, rep_id, delta, now)
        self._c("rep_stats").update_one(
            {"_id": f"{tenant_id}:{rep_id}"}, update, upsert=True, session=self._s
        )

    def get(self, tenant_id: str, rep_id: str) -> RepStats | None:
        doc = self._get("rep_stats", f"{tenant_id}:{rep_id}")
        if doc is None:
            return None
        doc.pop("_id")
        return RepStats(**doc)
