"""Approvals: contract messages <-> domain objects (SPEC V4)."""

from __future__ import annotations

from sales.visits.v1 import approvals_pb2 as pb
from services.common.errors import InvalidArgument
from services.common.proto_time import to_timestamp
from services.visits.domain.approvals import (
    APPROVAL_STATUS_LABELS,
    AUDIT_ACTION_LABELS,
    Approval,
    ApprovalStatus,
)

STATUS_TO_PB = {
    ApprovalStatus.AWAITING_REVIEW: pb.APPROVAL_STATUS_AWAITING_REVIEW,
    ApprovalStatus.AWAITING_DECISION: pb.APPROVAL_STATUS_AWAITING_DECISION,
    ApprovalStatus.APPROVED: pb.APPROVAL_STATUS_APPROVED,
    ApprovalStatus.REJECTED: pb.APPROVAL_STATUS_REJECTED,
}
DECISION_FROM_PB = {pb.APPROVAL_DECISION_APPROVE: True, pb.APPROVAL_DECISION_REJECT: False}


def approval_to_pb(a: Approval, names: dict[str, str] | None = None) -> pb.Approval:
    """names: {rep id: name} from visits' directory (approvals.rep_names); unknown: empty."""
    return pb.Approval(
        approval_id=a.approval_id,
        visit_id=a.visit_id,
        rep_id=a.rep_id,
        store_id=a.store_id,
        store_name=a.store_name,
        region_code=a.region_code,
        lines=[
            pb.ApprovalPriceLine(
                sku=line.sku,
                list_price_fen=line.list_price_fen,
                requested_price_fen=line.requested_price_fen,
                quantity=line.quantity,
            )
            for line in a.lines
        ],
        discount_fen=a.discount_fen,
        requested_at=to_timestamp(a.requested_at),
        status=STATUS_TO_PB[a.status],
        status_label=APPROVAL_STATUS_LABELS[a.status],
        fast_lane=a.fast_lane,
        auto_approved=a.auto_approved,
        reviewed_by=a.reviewed_by,
        decided_by=a.decided_by,
        decided_at=to_timestamp(a.decided_at),
        comment=a.comment,
        audit=[
            pb.ApprovalStep(
                at=to_timestamp(e.at),
                actor_id=e.actor_id,
                action=e.action.value,
                action_label=AUDIT_ACTION_LABELS[e.action],
                comment=e.comment,
            )
            for e in a.audit
        ],
        finance_ids=a.finance_ids,
        supervisor_id=a.supervisor_id,
        rep_name=(names or {}).get(a.rep_id, ""),
    )


def approvals_to_pb(
    approvals: list[Approval], token: str, names: dict[str, str]
) -> pb.ListApprovalsResponse:
    return pb.ListApprovalsResponse(
        approvals=[approval_to_pb(a, names) for a in approvals], next_page_token=token
    )


def decision_from_pb(decision: int) -> bool:
    """True to approve; INVALID_ARGUMENT when no decision was given."""
    if decision not in DECISION_FROM_PB:
        raise InvalidArgument.of_field("decision", "必须选择批准或驳回")
    return DECISION_FROM_PB[decision]
