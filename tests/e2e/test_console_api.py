"""The HTTP face on the whole platform answers exactly as the gRPC calls do (ADR 033): every
call but RateVisit refuses a caller without a token, and a call refused over gRPC is refused
over HTTP with the same status, message and fields."""

from __future__ import annotations

import grpc
import pytest
import requests
from grpc_status import rpc_status

from devstack.frontend import Frontend, call
from sales.gateway.v1 import gateway_pb2 as gw
from sales.notify.v1 import notify_pb2 as n
from sales.visits.v1 import approvals_pb2 as ap
from services.common.config import Settings
from services.common.grpc_status import violations_from_status
from services.gateway.adapters.tokens import mint


def http(platform, method: str, body: dict, token: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(f"{platform.console_url}/api/v1/{method}", json=body, headers=headers,
                         timeout=30)  # fmt: skip


def test_every_call_but_rate_visit_needs_a_token_over_http_too(platform):
    spec = requests.get(f"{platform.console_url}/api/openapi.json", timeout=10).json()
    methods = [path.rsplit("/", 1)[1] for path in spec["paths"]]
    assert len(methods) >= 60
    let_through = set()
    for method in methods:
        answer = http(platform, method, {})
        error = answer.json()["error"]
        if answer.status_code != 401 or "authorization" not in error["message"]:
            let_through.add(method)
    assert let_through == {"RateVisit"}
    rate = http(platform, "RateVisit", {}).json()["error"]
    assert rate["status"] == "UNAUTHENTICATED" and "二维码" in rate["message"]


def grpc_refusal(front: Frontend, method: str, request) -> tuple[str, str, list[str]]:
    with pytest.raises(grpc.RpcError) as caught:
        call(front, method, request)
    status = rpc_status.from_call(caught.value)
    fields = [v.field for v in violations_from_status(status)] if status else []
    return caught.value.code().name, caught.value.details(), fields


CASES = [
    ("rep", "GetPerson", gw.GetPersonRequest(), {}),
    ("rep", "ListDeadLetters", n.ListDeadLettersRequest(), {}),
    ("rep", "ListRepApprovals", ap.ListRepApprovalsRequest(rep_id="rep2"), {"repId": "rep2"}),
    ("rep", "DecideApproval", ap.DecideApprovalRequest(approval_id="x"), {"approvalId": "x"}),
]


@pytest.mark.parametrize(("role", "method", "request_pb", "body"), CASES,
                         ids=[c[1] for c in CASES])  # fmt: skip
def test_a_refusal_is_the_same_on_both_faces(platform, org, tenant, role, method, request_pb,
                                             body):  # fmt: skip
    person = org["rep"]
    front = Frontend(platform.gateway_target, tenant, person, [role])
    code, message, fields = grpc_refusal(front, method, request_pb)
    token = mint(Settings("gateway").auth_secret, tenant, person, [role])
    answer = http(platform, method, body, token)
    error = answer.json()["error"]
    assert (error["status"], error["message"]) == (code, message)
    assert [f["field"] for f in error["fields"]] == fields
    assert answer.status_code == {"INVALID_ARGUMENT": 400, "PERMISSION_DENIED": 403,
                                  "NOT_FOUND": 404}[code]  # fmt: skip
    front.close()
