"""The gateway's HTTP face (ADR 033) in-process, on the real GatewayServicer with an
in-memory directory: the same refusals as gRPC, in the same order (authentication first,
then the request's shape, then role and scope), as JSON with the gRPC status and its
fields, the drain's pushback as Retry-After, sessions, and the OpenAPI document."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from aiohttp.test_utils import TestClient, TestServer

from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2
from services.gateway.adapters.tokens import mint
from services.gateway.entrypoints.http_face import make_app, served_by
from services.gateway.entrypoints.http_status import HTTP_OF
from services.gateway.entrypoints.servicer import GatewayServicer
from services.gateway.entrypoints.session import Sessions
from tests.fakes.gateway import FakeDirectory

GATEWAY = gateway_pb2.DESCRIPTOR.services_by_name["Gateway"]
SECRET = "unit-test-secret-0123456789-abcdef"
T = "t1"
PEOPLE = FakeDirectory(
    org_pb2.Person(tenant_id=T, person_id="rep-a", name="李明", roles=[t.ROLE_REP]),
    org_pb2.Person(tenant_id=T, person_id="nobody", name="无角色"),
)


def face(dev_login: bool = True, stopping_ms: int | None = None):
    """(the servicer, a maker of its app: an aiohttp app belongs to the loop it first ran on)"""
    servicer = GatewayServicer(SECRET, PEOPLE, None, None)  # type: ignore[arg-type]
    servicer.retry_after_ms = stopping_ms
    return servicer, lambda: make_app(servicer, GATEWAY, Sessions(SECRET, PEOPLE, dev_login))


async def _post(app, path: str, body=None, headers=None, data=None, login=None):
    async with TestClient(TestServer(app())) as client:
        if login:
            answer = await client.post("/api/session", json=login)
            assert answer.status == 200, await answer.text()
        answer = await client.post(path, json=body, data=data, headers=headers)
        return answer.status, await answer.json(), answer.headers


def post(app, path, **kwargs):
    return asyncio.run(_post(app, path, **kwargs))


def bearer(person: str, *roles: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint(SECRET, T, person, list(roles))}"}


def test_every_grpc_code_has_one_http_status():
    assert set(HTTP_OF) == set(grpc.StatusCode)
    assert HTTP_OF[grpc.StatusCode.FAILED_PRECONDITION] == 412  # not a wrong input: a state


def test_no_credentials_is_unauthenticated_before_anything_else():
    _, app = face()
    status, body, _ = post(app, "/api/v1/GetPerson", data="{not json",
                           headers={"Content-Type": "application/json"})  # fmt: skip
    assert status == 401 and body["error"]["status"] == "UNAUTHENTICATED"


def test_a_dev_login_gives_a_session_with_the_directorys_roles():
    _, app = face()
    status, body, _ = post(app, "/api/v1/WhoAmI", body={},
                           login={"tenantId": T, "personId": "rep-a"})  # fmt: skip
    assert status == 200 and body["name"] == "李明" and body["roles"] == ["ROLE_REP"]
    status, body, _ = post(app, "/api/v1/ListDeadLetters", body={},
                           login={"tenantId": T, "personId": "rep-a"})  # fmt: skip
    assert status == 403 and body["error"]["status"] == "PERMISSION_DENIED"


@pytest.mark.parametrize(
    ("login", "status", "name"),
    [({"tenantId": T, "personId": "ghost"}, 404, "NOT_FOUND"),
     ({"tenantId": T, "personId": "nobody"}, 404, "NOT_FOUND"),  # in the directory, no role
     ({"tenantId": "bad tenant", "personId": "rep-a"}, 400, "INVALID_ARGUMENT"),
     ({"token": "eyJ.forged.token"}, 401, "UNAUTHENTICATED"),
     ({"token": 42}, 400, "INVALID_ARGUMENT")],
)  # fmt: skip
def test_a_login_that_names_no_one_is_refused(login, status, name):
    _, app = face()
    answered, body, _ = post(app, "/api/session", body=login)
    assert (answered, body["error"]["status"]) == (status, name)


def test_development_logins_can_be_turned_off():
    _, app = face(dev_login=False)
    status, body, _ = post(app, "/api/session", body={"tenantId": T, "personId": "rep-a"})
    assert status == 403 and body["error"]["status"] == "PERMISSION_DENIED"
    token = mint(SECRET, T, "rep-a", ["rep"])
    status, body, _ = post(app, "/api/session", body={"token": token})  # the IdP's token
    assert status == 200 and body["person"]["personId"] == "rep-a"


def test_field_violations_come_back_with_their_fields():
    _, app = face()
    status, body, _ = post(app, "/api/v1/GetPerson", body={}, headers=bearer("rep-a", "rep"))
    assert status == 400
    assert [f["field"] for f in body["error"]["fields"]] == ["person_id"]
    status, body, _ = post(app, "/api/v1/GetPerson", body={"personId": 7, "colour": "red"},
                           headers=bearer("rep-a", "rep"))  # fmt: skip
    assert status == 400 and body["error"]["fields"][0]["field"] in ("personId", "colour")


@pytest.mark.parametrize(
    "data", ["[1, 2]", "{not json", '"a string"', "\udcff".encode("utf-8", "surrogatepass")]
)
def test_a_body_protobuf_cannot_take_is_invalid_argument(data):
    _, app = face()
    headers = {**bearer("rep-a", "rep"), "Content-Type": "application/json"}
    status, body, _ = post(app, "/api/v1/WhoAmI", data=data, headers=headers)
    assert status == 400 and body["error"]["fields"][0]["field"] == "request"


def test_only_json_is_taken():
    _, app = face()
    headers = {**bearer("rep-a", "rep"), "Content-Type": "text/plain"}
    status, body, _ = post(app, "/api/v1/WhoAmI", data="{}", headers=headers)
    assert status == 415 and body["error"]["status"] == "INVALID_ARGUMENT"


def test_a_draining_gateway_says_when_to_come_back():
    _, app = face(stopping_ms=1500)
    status, body, headers = post(app, "/api/v1/WhoAmI", body={}, headers=bearer("rep-a", "rep"))
    assert status == 503 and body["error"]["status"] == "UNAVAILABLE"
    assert headers["Retry-After"] == "2"


def test_unknown_calls_and_streams_are_not_served():
    _, app = face()
    assert post(app, "/api/v1/NoSuchCall", body={})[0] == 404
    assert post(app, "/api/v1/UploadPhoto", body={})[0] == 404  # a client stream: gRPC only


def test_the_openapi_document_has_every_served_unary_call():
    servicer, app = face()

    async def fetch():
        async with TestClient(TestServer(app())) as client:
            return await (await client.get("/api/openapi.json")).json()

    spec = asyncio.run(fetch())
    unary = {m.name for m in GATEWAY.methods if not m.client_streaming and not m.server_streaming}
    served = {name for name in unary if served_by(servicer, name)}
    assert {p.rsplit("/", 1)[1] for p in spec["paths"]} == served
    assert "UploadPhoto" not in str(spec["paths"])
    assert spec["paths"]["/api/v1/RateVisit"]["post"]["security"] == []
    lead = spec["components"]["schemas"]["sales.assignment.v1.Lead"]["properties"]
    assert lead["assignedRepId"] == {"type": "string"}  # protobuf's JSON names
    assert lead["assignedAt"]["$ref"].endswith("google.protobuf.Timestamp")
