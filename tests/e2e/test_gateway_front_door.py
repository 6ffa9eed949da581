"""The gateway's front door, as outside testing found it wanting: tokens whose claims lie,
bytes that are not UTF-8, errors that echo their input, a supervisor's dry run, reflection
under v1, counters that exist before anything happens."""

from __future__ import annotations

import time
import uuid

import grpc
import jwt
import pymongo
import pytest
import requests
from grpc_status import rpc_status

from devstack.frontend import Frontend, call, storefront_jpeg
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2 as gw
from sales.gateway.v1 import gateway_pb2_grpc as gwg
from sales.media.v1 import media_pb2 as m
from sales.notify.v1 import notify_pb2 as n
from services.common.config import Settings
from services.common.grpc_status import violations_from_status
from services.gateway.adapters.tokens import ISSUER
from services.gateway.entrypoints import reflection
from tests.e2e.conftest import wait_until
from tests.e2e.test_gateway_rules import refused
from tests.e2e.test_thin_slice import assigned, lead_request


def signed(**claims: object) -> list[tuple[str, str]]:
    now = int(time.time())
    body = {"iss": ISSUER, "iat": now, "exp": now + 600, "roles": ["rep"], **claims}
    token = jwt.encode(body, Settings("gateway").auth_secret, algorithm="HS256")
    return [("authorization", f"Bearer {token}")]


def raw(channel: grpc.Channel, method: str, streaming: bool = False):
    path = f"/sales.gateway.v1.Gateway/{method}"
    kind = channel.stream_unary if streaming else channel.unary_unary
    return kind(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)


def field_string(number: int, payload: bytes) -> bytes:
    """One length-delimited field on the wire, as no protobuf library would write it."""
    return bytes([number << 3 | 2, len(payload)]) + payload


def status_of(error: grpc.RpcError) -> tuple[grpc.StatusCode, set[str]]:
    status = rpc_status.from_call(error)
    return error.code(), {v.field for v in violations_from_status(status)} if status else set()


@pytest.mark.parametrize(
    "claims",
    [
        dict(sub="", tenant="T"),
        dict(sub="rep-x", tenant=42),
        dict(sub="rep-x", tenant=["T"]),
        dict(sub="rep-x", tenant="T", roles=[]),
        dict(sub="rep-x", tenant="T", roles=["root"]),
    ],
    ids=["empty-subject", "tenant-number", "tenant-list", "no-roles", "unknown-role"],
)
def test_a_signed_token_with_a_bad_claim_reads_nothing(platform, tenant, org, claims):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    lead = admin.create_lead(lead_request(f"sec-{uuid.uuid4()}"))
    wait_until(lambda: assigned(admin, lead.lead_id))
    claims = {k: (tenant if v == "T" else v) for k, v in claims.items()}
    stub = gwg.GatewayStub(grpc.insecure_channel(platform.gateway_target))
    metadata = signed(**claims)
    for method, request in (
        ("ListLeads", a.ListLeadsRequest()),
        ("GetLead", a.GetLeadRequest(lead_id=lead.lead_id)),
        ("ListDeliveries", n.ListDeliveriesRequest()),
        ("WhoAmI", gw.WhoAmIRequest()),
    ):
        code, _, details = refused(getattr(stub, method), request, metadata=metadata, timeout=10)
        assert code == grpc.StatusCode.UNAUTHENTICATED, (method, details)


def test_a_supervisors_dry_run_names_only_the_team(platform, tenant, org):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    elsewhere = f"rep3-{tenant[-6:]}"
    admin.upsert_person(
        org_pb2.Person(person_id=elsewhere, name="孙业务", roles=[t.ROLE_REP],
                       supervisor_id="sup-elsewhere", region_codes=["330100"],
                       customer_types=[t.CUSTOMER_TYPE_KA], capacity=5,
                       status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-{elsewhere}")
    )  # fmt: skip
    probe = lead_request("dry")
    everyone = wait_until(
        lambda: (d := call(admin, "DryRunAssignment", probe)) and len(d.candidates) == 2 and d
    )
    assert {c.rep_id for c in everyone.candidates} == {org["rep"], elsewhere}
    for supervisor, own in ((org["supervisor"], org["rep"]), ("sup-elsewhere", elsewhere)):
        front = Frontend(platform.gateway_target, tenant, supervisor, ["supervisor"])
        scoped = call(front, "DryRunAssignment", probe)
        assert [c.rep_id for c in scoped.candidates] == [own]
        rank = {c.rep_id: c.rank for c in everyone.candidates}[own]
        assert scoped.candidates[0].rank == rank  # the real rank, not renumbered
        other = elsewhere if own == org["rep"] else org["rep"]
        assert other not in scoped.reason and "其他团队" in scoped.reason


def test_strings_that_are_not_utf8_are_invalid_argument_naming_the_field(platform, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    person_id = f"p-{uuid.uuid4().hex[:8]}"
    person = org_pb2.Person(person_id=person_id, roles=[t.ROLE_SUPERVISOR], status=1,
                            wecom_userid="w").SerializeToString()  # fmt: skip
    body = field_string(1, person + field_string(3, "张三".encode("gbk")))  # name in GBK
    with pytest.raises(grpc.RpcError) as caught:
        raw(admin.channel, "UpsertPerson")(body, metadata=admin.metadata, timeout=10)
    assert status_of(caught.value) == (grpc.StatusCode.INVALID_ARGUMENT, {"person.name"})
    assert refused(admin.stub.GetPerson, gw.GetPersonRequest(person_id=person_id),
                   metadata=admin.metadata)[0] == grpc.StatusCode.NOT_FOUND  # fmt: skip


def test_a_photo_part_that_does_not_parse_stops_the_upload_and_stores_nothing(
    platform, tenant, org, stack
):
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    photo_id = str(uuid.uuid4())
    meta = m.UploadPhotoRequest(
        meta=m.PhotoMeta(photo_id=photo_id, rep_id=org["rep"], visit_id=str(uuid.uuid4()),
                         kind=m.PHOTO_KIND_STOREFRONT, filename="a.jpg")
    ).SerializeToString()  # fmt: skip
    jpeg = storefront_jpeg()
    bad_meta = field_string(1, field_string(8, b"\xff.jpg"))  # a second meta, filename not UTF-8

    def parts():
        yield meta
        yield m.UploadPhotoRequest(chunk=jpeg[: len(jpeg) // 2]).SerializeToString()
        yield bad_meta

    with pytest.raises(grpc.RpcError) as caught:
        raw(rep.channel, "UploadPhoto", streaming=True)(parts(), metadata=rep.metadata, timeout=30)
    assert status_of(caught.value) == (grpc.StatusCode.INVALID_ARGUMENT, {"meta.filename"})
    photos = pymongo.MongoClient(Settings("e2e").mongo_uri)[f"{stack['SALES_DB_PREFIX']}media"][
        "photos"
    ]
    time.sleep(1)  # give media the time it would need to (wrongly) store the half
    assert photos.find_one({"_id": photo_id}) is None


def test_an_error_about_a_huge_id_keeps_its_own_status(platform, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    # Under the gateway's ceiling, so assignment answers, quoting the id it did not find.
    code, _, details = refused(admin.get_lead, "x" * 4000)
    assert code == grpc.StatusCode.NOT_FOUND and len(details) < 300
    # Over it: refused at the door, naming the field.
    with pytest.raises(grpc.RpcError) as caught:
        admin.get_lead("x" * 100_000)
    assert status_of(caught.value) == (grpc.StatusCode.INVALID_ARGUMENT, {"lead_id"})
    assert len(caught.value.details()) < 300


def test_upsert_person_refuses_a_supervisor_loop(platform, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])

    def boss(pid: str, above: str = "") -> org_pb2.Person:
        return org_pb2.Person(person_id=pid, name="主管", roles=[t.ROLE_SUPERVISOR],
                              supervisor_id=above, status=1, wecom_userid=f"w-{pid}")  # fmt: skip

    admin.upsert_person(boss("b1"))
    admin.upsert_person(boss("b2", "b1"))
    with pytest.raises(grpc.RpcError) as caught:
        admin.upsert_person(boss("b1", "b2"))
    assert status_of(caught.value) == (grpc.StatusCode.INVALID_ARGUMENT, {"person.supervisor_id"})
    [why] = violations_from_status(rpc_status.from_call(caught.value))
    assert "循环" in why.description
    assert admin.stub.GetPerson(
        gw.GetPersonRequest(person_id="b1"), metadata=admin.metadata
    ).supervisor_id == ""  # fmt: skip


def test_reflection_answers_v1_and_v1alpha(platform):
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    channel = grpc.insecure_channel(platform.gateway_target)
    v1 = channel.stream_stream(
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        request_serializer=reflection.V1_REQUEST.SerializeToString,
        response_deserializer=reflection.V1_RESPONSE.FromString,
    )
    asks = [
        reflection.V1_REQUEST(list_services=""),
        reflection.V1_REQUEST(file_containing_symbol="sales.gateway.v1.Gateway"),
        reflection.V1_REQUEST(file_containing_symbol="grpc.reflection.v1.ServerReflection"),
    ]
    listed, gateway_file, itself = list(v1(iter(asks), timeout=10))
    names = {s.name for s in listed.list_services_response.service}
    assert {"sales.gateway.v1.Gateway", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection", "grpc.health.v1.Health"} <= names  # fmt: skip
    assert gateway_file.file_descriptor_response.file_descriptor_proto
    assert not itself.HasField("error_response")
    old = reflection_pb2_grpc.ServerReflectionStub(channel).ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10
    )
    assert "sales.gateway.v1.Gateway" in {s.name for s in next(old).list_services_response.service}


def test_labelled_counters_report_zero_before_the_first_call(platform):
    # prometheus_client writes labels in alphabetical order
    text = requests.get(f"http://127.0.0.1:{platform.port('gateway', 'METRICS')}/metrics").text
    never_called = 'code="INTERNAL",method="ReplayDeadLetters",service="gateway"'
    assert f"sales_grpc_requests_total{{{never_called}}} 0.0" in text
    notify = requests.get(f"http://127.0.0.1:{platform.port('notify', 'METRICS')}/metrics").text
    assert 'outcome="failed"' in notify and "sales_notifications_total" in notify
    assignment = requests.get(
        f"http://127.0.0.1:{platform.port('assignment', 'METRICS')}/metrics"
    ).text
    assert 'sales_leads_total{outcome="breached"}' in assignment
    dead = 'outcome="dead_lettered",service="assignment",type="visit.submitted"'
    assert f"sales_events_consumed_total{{{dead}}}" in assignment
