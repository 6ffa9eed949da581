"""Who may ask scoring's orders calls what (the gateway's AttributionCalls): the county
question for a director or admin covers every rep, for a supervisor only the team; the
forecast is the director's; the back-fill and the window are the admin's."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from sales.common.v1 import org_pb2
from sales.scoring.v1 import orders_pb2 as pb
from services.common.errors import FailedPrecondition, PermissionDenied
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.attribution_calls import AttributionCalls
from tests.fakes.gateway import FakeDirectory, Recorder

T = "t-jh"


def ask(method: str, request, who: str, *roles: Role):
    people = [org_pb2.Person(tenant_id=T, person_id=p, supervisor_id=s)
              for p, s in (("rep-1", "sup-1"), ("rep-2", "sup-1"), ("rep-9", "sup-9"))]  # fmt: skip
    stub = Recorder()
    calls = SimpleNamespace(
        org=FakeDirectory(*people), services=SimpleNamespace(scoring_orders=stub)
    )
    principal = Principal(T, who, frozenset(roles))
    fn = getattr(AttributionCalls, method).__wrapped__
    asyncio.run(fn(calls, request, None, principal))
    return stub.sent[-1][1]


def test_the_county_question_is_scoped_and_tenant_set():
    forged = pb.ExplainRegionRevenueRequest(
        tenant_id="other", region_code="330782", rep_ids=["rep-9"]
    )
    assert list(ask("ExplainRegionRevenue", forged, "dir-1", Role.DIRECTOR).rep_ids) == []
    sent = ask(
        "ExplainRegionRevenue",
        pb.ExplainRegionRevenueRequest(rep_ids=["rep-9"]),
        "sup-1",
        Role.SUPERVISOR,
    )
    assert sent.tenant_id == T and list(sent.rep_ids) == ["rep-1", "rep-2"]
    with pytest.raises(FailedPrecondition):
        ask("ExplainRegionRevenue", pb.ExplainRegionRevenueRequest(), "sup-0", Role.SUPERVISOR)


@pytest.mark.parametrize(
    ("method", "request_type", "allowed", "refused"),
    [("ExplainRegionRevenue", pb.ExplainRegionRevenueRequest, Role.ADMIN, Role.REP),
     ("ForecastRevenue", pb.ForecastRevenueRequest, Role.DIRECTOR, Role.SUPERVISOR),
     ("RecordOrders", pb.RecordOrdersRequest, Role.ADMIN, Role.DIRECTOR),
     ("UpdateAttributionSettings", pb.AttributionSettings, Role.ADMIN, Role.SUPERVISOR),
     ("GetAttributionSettings", pb.GetAttributionSettingsRequest, Role.SUPERVISOR, Role.FINANCE)],
)  # fmt: skip
def test_each_call_has_its_roles(method, request_type, allowed, refused):
    assert ask(method, request_type(tenant_id="forged"), "sup-1", allowed).tenant_id == T
    with pytest.raises(PermissionDenied):
        ask(method, request_type(), "someone", refused)
