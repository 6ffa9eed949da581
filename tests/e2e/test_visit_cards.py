"""V2, V3 and G3 end to end through the gateway, over real RabbitMQ, MongoDB-wire and S3: a
full card with three real photos, the datum rule, an offline batch replayed three times,
and overdue commitments with the clock moved and two visits replicas running."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from minio import Minio

from devstack.frontend import Frontend, call, standin_messages, storefront_jpeg, visit_card
from devstack.platform import Platform, free_port_env
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2 as gw
from sales.media.v1 import media_pb2 as m
from sales.visits.v1 import batches_pb2 as vb
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import commitments_pb2 as vc
from sales.visits.v1 import stores_pb2 as vs
from services.common.config import Settings
from services.common.geo import GeoPoint
from tests.e2e.conftest import wait_until

# 世纪联华(文三路店) as Amap geocodes it (GCJ-02), and what a phone's GPS reads standing there.
STORE_GCJ = GeoPoint(30.27520, 120.13010, "gcj02")
AT_STORE = STORE_GCJ.to_wgs84()
METRES_PER_DEGREE_LAT = 111_195


def register_store(admin: Frontend, owner: str, name: str = "世纪联华(文三路店)") -> vs.Store:
    """A store owned by `owner`, once visits' people read model knows the rep (an
    org.person.upserted away)."""
    return wait_until(lambda: _registered(admin, owner, name), timeout_s=30)


def _registered(admin: Frontend, owner: str, name: str) -> vs.Store | None:
    store = vs.Store(
        external_id=f"ERP-{uuid.uuid4().hex[:10]}", name=name,
        address="浙江省杭州市西湖区文三路 100 号",
        location=t.GeoPoint(latitude=STORE_GCJ.latitude, longitude=STORE_GCJ.longitude,
                            datum=t.DATUM_GCJ02),
        region_code="330106", customer_class=t.CUSTOMER_TYPE_KA, owner_rep_id=owner,
    )  # fmt: skip
    try:
        return call(admin, "RegisterStore", vs.RegisterStoreRequest(store=store))
    except grpc.RpcError as error:
        if error.code() == grpc.StatusCode.INVALID_ARGUMENT:  # the rep is not known yet
            return None
        raise


def three_photos(rep: Frontend, rep_id: str, visit_id: str) -> list[m.Photo]:
    kinds = (m.PHOTO_KIND_STOREFRONT, m.PHOTO_KIND_SHELF, m.PHOTO_KIND_MEETING)
    return [
        rep.upload_photo(storefront_jpeg((1280 + 8 * i, 960)), rep_id, visit_id, kind=kind)
        for i, kind in enumerate(kinds)
    ]


@pytest.fixture
def people(platform, tenant, org) -> dict[str, Frontend]:
    return {
        "admin": Frontend(platform.gateway_target, tenant, "admin", ["admin"]),
        "rep": Frontend(platform.gateway_target, tenant, org["rep"], ["rep"]),
        "other": Frontend(platform.gateway_target, tenant, org["other_rep"], ["rep"]),
        "supervisor": Frontend(platform.gateway_target, tenant, org["supervisor"], ["supervisor"]),
    }


def test_a_full_card_with_three_real_photos(platform, stack, people, org):
    rep = people["rep"]
    store = register_store(people["admin"], org["rep"])
    prefill = rep.start_visit(store.store_id)
    assert prefill.store.name == "世纪联华(文三路店)" and len(prefill.core_demands) == 6
    assert [c.label for c in prefill.photo_slots] == ["门头照", "货架照", "洽谈照"]

    visit_id = str(uuid.uuid4())
    photos = three_photos(rep, org["rep"], visit_id)
    card = visit_card(org["rep"], store.store_id, AT_STORE.latitude, AT_STORE.longitude,
                      [p.photo_id for p in photos], visit_id)  # fmt: skip
    visit = rep.submit_visit(card)

    assert visit.store_name == "世纪联华(文三路店)" and visit.region_code == "330106"
    assert [p.slot for p in visit.photos] == [v.PHOTO_SLOT_STOREFRONT, v.PHOTO_SLOT_SHELF,
                                              v.PHOTO_SLOT_MEETING]  # fmt: skip
    assert list(visit.missing_items) == [] and list(visit.plausibility_flags) == []
    # datum: a WGS-84 check-in at the very spot of a GCJ-02 address is a few metres away
    assert visit.distance_known and visit.distance_to_store_m < 5
    assert len(visit.commitments) == 1 and visit.first_visit_of_store
    cfg = Settings("media")
    s3 = Minio(
        cfg.s3_endpoint, access_key=cfg.s3_access_key, secret_key=cfg.s3_secret_key, secure=False
    )
    for photo in photos:
        assert s3.stat_object(stack["SALES_S3_BUCKET"], photo.object_key).size == photo.size_bytes
    assert rep.submit_visit(card) == visit  # a replay returns the stored card
    assert rep.get_visit(visit_id) == visit
    assert people["supervisor"].get_visit(visit_id).visit_id == visit_id
    with pytest.raises(grpc.RpcError) as error:
        people["other"].get_visit(visit_id)
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    again = rep.start_visit(store.store_id)
    assert [c.commitment_id for c in again.open_commitments] == [visit.commitments[0].commitment_id]


def test_a_check_in_600_m_away_measures_about_600_m_and_an_incomplete_card_is_recorded(people, org):
    rep = people["rep"]
    store = register_store(people["admin"], org["rep"])
    visit_id = str(uuid.uuid4())
    photo = rep.upload_photo(storefront_jpeg(), org["rep"], visit_id)
    north = AT_STORE.latitude + 600 / METRES_PER_DEGREE_LAT
    card = visit_card(org["rep"], store.store_id, north, AT_STORE.longitude, [photo.photo_id],
                      visit_id)  # fmt: skip
    card.core_demand = ""
    card.check_in.mock_location = True
    visit = rep.submit_visit(card)
    assert 590 < visit.distance_to_store_m < 610
    assert [x.code for x in visit.missing_items] == ["photo_shelf", "photo_meeting", "core_demand"]
    assert [x.code for x in visit.plausibility_flags] == ["mock_location"]


def offline_batch(org, store_id: str, photo_id: str, commitment_id: str) -> list[vb.BatchItem]:
    new_store = str(uuid.uuid4())
    draft = v.NewStore(
        name="美宜佳(学院路店)", address="杭州市西湖区学院路 1 号", region_code="330106",
        location=t.GeoPoint(latitude=30.2801, longitude=120.1302, datum=t.DATUM_GCJ02),
        customer_class=t.CUSTOMER_TYPE_CONVENIENCE,
    )  # fmt: skip
    card = visit_card(org["rep"], new_store, 30.2780, 120.1255, [photo_id])
    bad = visit_card(org["rep"], store_id, 30.2780, 120.1255, [photo_id])
    bad.core_demand, bad.visit_id = "bribery", "not-a-uuid"
    close = vc.COMMITMENT_STATUS_DONE
    return [
        vb.BatchItem(store_registration=vb.StoreRegistrationItem(store_id=new_store, store=draft)),
        vb.BatchItem(card=card),
        vb.BatchItem(commitment_update=vb.CommitmentUpdateItem(
            request_id=str(uuid.uuid4()), commitment_id=commitment_id, status=close, note="已送达")),
        vb.BatchItem(card=bad),
    ]  # fmt: skip


def test_an_offline_batch_replayed_three_times_yields_one_visit(people, org):
    rep = people["rep"]
    store = register_store(people["admin"], org["rep"])
    first_visit = str(uuid.uuid4())
    photo = rep.upload_photo(storefront_jpeg(), org["rep"], first_visit)
    earlier = rep.submit_visit(visit_card(org["rep"], store.store_id, AT_STORE.latitude,
                                          AT_STORE.longitude, [photo.photo_id], first_visit))  # fmt: skip
    commitment_id = earlier.commitments[0].commitment_id
    rep.close_commitment(commitment_id, done=False, note="客户改主意了")  # closed on the web first
    photo2 = rep.upload_photo(storefront_jpeg((1300, 960)), org["rep"], "offline")
    items = offline_batch(org, store.store_id, photo2.photo_id, commitment_id)

    outcomes = [[r.outcome for r in rep.sync_batch(items).results] for _ in range(3)]
    applied, conflict, invalid = (
        vb.ITEM_OUTCOME_APPLIED,
        vb.ITEM_OUTCOME_CONFLICT,
        vb.ITEM_OUTCOME_INVALID,
    )
    already = vb.ITEM_OUTCOME_ALREADY_APPLIED
    assert outcomes[0] == [applied, applied, conflict, invalid]
    assert outcomes[1] == outcomes[2] == [already, already, conflict, invalid]
    last = rep.sync_batch(items).results
    assert last[2].commitment.status == vc.COMMITMENT_STATUS_CANCELLED  # the server's state
    assert {x.field for x in last[3].violations} >= {"visit_id", "core_demand"}
    assert (
        last[1].visit.store_name == "美宜佳(学院路店)"
        and last[1].visit.store_registered_from_card is False
    )
    visits = rep.list_visits().visits
    assert sorted(x.visit_id for x in visits) == sorted([first_visit, last[1].client_id])


def moved_clock_replica(stack, platform, offset, log_dir) -> Platform:
    """One more visits process whose clock reads `offset` (seconds ahead of the machine)."""
    ports = free_port_env()
    env = {**stack, "SALES_CLOCK_OFFSET_FILE": str(offset),
           "SALES_VISITS_GRPC_PORT": ports["SALES_VISITS_GRPC_PORT"],
           "SALES_VISITS_METRICS_PORT": ports["SALES_VISITS_METRICS_PORT"],
           "SALES_MEDIA_GRPC_PORT": str(platform.port("media"))}  # fmt: skip
    log_dir.mkdir()
    return Platform(env, log_dir=log_dir)


def ding_messages(since: float, tenant: str) -> list[dict]:
    return standin_messages(since, f"ding-rep-{tenant}", "dingtalk_work")


def test_overdue_commitments_alert_once_per_step_with_two_replicas(
    platform, stack, tenant, org, tmp_path, people
):
    admin, rep = people["admin"], people["rep"]
    for person_id, ding in ((org["rep"], "ding-rep"), (org["supervisor"], "ding-sup")):
        person = call(admin, "GetPerson", gw.GetPersonRequest(person_id=person_id))
        person.dingtalk_userid = f"{ding}-{tenant}"
        admin.upsert_person(person)
    store = register_store(admin, org["rep"])
    ids, due = [], ""
    for _ in range(2):
        visit_id = str(uuid.uuid4())
        photo = rep.upload_photo(storefront_jpeg(), org["rep"], visit_id)
        card = visit_card(org["rep"], store.store_id, AT_STORE.latitude, AT_STORE.longitude,
                          [photo.photo_id], visit_id, due_in_days=1)  # fmt: skip
        ids.append(rep.submit_visit(card).commitments[0].commitment_id)
        due = card.commitments[0].due_date
    offset = tmp_path / "clock"
    offset.write_text("0")
    replicas = [moved_clock_replica(stack, platform, offset, tmp_path / f"r{i}") for i in (1, 2)]
    since = time.time()
    try:
        for replica in replicas:
            replica.start(["visits"], quiet=True)
        due_day = datetime.fromisoformat(due).replace(tzinfo=UTC) - timedelta(hours=8)
        for step, days_after in enumerate((1, 3, 6), start=1):
            at = due_day + timedelta(days=days_after, hours=10)  # 10:00 in Shanghai that day
            offset.write_text(str((at - datetime.now(UTC)).total_seconds()))
            assert wait_until(lambda n=2 * step: len(ding_messages(since, tenant)) >= n, 60)
            time.sleep(11)  # two more timer passes of each replica: nothing more goes out
            assert len(ding_messages(since, tenant)) == 2 * step
    finally:
        for replica in replicas:
            replica.stop()
    assert len(standin_messages(since, f"ding-sup-{tenant}", "dingtalk_work")) == 6
    listed = rep.commitments()  # through the platform's own visits, on the machine's clock
    assert {c.commitment_id for c in listed} == set(ids)
    assert {c.reminders_sent for c in listed} == {3}


def test_an_offline_card_is_accepted_before_its_photo_and_linked_when_it_arrives(people, org):
    rep = people["rep"]
    store = register_store(people["admin"], org["rep"])
    visit_id, late_photo = str(uuid.uuid4()), str(uuid.uuid4())
    card = visit_card(org["rep"], store.store_id, AT_STORE.latitude, AT_STORE.longitude,
                      [late_photo], visit_id)  # fmt: skip
    [result] = rep.sync_batch([vb.BatchItem(card=card)]).results
    assert result.outcome == vb.ITEM_OUTCOME_APPLIED
    assert list(result.visit.pending_photo_ids) == [late_photo]
    rep.upload_photo(storefront_jpeg(), org["rep"], visit_id, photo_id=late_photo)
    linked = wait_until(lambda: not (v := rep.get_visit(visit_id)).pending_photo_ids and v)
    assert linked.photo_ids == [late_photo]
