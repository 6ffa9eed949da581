"""Bad input and authorisation at the front door: the right gRPC status, the offending fields,
and nothing half-written."""

from __future__ import annotations

import uuid

import grpc
import pytest
from grpc_status import rpc_status

from devstack.frontend import Frontend, storefront_jpeg, visit_card
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2 as gw
from sales.gateway.v1 import gateway_pb2_grpc as gwg
from services.common.grpc_status import violations_from_status
from tests.e2e.test_thin_slice import lead_request
from tests.e2e.test_visit_cards import register_store


def refused(call, *args, **kwargs) -> tuple[grpc.StatusCode, set[str], str]:
    with pytest.raises(grpc.RpcError) as caught:
        call(*args, **kwargs)
    error = caught.value
    status = rpc_status.from_call(error)
    fields = {v.field for v in violations_from_status(status)} if status else set()
    return error.code(), fields, error.details()


GOOD = lead_request("x")
BAD_LEADS = [
    ("external_id", dict(external_id="")),
    ("channel", dict(channel="tiktok")),
    ("customer_type", dict(customer_type=t.CUSTOMER_TYPE_UNSPECIFIED)),
    ("urgency", dict(urgency=t.URGENCY_UNSPECIFIED)),
    ("region_code", dict(region_code="99010")),
    ("region_code", dict(region_code="990100")),
    ("customer_name", dict(customer_name="  ")),
    ("phone", dict(phone="02112345678")),
    ("location.datum", dict(location=t.GeoPoint(latitude=30.2, longitude=120.1))),
    (
        "location.latitude",
        dict(location=t.GeoPoint(latitude=91, longitude=120.1, datum=t.DATUM_WGS84)),
    ),
]


@pytest.mark.parametrize(
    ("field", "change"), BAD_LEADS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD_LEADS)]
)
def test_bad_lead_is_refused_with_its_field_and_nothing_is_written(platform, tenant, field, change):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    request = a.CreateLeadRequest()
    request.CopyFrom(GOOD)
    request.external_id = f"bad-{uuid.uuid4()}"
    for key, value in change.items():
        if isinstance(value, t.GeoPoint):
            getattr(request, key).CopyFrom(value)
        else:
            setattr(request, key, value)
    code, fields, details = refused(admin.create_lead, request)
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert fields == {field}
    assert "输入有误" in details
    listed = admin.stub.ListLeads(a.ListLeadsRequest(), metadata=admin.metadata).leads
    assert list(listed) == []


def test_calls_without_a_valid_token_are_unauthenticated(platform):
    stub = gwg.GatewayStub(grpc.insecure_channel(platform.gateway_target))
    code, _, _ = refused(stub.WhoAmI, gw.WhoAmIRequest())
    assert code == grpc.StatusCode.UNAUTHENTICATED
    bad = [("authorization", "Bearer not-a-jwt")]
    code, _, details = refused(stub.WhoAmI, gw.WhoAmIRequest(), metadata=bad)
    assert code == grpc.StatusCode.UNAUTHENTICATED and "令牌" in details


def test_roles_and_scope_are_enforced(platform, tenant, org):
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    other = Frontend(platform.gateway_target, tenant, org["other_rep"], ["rep"])
    supervisor = Frontend(platform.gateway_target, tenant, org["supervisor"], ["supervisor"])

    assert (
        refused(rep.create_lead, lead_request(f"r-{uuid.uuid4()}"))[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )
    assert (
        refused(rep.upsert_person, org_pb2.Person(person_id="x"))[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )
    # a rep records only their own visits and photos
    card = visit_card(org["other_rep"], "s", 30.2, 120.1, [str(uuid.uuid4())])
    assert refused(rep.submit_visit, card)[0] == grpc.StatusCode.PERMISSION_DENIED
    assert (
        refused(rep.upload_photo, storefront_jpeg(), org["other_rep"], "v")[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )
    # figures: self yes, another rep no; a supervisor sees the team, not other teams
    assert rep.rep_stats().rep_id == org["rep"]
    assert refused(other.rep_stats, org["rep"])[0] == grpc.StatusCode.PERMISSION_DENIED
    assert supervisor.rep_stats(org["rep"]).rep_id == org["rep"]
    assert refused(supervisor.rep_stats, org["other_rep"])[0] == grpc.StatusCode.PERMISSION_DENIED


def test_tenants_are_isolated(platform, tenant, org):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    lead = admin.create_lead(lead_request(f"iso-{uuid.uuid4()}"))
    stranger = Frontend(platform.gateway_target, f"other-{tenant}", "admin", ["admin"])
    assert refused(stranger.get_lead, lead.lead_id)[0] == grpc.StatusCode.NOT_FOUND


def test_bad_visit_card_is_refused_with_fields(platform, tenant, org):
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    card = visit_card(org["rep"], "s1", 30.2, 120.1, [])
    card.visit_id = "not-a-uuid"
    card.core_demand = "gossip"
    card.ClearField("check_out")
    card.commitments[0].due_date = "2020-01-01"
    code, fields, _ = refused(rep.submit_visit, card)
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert {
        "visit_id",
        "core_demand",
        "check_out",
        "photos",
        "commitments[0].due_date",
    } <= fields


def test_a_used_visit_id_with_a_different_card_already_exists(platform, tenant, org):
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    store = register_store(admin, org["rep"])
    photo = rep.upload_photo(storefront_jpeg(), org["rep"], "v")
    card = visit_card(org["rep"], store.store_id, 30.2, 120.1, [photo.photo_id])
    rep.submit_visit(card)
    card.core_demand = "price_objection"
    card.commitments[0].commitment_id = str(uuid.uuid4())
    assert refused(rep.submit_visit, card)[0] == grpc.StatusCode.ALREADY_EXISTS


def test_bad_person_is_refused_with_fields(platform, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    person = org_pb2.Person(person_id="bad id!", roles=[t.ROLE_REP], status=t.PERSON_STATUS_ACTIVE)
    code, fields, _ = refused(admin.upsert_person, person)
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert {"person.person_id", "person.name", "person.region_codes", "person.customer_types",
            "person.capacity", "person.wecom_userid"} <= fields  # fmt: skip


def test_a_supervisor_sees_only_the_teams_leads(platform, tenant, org):
    from tests.e2e.conftest import wait_until
    from tests.e2e.test_thin_slice import assigned

    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    created = admin.create_lead(lead_request(f"scope-{uuid.uuid4()}"))
    lead = wait_until(lambda: assigned(admin, created.lead_id))
    own = Frontend(platform.gateway_target, tenant, org["supervisor"], ["supervisor"])
    other = Frontend(platform.gateway_target, tenant, "sup-elsewhere", ["supervisor"])
    assert own.get_lead(lead.lead_id).lead_id == lead.lead_id
    assert refused(other.get_lead, lead.lead_id)[0] == grpc.StatusCode.NOT_FOUND
    listing = a.ListLeadsRequest(rep_id=org["rep"])
    assert [x.lead_id for x in own.stub.ListLeads(listing, metadata=own.metadata).leads] == [
        lead.lead_id
    ]
    assert (
        refused(other.stub.ListLeads, listing, metadata=other.metadata)[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )
    code, fields, _ = refused(own.stub.ListLeads, a.ListLeadsRequest(), metadata=own.metadata)
    assert (code, fields) == (grpc.StatusCode.INVALID_ARGUMENT, {"rep_id"})
