"""The thin slice end to end: lead -> assignment -> WeCom push -> visit with photo -> scoring,
through the gateway, over real RabbitMQ, MongoDB-wire and S3."""

from __future__ import annotations

import hashlib
import time
import uuid

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from minio import Minio

from devstack.frontend import Frontend, standin_messages, storefront_jpeg, visit_card
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import types_pb2 as t
from sales.notify.v1 import notify_pb2 as n
from services.common.config import Settings
from tests.e2e.conftest import wait_until
from tests.e2e.test_visit_cards import register_store


def lead_request(external_id: str, name: str = "世纪联华(文三路店)") -> a.CreateLeadRequest:
    return a.CreateLeadRequest(
        external_id=external_id,
        channel="exhibition",
        customer_type=t.CUSTOMER_TYPE_KA,
        region_code="330106",
        urgency=t.URGENCY_RED,
        customer_name=name,
        contact_name="陈经理",
        phone=f"139{uuid.uuid4().int % 10**8:08d}",  # distinct, or A1 merges the leads
        address="浙江省杭州市西湖区文三路 100 号",
        location=t.GeoPoint(latitude=30.28, longitude=120.13, datum=t.DATUM_GCJ02),
    )


def assigned(front: Frontend, lead_id: str) -> a.Lead | None:
    lead = front.get_lead(lead_id)
    return lead if lead.assigned_rep_id else None


def test_lead_is_routed_pushed_visited_and_scored(platform, tenant, org, stack):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    since = time.time()

    created = admin.create_lead(lead_request(f"crm-{uuid.uuid4()}"))
    lead = wait_until(lambda: assigned(admin, created.lead_id))

    # assignment: the one idle KA rep in 杭州 gets it, with the rule and a Chinese reason
    assert lead.assigned_rep_id == org["rep"]
    assert lead.status == a.LEAD_STATUS_ASSIGNED
    assert lead.decision.rule_id == "default" and lead.decision.rule_version == 1
    assert "同区域同类型" in lead.decision.reason
    assert [c.rep_id for c in lead.decision.candidates] == [org["rep"]]

    # notify: a WeCom textcard to the rep and a notice to the supervisor, each logged
    rep_push = wait_until(lambda: standin_messages(since, f"wx-{org['rep']}"))
    sup_push = wait_until(lambda: standin_messages(since, f"wx-{org['supervisor']}"))
    assert rep_push[0]["msgtype"] == "textcard"
    assert "世纪联华(文三路店)" in rep_push[0]["body"]["textcard"]["title"]
    assert "李业务" in sup_push[0]["body"]["text"]["content"]
    # the stand-in may hold a message a moment before notify records it as sent
    log = wait_until(
        lambda: (
            len(sent := [d for d in admin.deliveries() if d.status == n.DELIVERY_STATUS_SENT]) >= 2
            and sent
        )
    )
    assert {d.recipient_role for d in log} == {"rep", "supervisor"}
    assert {d.provider_message_id for d in log} == {rep_push[0]["msgid"], sup_push[0]["msgid"]}

    # media: a photo streamed through the gateway lands in S3 byte for byte
    jpeg = storefront_jpeg()
    visit_id = str(uuid.uuid4())
    photo = rep.upload_photo(jpeg, org["rep"], visit_id)
    assert photo.sha256 == hashlib.sha256(jpeg).hexdigest()
    assert photo.content_type == "image/jpeg"
    # The embedded S3 server (s3rver, ADR 018) checks the access key, as MinIO does.
    cfg = Settings("media")
    s3 = Minio(cfg.s3_endpoint, access_key=cfg.s3_access_key, secret_key=cfg.s3_secret_key,
               secure=False)  # fmt: skip
    stored = s3.get_object(stack["SALES_S3_BUCKET"], photo.object_key).read()
    assert stored == jpeg

    # visits: the card is accepted; a replay of the same card returns it unchanged
    store = register_store(admin, org["rep"])
    card = visit_card(org["rep"], store.store_id, 30.28, 120.13, [photo.photo_id], visit_id,
                      lead_id=lead.lead_id)  # fmt: skip
    visit = rep.submit_visit(card)
    assert visit.visit_id == visit_id and len(visit.commitments) == 1
    assert rep.submit_visit(card) == visit

    # scoring follows the events (lead.assigned too, consumed on its own); the replay counted once
    stats = wait_until(
        lambda: (
            (s := rep.rep_stats()).visits_total == 1
            and s.commitments_total == 1
            and s.leads_assigned == 1
            and s
        )
    )
    assert stats.leads_assigned == 1
    assert stats.commitments_total == 1 and stats.commitments_open == 1

    # assignment follows visits: the rep is idle again, so the next lead goes to them too
    second = admin.create_lead(lead_request(f"crm-{uuid.uuid4()}", "华润万家(莫干山路店)"))
    second = wait_until(lambda: assigned(admin, second.lead_id))
    assert second.assigned_rep_id == org["rep"]
    assert wait_until(lambda: rep.rep_stats().leads_assigned == 2)


def test_waiting_lead_is_assigned_when_the_rep_frees_up(platform, tenant, org):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    created = admin.create_lead(lead_request(f"a-{uuid.uuid4()}"))
    first = wait_until(lambda: assigned(admin, created.lead_id))
    waiting = admin.create_lead(lead_request(f"b-{uuid.uuid4()}", "物美(学院路店)"))
    assert waiting.status == a.LEAD_STATUS_WAITING
    assert "待办拜访" in waiting.decision.reason

    photo = rep.upload_photo(storefront_jpeg(), org["rep"], "v")
    store = register_store(admin, org["rep"])
    rep.submit_visit(
        visit_card(org["rep"], store.store_id, 30.2, 120.1, [photo.photo_id],
                   lead_id=first.lead_id)
    )  # fmt: skip

    # event-driven (A3): no polling job runs in the platform, yet the lead is routed
    routed = wait_until(lambda: assigned(admin, waiting.lead_id))
    assert routed.assigned_rep_id == org["rep"]


def test_idempotent_lead_intake(platform, tenant, org):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    request = lead_request(f"dup-{uuid.uuid4()}")
    first = admin.create_lead(request)
    again = admin.create_lead(request)
    assert again.lead_id == first.lead_id
    listed = admin.stub.ListLeads(a.ListLeadsRequest(), metadata=admin.metadata).leads
    assert [x.lead_id for x in listed].count(first.lead_id) == 1


def test_health_and_reflection(platform):
    with grpc.insecure_channel(platform.gateway_target) as channel:
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
        assert health.status == health_pb2.HealthCheckResponse.SERVING
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        answers = stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(list_services="")])
        )
        names = {s.name for answer in answers for s in answer.list_services_response.service}
    assert "sales.gateway.v1.Gateway" in names
    assert "grpc.health.v1.Health" in names


@pytest.mark.parametrize("name", ["assignment", "visits", "media", "scoring", "notify", "gateway"])
def test_every_process_serves_metrics(platform, name):
    import requests

    url = f"http://127.0.0.1:{platform.port(name, 'METRICS')}/metrics"
    # the outbox relay of every process reports its backlog each second (from its first pass;
    # other series carry the service label before that)
    pending = f'sales_outbox_pending{{service="{name}"}}'
    body = wait_until(lambda: (b := requests.get(url, timeout=5).text) and pending in b and b)
    assert pending in (body or "")
    if name in ("assignment", "scoring", "notify"):  # the services that consume events
        depth = wait_until(
            lambda: 'sales_queue_depth{queue="' + name in requests.get(url, timeout=5).text
        )
        assert depth, "queue depth of the service's RabbitMQ queues is reported"
