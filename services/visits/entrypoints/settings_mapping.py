"""VisitsSettings (settings.proto) <-> TenantSettings, one function pair per section."""

from __future__ import annotations

from sales.visits.v1 import settings_pb2 as pb
from services.common.proto_time import to_timestamp
from services.visits.domain.settings import (
    ApprovalSettings,
    CardSettings,
    EscalationStep,
    StoreSettings,
    TenantSettings,
)

# --- stores, plans and first visits (visits-a) --------------------------------------------


def store_settings_to_pb(s: StoreSettings) -> pb.StoreSettings:
    days = s.visit_every_days
    return pb.StoreSettings(
        visit_every_days=pb.VisitFrequency(
            ka_days=days.get("KA", 0),
            bc_days=days.get("BC", 0),
            convenience_days=days.get("CONVENIENCE", 0),
        ),
        first_visit_limit_days=s.first_visit_limit_days,
        max_plan_items=s.max_plan_items,
    )


def store_settings_from_pb(m: pb.StoreSettings) -> StoreSettings:
    f = m.visit_every_days
    return StoreSettings(
        visit_every_days={"KA": f.ka_days, "BC": f.bc_days, "CONVENIENCE": f.convenience_days},
        first_visit_limit_days=m.first_visit_limit_days,
        max_plan_items=m.max_plan_items,
    )


# --- approvals, samples and ratings (visits-b2) --------------------------------------------


def approval_settings_to_pb(s: ApprovalSettings) -> pb.ApprovalSettings:
    return pb.ApprovalSettings(
        green_channel_max_discount_percent=s.green_channel_max_discount_percent,
        green_channel_max_discount_fen=s.green_channel_max_discount_fen,
        rating_code_days=s.rating_code_days,
    )


def approval_settings_from_pb(m: pb.ApprovalSettings) -> ApprovalSettings:
    return ApprovalSettings(
        m.green_channel_max_discount_percent, m.green_channel_max_discount_fen, m.rating_code_days
    )


# --- cards and commitments (visits-b1) ------------------------------------------------------


def card_settings_to_pb(s: CardSettings) -> pb.CardSettings:
    return pb.CardSettings(
        core_demands=[pb.CoreDemand(code=c, label=label) for c, label in s.core_demands.items()],
        escalation=[
            pb.EscalationStep(days_after_due=x.days_after_due, copy_director=x.copy_director)
            for x in s.escalation
        ],
        impossible_speed_kmh=s.impossible_speed_kmh,
        position_cache_s=s.position_cache_s,
        lateness_window_hours=s.lateness_window_hours,
        max_gps_accuracy_m=s.max_gps_accuracy_m,
    )


def card_settings_from_pb(m: pb.CardSettings) -> CardSettings:
    return CardSettings(
        core_demands={c.code: c.label for c in m.core_demands},
        escalation=tuple(EscalationStep(x.days_after_due, x.copy_director) for x in m.escalation),
        impossible_speed_kmh=m.impossible_speed_kmh,
        position_cache_s=m.position_cache_s,
        lateness_window_hours=m.lateness_window_hours,
        max_gps_accuracy_m=m.max_gps_accuracy_m,
    )


# --- the document ---------------------------------------------------------------------------


def settings_to_pb(s: TenantSettings) -> pb.VisitsSettings:
    return pb.VisitsSettings(
        tenant_id=s.tenant_id,
        version=s.version,
        updated_at=to_timestamp(s.updated_at),
        updated_by=s.updated_by,
        stores=store_settings_to_pb(s.stores),
        approvals=approval_settings_to_pb(s.approvals),  # visits-b2
        cards=card_settings_to_pb(s.cards),
    )


def sections_from_pb(m: pb.VisitsSettings) -> dict[str, object]:
    """The sections the request carries (a section left out stays as it is)."""
    sections: dict[str, object] = {}
    if m.HasField("stores"):
        sections["stores"] = store_settings_from_pb(m.stores)
    if m.HasField("approvals"):  # visits-b2
        sections["approvals"] = approval_settings_from_pb(m.approvals)
    if m.HasField("cards"):
        sections["cards"] = card_settings_from_pb(m.cards)
    return sections
