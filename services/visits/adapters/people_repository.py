"""MongoDB storage of visits' read model of the org directory (org.person.upserted)."""

from __future__ import annotations

from typing import Any

from pymongo import IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.mongo import IndexPlan
from services.visits.domain import people
from services.visits.domain.people import Person

INDEXES: IndexPlan = {
    "people": [
        IndexModel([("tenant_id", 1), ("supervisor_id", 1)], name="team"),
        IndexModel([("tenant_id", 1), ("roles", 1)], name="by_role"),
        IndexModel([("roles", 1), ("active", 1)], name="active_by_role"),
    ],
}
Doc = dict[str, Any]


def person_to_doc(person: Person) -> Doc:
    doc = {**vars(person), "_id": f"{person.tenant_id}:{person.person_id}"}
    doc["roles"] = sorted(person.roles)
    doc["region_codes"] = list(person.region_codes)
    return doc


def person_from_doc(doc: Doc) -> Person:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    fields["roles"] = frozenset(doc["roles"])
    fields["region_codes"] = tuple(doc["region_codes"])
    return Person(**fields)


class MongoPeopleDirectory:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._people = db["people"]
        self._s = session

    def get(self, tenant_id: str, person_id: str) -> Person | None:
        if not person_id:
            return None
        doc = self._people.find_one({"_id": f"{tenant_id}:{person_id}"}, session=self._s)
        return person_from_doc(doc) if doc else None

    def names(self, tenant_id: str, person_ids: list[str]) -> dict[str, str]:
        if not person_ids:
            return {}
        keys = [f"{tenant_id}:{pid}" for pid in dict.fromkeys(person_ids)]
        found = self._people.find(
            {"_id": {"$in": keys}}, {"person_id": 1, "name": 1}, session=self._s
        )
        return {doc["person_id"]: doc["name"] for doc in found if doc.get("name")}

    def upsert(self, person: Person) -> None:
        doc = person_to_doc(person)
        self._people.replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)

    def supervisor_of(self, tenant_id: str, rep_id: str) -> Person | None:
        rep = self.get(tenant_id, rep_id)
        return self.get(tenant_id, rep.supervisor_id) if rep else None

    def director_over(self, tenant_id: str, person_id: str) -> Person | None:
        return people.director_over(person_id, lambda pid: self.get(tenant_id, pid))

    def finance_covering(self, tenant_id: str, region_code: str) -> list[Person]:
        found = self._people.find(
            {"tenant_id": tenant_id, "roles": people.FINANCE}, session=self._s
        )
        everyone = map(person_from_doc, found)
        return sorted(
            (p for p in everyone if p.active and p.covers(region_code)), key=lambda p: p.person_id
        )

    def team(self, tenant_id: str, supervisor_id: str) -> list[Person]:
        found = self._people.find(
            {"tenant_id": tenant_id, "supervisor_id": supervisor_id}, session=self._s
        )
        return sorted(map(person_from_doc, found), key=lambda p: p.person_id)

    def active_reps(self, tenant_id: str = "") -> list[Person]:
        if tenant_id:
            query: Doc = {"tenant_id": tenant_id, "roles": people.REP}
        else:
            query = {"roles": people.REP, "active": True}
        found = map(person_from_doc, self._people.find(query, session=self._s))
        return sorted((p for p in found if p.active), key=lambda p: (p.tenant_id, p.person_id))
