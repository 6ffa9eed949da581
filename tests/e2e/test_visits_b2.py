"""visits-b2's calls through the gateway, on the whole platform: exactly RateVisit is served
without a bearer token; forged and expired rating tokens are refused each with its own
status; and a bad-input table for every new call (approvals, stock, returns, ratings): the
right status, the offending fields, and nothing written.

The card-driven proofs (finance approves a card's request and the rep sees it, below 85 no
auto-approval, 200 concurrent cards for 100 units over two visits replicas, a replayed
rating token) need visits-a's and visits-b1's parts; until they are on main the same proofs
run on the real database in tests/integration and on the fakes in tests/unit."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import grpc
import pymongo
import pytest
from grpc_status import rpc_status

from devstack.frontend import Frontend, stock_location
from sales.gateway.v1 import gateway_pb2
from sales.gateway.v1 import gateway_pb2_grpc as gwg
from sales.visits.v1 import approvals_pb2 as ap
from sales.visits.v1 import ratings_pb2 as ra
from sales.visits.v1 import returns_pb2 as rt
from sales.visits.v1 import stock_pb2 as st
from services.common.grpc_status import violations_from_status
from services.visits.adapters.rating_tokens import JwtRatingTokens
from services.visits.domain.ratings import RatingClaims

MONGO = os.environ.get(
    "SALES_MONGO_URI", "mongodb://127.0.0.1:27017/?retryWrites=false&directConnection=true"
)
B2_COLLECTIONS = ["stock", "stock_movements", "stock_operations", "stock_claims", "approvals",
                  "return_buckets", "rating_tokens", "ratings"]  # fmt: skip
GATEWAY = gateway_pb2.DESCRIPTOR.services_by_name["Gateway"]


def refused(call) -> tuple[grpc.StatusCode, set[str]]:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    status = rpc_status.from_call(caught.value)
    fields = {v.field for v in violations_from_status(status)} if status else set()
    return caught.value.code(), fields


def test_every_call_but_rate_visit_needs_a_bearer_token(platform):
    """Called with no token at all, every Gateway method answers UNAUTHENTICATED, except
    RateVisit, which goes through to visits and is refused there for its (empty) token."""
    from google.protobuf import symbol_database

    pool = symbol_database.Default()
    with grpc.insecure_channel(platform.gateway_target) as channel:
        answered = {}
        for method in GATEWAY.methods:
            request_type = pool.GetSymbol(method.input_type.full_name)
            path = f"/{GATEWAY.full_name}/{method.name}"
            if method.client_streaming:
                call = channel.stream_unary(path, request_serializer=request_type.SerializeToString)
                args = iter([request_type()])
            else:
                call = channel.unary_unary(path, request_serializer=request_type.SerializeToString)
                args = request_type()
            with pytest.raises(grpc.RpcError) as caught:
                call(args, timeout=20)
            answered[method.name] = (caught.value.code(), caught.value.details())
    # UNIMPLEMENTED serves nothing (an area still being built answers it to everyone)
    let_through = {name for name, (code, details) in answered.items()
                   if code != grpc.StatusCode.UNIMPLEMENTED
                   and (code != grpc.StatusCode.UNAUTHENTICATED or "authorization" not in details)}  # fmt: skip
    assert let_through == {"RateVisit"}, answered
    assert answered["RateVisit"][0] == grpc.StatusCode.UNAUTHENTICATED  # the empty token
    assert "二维码" in answered["RateVisit"][1]


def rate(platform, token: str, stars: int = 5):
    with grpc.insecure_channel(platform.gateway_target) as channel:
        return gwg.GatewayStub(channel).RateVisit(
            ra.RateVisitRequest(token=token, stars=stars), timeout=20
        )


def test_forged_and_expired_rating_tokens_each_have_their_own_status(platform, tenant):
    soon = datetime.now(UTC) + timedelta(days=1)
    claims = RatingClaims(tenant, "v-1", "nonce-1", soon)
    forged = JwtRatingTokens("not-the-service-secret-0123456789-abcdef", "x").sign(claims)
    assert refused(lambda: rate(platform, forged))[0] == grpc.StatusCode.UNAUTHENTICATED
    assert refused(lambda: rate(platform, "eyJ.not.a-jwt"))[0] == grpc.StatusCode.UNAUTHENTICATED
    # signed with the platform's own (development) secret, but past its expiry
    ours = JwtRatingTokens.from_env()
    expired = ours.sign(
        RatingClaims(tenant, "v-1", "nonce-1", datetime.now(UTC) - timedelta(minutes=1))
    )
    assert refused(lambda: rate(platform, expired))[0] == grpc.StatusCode.FAILED_PRECONDITION
    # signed by us and fresh, but never issued: forged all the same
    unissued = ours.sign(claims)
    assert refused(lambda: rate(platform, unissued))[0] == grpc.StatusCode.UNAUTHENTICATED


def car(rep: str) -> st.StockLocation:
    return stock_location("rep", rep)


def transfer(**fields) -> st.TransferStockRequest:
    request = st.TransferStockRequest(operation_id="t-1", lines=[st.StockLine(sku="A", quantity=1)])
    source = fields.pop("source", None)
    for key, value in fields.items():
        if isinstance(value, st.StockLocation):
            getattr(request, key).CopyFrom(value)
        else:
            setattr(request, key, value)
    if source is not None:
        getattr(request, "from").CopyFrom(source)
    return request


WH = stock_location("warehouse", "wh-hz")
BAD, DENIED = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED
# (who, method, request, status, fields)
BAD_INPUT = [
    ("admin", "ReceiveStock", st.ReceiveStockRequest(warehouse_id="wh", lines=[]), BAD, {"operation_id", "lines"}),
    ("admin", "ReceiveStock", st.ReceiveStockRequest(operation_id="r", warehouse_id="wh",
     lines=[st.StockLine(sku="A", quantity=0), st.StockLine(sku="", quantity=1)]), BAD,
     {"lines[0].quantity", "lines[1].sku"}),
    ("admin", "ReceiveStock", st.ReceiveStockRequest(operation_id="r", warehouse_id="w" * 65,
     lines=[st.StockLine(sku="A", quantity=1)]), BAD, {"target.owner_id"}),
    ("rep", "ReceiveStock", st.ReceiveStockRequest(operation_id="r", warehouse_id="wh",
     lines=[st.StockLine(sku="A", quantity=1)]), DENIED, set()),
    ("admin", "AdjustStock", st.AdjustStockRequest(operation_id="a", lines=[st.StockLine(sku="A", quantity=-1)]),
     BAD, {"location.kind", "location.owner_id"}),
    ("admin", "AdjustStock", st.AdjustStockRequest(operation_id="a", location=WH,
     lines=[st.StockLine(sku="A", quantity=0)]), BAD, {"lines[0].quantity", "note"}),
    ("supervisor", "AdjustStock", st.AdjustStockRequest(operation_id="a", location=WH, note="x",
     lines=[st.StockLine(sku="A", quantity=1)]), DENIED, set()),
    ("admin", "TransferStock", transfer(source=car("r1"), to=car("r2")), BAD, {"target"}),
    ("admin", "TransferStock", transfer(to=WH), BAD, {"from.kind", "from.owner_id"}),
    ("admin", "TransferStock", transfer(source=WH, to=car("r1"), operation_id=""), BAD, {"operation_id"}),
    ("rep", "TransferStock", transfer(source=WH, to=car("r1")), DENIED, set()),
    ("supervisor", "TransferStock", transfer(source=WH, to=car("not-in-team")), DENIED, set()),
    ("admin", "ListStock", st.ListStockRequest(page={"page_size": 500}), BAD, {"page.page_size"}),
    ("admin", "ListStock", st.ListStockRequest(page={"page_token": "%%%"}), BAD, {"page.page_token"}),
    ("rep", "ListStock", st.ListStockRequest(location=car("someone-else")), DENIED, set()),
    ("supervisor", "ListStock", st.ListStockRequest(), BAD, {"location"}),
    ("admin", "ListStockMovements", st.ListStockMovementsRequest(), BAD, {"location.kind", "location.owner_id"}),
    ("rep", "ListStockMovements", st.ListStockMovementsRequest(location=WH), DENIED, set()),
    ("admin", "AnalyseReturns", rt.AnalyseReturnsRequest(first_day="2026-13-01", last_day="2026/12/01"),
     BAD, {"first_day", "last_day", "granularity"}),
    ("admin", "AnalyseReturns", rt.AnalyseReturnsRequest(first_day="2026-12-02", last_day="2026-12-01",
     granularity=rt.RETURNS_GRANULARITY_DAY, reason="lost", region_prefix="33a"), BAD,
     {"last_day", "reason", "region_prefix"}),
    ("admin", "AnalyseReturns", rt.AnalyseReturnsRequest(first_day="2020-01-01", last_day="2026-12-01",
     granularity=rt.RETURNS_GRANULARITY_DAY), BAD, {"last_day"}),
    ("rep", "AnalyseReturns", rt.AnalyseReturnsRequest(), DENIED, set()),
    ("admin", "ExportReturns", rt.AnalyseReturnsRequest(first_day="x", last_day="y",
     granularity=rt.RETURNS_GRANULARITY_WEEK), BAD, {"first_day", "last_day"}),
    ("rep", "ExportReturns", rt.AnalyseReturnsRequest(), DENIED, set()),
    ("admin", "ListApprovalQueue", ap.ListApprovalQueueRequest(page={"page_size": -1}), BAD, {"page.page_size"}),
    ("rep", "ListApprovalQueue", ap.ListApprovalQueueRequest(), DENIED, set()),
    ("finance", "ListApprovalQueue", ap.ListApprovalQueueRequest(region_codes=["330200"]), DENIED, set()),
    ("rep", "ListRepApprovals", ap.ListRepApprovalsRequest(page={"page_token": "!!"}), BAD, {"page.page_token"}),
    ("rep", "ListRepApprovals", ap.ListRepApprovalsRequest(rep_id="someone-else"), DENIED, set()),
    ("admin", "GetApproval", ap.GetApprovalRequest(), BAD, {"approval_id"}),
    ("finance", "ReviewApproval", ap.ReviewApprovalRequest(), BAD, {"approval_id"}),
    ("rep", "ReviewApproval", ap.ReviewApprovalRequest(approval_id="a"), DENIED, set()),
    ("admin", "ReviewApproval", ap.ReviewApprovalRequest(approval_id="a"), DENIED, set()),
    ("finance", "DecideApproval", ap.DecideApprovalRequest(approval_id="a"), BAD, {"decision"}),
    ("rep", "DecideApproval", ap.DecideApprovalRequest(approval_id="a",
     decision=ap.APPROVAL_DECISION_APPROVE), DENIED, set()),
    ("rep", "IssueRatingCode", ra.IssueRatingCodeRequest(), BAD, {"visit_id"}),
    ("finance", "IssueRatingCode", ra.IssueRatingCodeRequest(visit_id="v"), DENIED, set()),
    ("rep", "GetRepSatisfaction", ra.GetRepSatisfactionRequest(week="2026-49"), BAD, {"week"}),
    ("rep", "GetRepSatisfaction", ra.GetRepSatisfactionRequest(rep_id="someone-else"), DENIED, set()),
]  # fmt: skip


@pytest.fixture
def people(platform, tenant, org):
    """The org fixture's supervisor and rep, plus a finance person covering Hangzhou."""
    from sales.common.v1 import org_pb2
    from sales.common.v1 import types_pb2 as t

    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    admin.upsert_person(org_pb2.Person(person_id=f"fin-{tenant[-6:]}", name="钱财务",
                        roles=[t.ROLE_FINANCE], region_codes=["330100"],
                        status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-fin-{tenant}"))  # fmt: skip
    admin.close()
    return {**org, "finance": f"fin-{tenant[-6:]}"}


ROLES = {"admin": ("admin", ["admin"]), "rep": ("rep", ["rep"]),
         "supervisor": ("supervisor", ["supervisor"]), "finance": ("finance", ["finance"])}  # fmt: skip


@pytest.mark.parametrize(
    ("who", "method", "request_", "code", "fields"),
    BAD_INPUT,
    ids=[f"{m}-{w}-{i}" for i, (w, m, *_) in enumerate(BAD_INPUT)],
)
def test_bad_input_table(platform, stack, tenant, people, who, method, request_, code, fields):
    person = people.get(who, who)
    front = Frontend(platform.gateway_target, tenant, person, ROLES[who][1])
    answer, found = refused(lambda: getattr(front.stub, method)(request_, metadata=front.metadata,
                                                               timeout=20))  # fmt: skip
    front.close()
    assert answer == code and found == fields
    db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]
    for name in B2_COLLECTIONS:
        assert db[name].count_documents({"tenant_id": tenant}) == 0, name
