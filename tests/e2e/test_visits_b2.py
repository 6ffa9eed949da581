"""visits-b2's calls through the gateway, on the whole platform: exactly RateVisit is served
without a bearer token, and forged and expired rating tokens are refused each with its own
status. (The bad-input entries of every b2 call are in tests/e2e/bad_inputs.py, B2 section.)

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

from sales.gateway.v1 import gateway_pb2
from sales.gateway.v1 import gateway_pb2_grpc as gwg
from sales.visits.v1 import ratings_pb2 as ra
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


def test_score_threshold_events_feed_the_green_channel(platform, stack, tenant):
    """scoring's score.threshold_crossed, published on the exchange, reaches visits' credit
    read model; an older event arriving late does not overwrite the newer standing."""
    from sales.events.v1 import scoring_events_pb2
    from services.common import envelope as envelopes
    from services.common.event_bus import EventPublisher
    from tests.e2e.conftest import wait_until

    publisher = EventPublisher(stack["SALES_AMQP_URI"])
    now, ids = datetime.now(UTC), []
    for score, at in ((80.0, now), (92.0, now - timedelta(days=2))):
        payload = scoring_events_pb2.ScoreThresholdCrossed(
            rep_id="rep-credit", score="data_credit", period="2026-12", previous=86.0,
            current=score, threshold=85.0, direction="down",
        )  # fmt: skip
        event = envelopes.new_envelope("score.threshold_crossed", payload, tenant_id=tenant,
                                       producer="scoring", occurred_at=at)  # fmt: skip
        publisher.publish(event.id, event.type, envelopes.to_json(event), tenant)
        ids.append(event.id)
    visits_db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]
    # The two events may be handled in either order (and at once): only the end state counts.
    inbox = visits_db["inbox"]
    assert wait_until(lambda: inbox.count_documents({"_id": {"$in": ids}}) == 2)  # both handled
    standing = visits_db["credit_standings"].find_one({"tenant_id": tenant, "rep_id": "rep-credit"})
    assert standing and standing["score"] == 80.0
