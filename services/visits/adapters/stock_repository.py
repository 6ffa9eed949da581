"""MongoDB storage of stock levels, sample holds and claims, movements and operations.

A stock document is one SKU at one location. Holds are taken and given back by single
conditional updates by `_id` (with `hint="_id_"`, ADR 014); the pipeline form of `take`
records the balance it left inside the hold itself, so the movement later stored with the
card says exactly what the car held after this card, whatever other cards did since.
"""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import FailedPrecondition
from services.common.mongo import BY_ID, IndexPlan
from services.visits.domain.stock import (
    ClaimState,
    Hold,
    Location,
    Movement,
    MovementReason,
    OperationKind,
    OperationLine,
    StockLevel,
    StockOperation,
    list_key,
    parse_location,
)

SEP = "\x1f"  # ids are printable (domain/stock.py check_id), so this never occurs in one

INDEXES: IndexPlan = {
    "stock": [
        IndexModel([("tenant_id", ASCENDING), ("list_key", ASCENDING)], name="by_list_key"),
        IndexModel(
            [("tenant_id", ASCENDING), ("location", ASCENDING), ("list_key", ASCENDING)],
            name="by_location",
        ),
        IndexModel([("holds.at", ASCENDING)], name="held_since", sparse=True),
    ],
    "stock_movements": [
        IndexModel(
            [("tenant_id", ASCENDING), ("location", ASCENDING), ("_id", DESCENDING)],
            name="by_location_newest",
        ),
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("location", ASCENDING),
                ("sku", ASCENDING),
                ("_id", DESCENDING),
            ],
            name="by_location_sku_newest",
        ),
    ],
    "stock_claims": [],  # by _id only
    "stock_operations": [],  # by _id only
}


def _key(tenant_id: str, location: Location, sku: str) -> str:
    return SEP.join((tenant_id, location.code, sku))


def _location(code: str) -> Location:
    location = parse_location(code)
    assert location is not None, f"stored location {code!r} is not a location"
    return location


def _hold(doc: dict[str, Any]) -> Hold:
    return Hold(
        doc["visit_id"], doc["claim_id"], doc["quantity"], doc["balance_after"], as_utc(doc["at"])
    )


def _level(doc: dict[str, Any]) -> StockLevel:
    return StockLevel(
        tenant_id=doc["tenant_id"],
        location=_location(doc["location"]),
        sku=doc["sku"],
        balance=doc["balance"],
        holds=[_hold(h) for h in doc.get("holds", [])],
        updated_at=as_utc(doc["updated_at"]) if doc.get("updated_at") else None,
    )


def movement_to_doc(m: Movement) -> dict[str, Any]:
    return {
        "_id": m.movement_id,
        "tenant_id": m.tenant_id,
        "location": m.location.code,
        "sku": m.sku,
        "delta": m.delta,
        "balance_after": m.balance_after,
        "reason": m.reason.value,
        "at": m.at,
        "actor_id": m.actor_id,
        "visit_id": m.visit_id,
        "transfer_id": m.transfer_id,
        "operation_id": m.operation_id,
        "note": m.note,
    }


def movement_from_doc(d: dict[str, Any]) -> Movement:
    return Movement(
        movement_id=d["_id"],
        tenant_id=d["tenant_id"],
        location=_location(d["location"]),
        sku=d["sku"],
        delta=d["delta"],
        balance_after=d["balance_after"],
        reason=MovementReason(d["reason"]),
        at=as_utc(d["at"]),
        actor_id=d["actor_id"],
        visit_id=d["visit_id"],
        transfer_id=d["transfer_id"],
        operation_id=d["operation_id"],
        note=d["note"],
    )


def _operation_to_doc(op: StockOperation) -> dict[str, Any]:
    return {
        "_id": SEP.join((op.tenant_id, op.operation_id)),
        "tenant_id": op.tenant_id,
        "operation_id": op.operation_id,
        "kind": op.kind.value,
        "lines": [{"sku": line.sku, "quantity": line.quantity} for line in op.lines],
        "actor_id": op.actor_id,
        "at": op.at,
        "source": op.source.code if op.source else "",
        "target": op.target.code if op.target else "",
        "note": op.note,
        "movements": [movement_to_doc(m) for m in op.movements],
    }


def _operation_from_doc(d: dict[str, Any]) -> StockOperation:
    return StockOperation(
        tenant_id=d["tenant_id"],
        operation_id=d["operation_id"],
        kind=OperationKind(d["kind"]),
        lines=tuple(OperationLine(x["sku"], x["quantity"]) for x in d["lines"]),
        actor_id=d["actor_id"],
        at=as_utc(d["at"]),
        source=_location(d["source"]) if d["source"] else None,
        target=_location(d["target"]) if d["target"] else None,
        note=d["note"],
        movements=tuple(movement_from_doc(m) for m in d["movements"]),
    )


class MongoStockRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._stock = db["stock"]
        self._moves = db["stock_movements"]
        self._claims = db["stock_claims"]
        self._operations = db["stock_operations"]
        self._s = session

    # holds, outside any transaction ----------------------------------------------------------
    def take(self, tenant_id, location, sku, quantity, visit_id, claim_id, now) -> int | None:
        left = {"$subtract": ["$balance", quantity]}
        hold = {
            "visit_id": {"$literal": visit_id},
            "claim_id": {"$literal": claim_id},
            "quantity": quantity,
            "balance_after": left,
            "at": now,
        }
        result = self._stock.update_one(
            {
                "_id": _key(tenant_id, location, sku),
                "balance": {"$gte": quantity},
                "holds.visit_id": {"$ne": visit_id},
            },
            [
                {
                    "$set": {
                        "balance": left,
                        "updated_at": now,
                        "holds": {"$concatArrays": [{"$ifNull": ["$holds", []]}, [hold]]},
                    }
                }
            ],
            session=self._s,
            hint=BY_ID,
        )
        if result.modified_count != 1:
            return None
        taken = self.hold_of(tenant_id, location, sku, visit_id)
        assert taken is not None and taken.claim_id == claim_id
        return taken.balance_after

    def hold_of(self, tenant_id, location, sku, visit_id) -> Hold | None:
        doc = self._stock.find_one(
            {"_id": _key(tenant_id, location, sku)}, {"holds": 1}, session=self._s
        )
        for h in (doc or {}).get("holds", []):
            if h["visit_id"] == visit_id:
                return _hold(h)
        return None

    def _hold_by_claim(self, key: str, claim_id: str) -> dict[str, Any] | None:
        doc = self._stock.find_one({"_id": key}, {"holds": 1}, session=self._s)
        return next((h for h in (doc or {}).get("holds", []) if h["claim_id"] == claim_id), None)

    def give_back(self, tenant_id, location, sku, claim_id) -> bool:
        key = _key(tenant_id, location, sku)
        hold = self._hold_by_claim(key, claim_id)
        if hold is None:
            return False
        # Conditional on that very hold: two replicas giving it back at once return it once.
        result = self._stock.update_one(
            {"_id": key, "holds": {"$elemMatch": {"claim_id": claim_id}}},
            {"$inc": {"balance": hold["quantity"]}, "$pull": {"holds": {"claim_id": claim_id}}},
            session=self._s,
            hint=BY_ID,
        )
        return result.modified_count == 1

    def settle(self, tenant_id, location, sku, claim_id) -> bool:
        result = self._stock.update_one(
            {"_id": _key(tenant_id, location, sku), "holds.claim_id": claim_id},
            {"$pull": {"holds": {"claim_id": claim_id}}},
            session=self._s,
            hint=BY_ID,
        )
        return result.modified_count == 1

    def stale_holds(self, before, limit):
        found = []
        docs = self._stock.find({"holds.at": {"$lt": before}}, session=self._s).limit(limit)
        for doc in docs:
            location = _location(doc["location"])
            found += [
                (doc["tenant_id"], location, doc["sku"], _hold(h))
                for h in doc["holds"]
                if as_utc(h["at"]) < before
            ]
        return found[:limit]

    def bury_claim(self, tenant_id, claim_id, visit_id, now) -> ClaimState:
        tombstone = {
            "_id": claim_id,
            "tenant_id": tenant_id,
            "visit_id": visit_id,
            "state": ClaimState.ABANDONED.value,
            "at": now,
        }
        try:
            self._claims.insert_one(tombstone, session=self._s)
        except DuplicateKeyError:
            doc = self._claims.find_one({"_id": claim_id}, session=self._s)
            return ClaimState(doc["state"]) if doc else ClaimState.ABANDONED
        return ClaimState.ABANDONED

    def add_claim(self, tenant_id, claim_id, visit_id, now) -> None:
        doc = {
            "_id": claim_id,
            "tenant_id": tenant_id,
            "visit_id": visit_id,
            "state": ClaimState.CONFIRMED.value,
            "at": now,
        }
        try:
            self._claims.insert_one(doc, session=self._s)
        except DuplicateKeyError:
            # Claim ids are fresh UUIDv7s: only a tombstone can be there first.
            raise FailedPrecondition("样品预留已超时撤回,请重新提交拜访卡") from None

    # inside transactions ------------------------------------------------------------------------
    def change(self, tenant_id, location, sku, delta, now) -> int | None:
        key = _key(tenant_id, location, sku)
        if delta >= 0:
            self._stock.update_one(
                {"_id": key},
                {
                    "$inc": {"balance": delta},
                    "$set": {"updated_at": now},
                    "$setOnInsert": {
                        "tenant_id": tenant_id,
                        "location": location.code,
                        "sku": sku,
                        "list_key": list_key(location, sku),
                        "holds": [],
                    },
                },
                upsert=True,
                session=self._s,
            )
        else:
            result = self._stock.update_one(
                {"_id": key, "balance": {"$gte": -delta}},
                {"$inc": {"balance": delta}, "$set": {"updated_at": now}},
                session=self._s,
                hint=BY_ID,
            )
            if result.modified_count != 1:
                return None
        doc = self._stock.find_one({"_id": key}, {"balance": 1}, session=self._s)
        return doc["balance"]

    def level(self, tenant_id, location, sku) -> StockLevel | None:
        doc = self._stock.find_one({"_id": _key(tenant_id, location, sku)}, session=self._s)
        return _level(doc) if doc else None

    def levels(self, tenant_id, location, after, limit) -> list[StockLevel]:
        query: dict[str, Any] = {"tenant_id": tenant_id, "list_key": {"$gt": after}}
        if location is not None:
            query["location"] = location.code
        cursor = self._stock.find(query, session=self._s).sort("list_key", 1).limit(limit)
        return [_level(d) for d in cursor]

    def add_movements(self, movements: list[Movement]) -> None:
        self._moves.insert_many([movement_to_doc(m) for m in movements], session=self._s)

    def movements(self, tenant_id, location, sku, after, limit) -> list[Movement]:
        query: dict[str, Any] = {"tenant_id": tenant_id, "location": location.code}
        if sku:
            query["sku"] = sku
        if after:
            query["_id"] = {"$lt": after}
        cursor = self._moves.find(query, session=self._s).sort("_id", -1).limit(limit)
        return [movement_from_doc(d) for d in cursor]

    def operation(self, tenant_id, operation_id) -> StockOperation | None:
        doc = self._operations.find_one(
            {"_id": SEP.join((tenant_id, operation_id))}, session=self._s
        )
        return _operation_from_doc(doc) if doc else None

    def add_operation(self, operation: StockOperation) -> None:
        self._operations.insert_one(_operation_to_doc(operation), session=self._s)
