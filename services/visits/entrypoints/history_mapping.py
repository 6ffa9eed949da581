"""ImportVisitHistory's contract messages <-> domain objects. Each card goes through the live
card's own mapping (cards_mapping.draft_from_request); what cannot be read off the wire is
reported with its item's index."""

from __future__ import annotations

from sales.visits.v1 import history_pb2 as pb
from services.common.errors import FieldViolation
from services.visits.domain.history import (
    Closure,
    HistoricalCard,
    HistoricalPlanDay,
    HistoricalRating,
    HistoryImport,
    ImportSummary,
)
from services.visits.entrypoints.cards_mapping import draft_from_request, instant
from services.visits.entrypoints.commitments_mapping import STATUS_FROM_PB

# Read at most this many of each list: check_import refuses more, naming the list.
READ_AT_MOST = 501


def _card(tenant_id: str, index: int, item: pb.HistoricalCard, wire: list[FieldViolation]):
    item.card.tenant_id = tenant_id
    draft, errors = draft_from_request(item.card)
    prefix = f"cards[{index}]."
    wire += [FieldViolation(prefix + "card." + e.field, e.description) for e in errors]
    closures = tuple(
        Closure(c.commitment_id, STATUS_FROM_PB.get(c.status, ""),
                instant(c.closed_at, f"{prefix}closures[{j}].closed_at", wire), c.note)
        for j, c in enumerate(item.closures[:READ_AT_MOST])
    )  # fmt: skip
    received = instant(item.received_at, prefix + "received_at", wire)
    return HistoricalCard(draft, received, closures)


def import_from_request(r: pb.ImportVisitHistoryRequest) -> HistoryImport:
    wire: list[FieldViolation] = []
    cards = tuple(_card(r.tenant_id, i, c, wire) for i, c in enumerate(r.cards[:READ_AT_MOST]))
    ratings = tuple(
        HistoricalRating(x.visit_id, x.stars, x.comment, instant(x.rated_at, f"ratings[{i}].rated_at", wire))
        for i, x in enumerate(r.ratings[:READ_AT_MOST])
    )  # fmt: skip
    plan_days = tuple(
        HistoricalPlanDay(d.rep_id, d.plan_date, tuple(d.store_ids))
        for d in r.plan_days[:READ_AT_MOST]
    )
    return HistoryImport(r.tenant_id, r.import_id, r.chunk, r.chunks, cards, plan_days, ratings,
                         r.imported_by, tuple(wire))  # fmt: skip


def summary_to_pb(s: ImportSummary) -> pb.ImportVisitHistoryResponse:
    return pb.ImportVisitHistoryResponse(
        import_id=s.import_id, visits=s.visits, commitments=s.commitments, closures=s.closures,
        plan_days=s.plan_days, ratings=s.ratings, pending_photos=s.pending_photos,
        replayed=s.replayed,
    )  # fmt: skip
