"""S2 end to end, through the gateway over real RabbitMQ, MongoDB-wire and S3: a card whose
storefront photo re-uploads an earlier card's (media flags it `reused`) and that is
submitted hours after check-out lowers the rep's data credit by exactly SPEC S2's points,
each deduction listed with its cause; two more such cards take the credit below 85, scoring
announces score.threshold_crossed, and visits suspends the rep's green channel.

Media on this branch does not detect reuse yet (its analysis runs with `reuse=None` in
services/media/entrypoints/dependencies.py; the detector is another branch's), so the test
publishes media's `photo.flagged` (reason `reused`, the earlier photo named) for the
re-uploaded photo itself, through the real exchange, exactly as media will. Everything else
comes from the services' own events: visits' visit.submitted (missing items, submit delay,
distance after datum conversion), scoring's score.threshold_crossed, visits' standing."""

from __future__ import annotations

import io
import random
import uuid
from datetime import UTC, datetime, timedelta

import pymongo
from PIL import Image

from devstack.frontend import Frontend, call, visit_card
from sales.events.v1 import media_events_pb2
from sales.media.v1 import media_pb2 as m
from sales.scoring.v1 import scoring_pb2 as s
from services.common import envelope as envelopes
from services.common.event_bus import EventPublisher
from services.scoring.domain import credit as rules
from tests.e2e.conftest import wait_until
from tests.e2e.test_visit_cards import AT_STORE, register_store
from tests.e2e.test_visits_b2 import MONGO

KINDS = (m.PHOTO_KIND_STOREFRONT, m.PHOTO_KIND_SHELF, m.PHOTO_KIND_MEETING)


def distinct_jpeg(seed: int) -> bytes:
    """A picture no other seed's resembles (random blocks): only a true re-upload is reuse."""
    rnd = random.Random(seed)
    small = Image.new("RGB", (16, 12))
    small.putdata([tuple(rnd.randrange(256) for _ in range(3)) for _ in range(16 * 12)])
    buffer = io.BytesIO()
    small.resize((640, 480), Image.NEAREST).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def late_card(rep_id: str, store_id: str, photo_ids: list[str], hours_late: float):
    """Checked out `hours_late` + 2 hours before the phone completed (= now) the card."""
    card = visit_card(rep_id, store_id, AT_STORE.latitude, AT_STORE.longitude, photo_ids)
    now = datetime.now(UTC).replace(microsecond=0)
    check_out = now - timedelta(hours=2 + hours_late)
    card.check_in.at.FromDatetime(check_out - timedelta(minutes=25))
    card.check_out.at.FromDatetime(check_out)
    card.completed_at.FromDatetime(now)
    return card


def flag_reused(stack, tenant: str, photo_id: str, visit_id: str, rep_id: str, earlier: str):
    """media's photo.flagged for a re-uploaded photo (see the module's docstring)."""
    payload = media_events_pb2.PhotoFlagged(
        photo_id=photo_id, visit_id=visit_id, rep_id=rep_id, reason="reused",
        reason_label="重复使用的照片", detail=f"与照片 {earlier} 几乎相同",
        earlier=media_events_pb2.EarlierPhoto(photo_id=earlier, rep_id=rep_id),
    )  # fmt: skip
    payload.flagged_at.FromDatetime(datetime.now(UTC))
    event = envelopes.new_envelope("photo.flagged", payload, tenant_id=tenant, producer="media")
    EventPublisher(stack["SALES_AMQP_URI"]).publish(
        event.id, event.type, envelopes.to_json(event), tenant
    )


def credit(front: Frontend, rep_id: str) -> s.DataCredit:
    return call(front, "GetDataCredit", s.GetDataCreditRequest(rep_id=rep_id))


def deductions(front: Frontend, rep_id: str) -> list[s.CreditDeduction]:
    request = s.ListCreditDeductionsRequest(rep_id=rep_id)
    return list(call(front, "ListCreditDeductions", request).deductions)


def test_a_reused_photo_and_a_late_card_cost_exactly_the_spec_points(platform, stack, tenant, org):
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    store = register_store(admin, org["rep"])
    first_visit = str(uuid.uuid4())
    originals = [distinct_jpeg(i) for i in range(3)]
    photos = [rep.upload_photo(data, org["rep"], first_visit, kind=k).photo_id
              for data, k in zip(originals, KINDS, strict=True)]  # fmt: skip
    rep.submit_visit(visit_card(org["rep"], store.store_id, AT_STORE.latitude,
                                AT_STORE.longitude, photos, visit_id=first_visit))  # fmt: skip
    assert credit(rep, org["rep"]).score == 100.0  # a clean card costs nothing

    second = str(uuid.uuid4())
    reused = rep.upload_photo(originals[0], org["rep"], second, kind=KINDS[0]).photo_id
    fresh = [rep.upload_photo(distinct_jpeg(10 + i), org["rep"], second, kind=k).photo_id
             for i, k in enumerate(KINDS[1:])]  # fmt: skip
    card = late_card(org["rep"], store.store_id, [reused, *fresh], hours_late=2.5)
    card.visit_id = second
    rep.submit_visit(card)
    flag_reused(stack, tenant, reused, second, org["rep"], photos[0])
    # SPEC S2: reused photo -5 accuracy; 4.5 h after check-out = 2.5 h late -> 3 points
    # (each started hour), so 0.3 x 100 + 0.4 x 95 + 0.3 x 97 = 97.1
    expected = float(rules.credit(rules.CreditPoints(0, 5, 3, 2)))
    seen = wait_until(lambda: credit(rep, org["rep"]).score == expected or None, timeout_s=60)
    assert seen, credit(rep, org["rep"])
    found = {(d.rule, d.points, d.photo_id or d.visit_id) for d in deductions(rep, org["rep"])}
    assert found == {("photo_reused", 5, reused), ("late_submit", 3, second)}

    # Two more cards, each with only the reused storefront (2 items missing: -4), 13 h late
    # (capped at 10) and reused (-5): 6.2 credit points each, 97.1 -> 90.9 -> 84.7.
    for _ in range(2):
        visit_id = str(uuid.uuid4())
        photo = rep.upload_photo(originals[0], org["rep"], visit_id, kind=KINDS[0]).photo_id
        card = late_card(org["rep"], store.store_id, [photo], hours_late=11)
        card.visit_id = visit_id
        rep.submit_visit(card)
        flag_reused(stack, tenant, photo, visit_id, org["rep"], photos[0])
    assert wait_until(lambda: credit(rep, org["rep"]).score == 84.7 or None, timeout_s=60), credit(
        rep, org["rep"]
    )
    assert not credit(rep, org["rep"]).green_channel

    standings = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]["credit_standings"]
    standing = wait_until(lambda: standings.find_one(
        {"tenant_id": tenant, "rep_id": org["rep"], "score": {"$lt": 85}}), timeout_s=30)  # fmt: skip
    assert standing and standing["score"] == 84.7
