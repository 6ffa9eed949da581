"""The event registry: every event type the platform publishes or accepts, with its payload
message. One table, so a producer cannot emit a payload its consumers will not unpack, a
consumer unpacks by type without naming the message twice, and the catalog in
docs/events.md is checked against it (tests/unit/test_event_registry.py).

Adding an event: define its payload under proto/sales/events/v1/, add one row here, and one
row to docs/events.md.
"""

from __future__ import annotations

from google.protobuf.message import Message

from sales.events.v1 import approval_events_pb2 as approvals
from sales.events.v1 import envelope_pb2
from sales.events.v1 import erp_events_pb2 as erp
from sales.events.v1 import lead_events_pb2 as leads
from sales.events.v1 import media_events_pb2 as media
from sales.events.v1 import notify_events_pb2 as notify
from sales.events.v1 import org_events_pb2 as org
from sales.events.v1 import scoring_events_pb2 as scoring
from sales.events.v1 import store_events_pb2 as stores
from sales.events.v1 import visit_events_pb2 as visits

REGISTRY: dict[str, type[Message]] = {
    # gateway: the org directory
    "org.person.upserted": org.PersonUpserted,
    # assignment: the lead pool
    "lead.created": leads.LeadCreated,
    "lead.assigned": leads.LeadAssigned,
    "lead.waiting": leads.LeadWaiting,
    "lead.accepted": leads.LeadResponded,
    "lead.declined": leads.LeadResponded,
    "lead.sla_breached": leads.LeadSlaBreached,
    "lead.waiting_too_long": leads.LeadWaitingTooLong,
    "lead.reclaimed": leads.LeadReclaimed,
    # visits: stores, plans, cards, commitments, approvals, stock, ratings
    "store.registered": stores.StoreRegistered,
    "store.updated": stores.StoreUpdated,
    "store.imported": stores.StoreImported,
    "store.first_visit_overdue": stores.StoreFirstVisitOverdue,
    "plan.day_changed": stores.PlanDayChanged,
    "visit.submitted": visits.VisitSubmitted,
    "visit.rated": visits.VisitRated,
    "visit.history_imported": visits.VisitHistoryImported,
    "commitment.created": visits.CommitmentCreated,
    "commitment.closed": visits.CommitmentClosed,
    "commitment.overdue": visits.CommitmentOverdue,
    "approval.pending": approvals.ApprovalPending,
    "approval.reviewed": approvals.ApprovalReviewed,
    "approval.decided": approvals.ApprovalDecided,
    "stock.changed": approvals.StockChanged,
    "return.recorded": approvals.ReturnRecorded,
    # media: photos
    "photo.stored": media.PhotoStored,
    "photo.analyzed": media.PhotoAnalyzed,
    "photo.flagged": media.PhotoFlagged,
    # scoring: figures
    "score.threshold_crossed": scoring.ScoreThresholdCrossed,
    # notify
    "notification.delivered": notify.NotificationDelivered,
    # inbound from partners
    "erp.order.recorded": erp.ErpOrderRecorded,
}


class UnknownEventType(ValueError):
    """An event type that is not in the registry: a programming error when emitting, a
    malformed message when consuming."""


def payload_type(event_type: str) -> type[Message]:
    try:
        return REGISTRY[event_type]
    except KeyError:
        raise UnknownEventType(f"unknown event type {event_type!r}") from None


def check_payload(event_type: str, payload: Message) -> None:
    expected = payload_type(event_type)
    if not isinstance(payload, expected):
        raise TypeError(
            f"{event_type} carries {expected.DESCRIPTOR.full_name}, "
            f"not {payload.DESCRIPTOR.full_name}"
        )


def payload(envelope: envelope_pb2.Envelope) -> Message:
    """The envelope's payload as the message its type registers; ValueError if it is not."""
    message = payload_type(envelope.type)()
    if not envelope.payload.Unpack(message):
        raise ValueError(
            f"event {envelope.id} ({envelope.type}) carries {envelope.payload.TypeName()}, "
            f"not {message.DESCRIPTOR.full_name}"
        )
    return message
