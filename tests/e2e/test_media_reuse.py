"""M3 end to end (issue 9): rep A submits a card with a storefront photo; on a later visit rep
B submits a card with the same photo, cropped and recompressed (as a chat app passes it on).
media's photo.flagged (reason reused) names rep A's photo, visit and rep; rep A's new shot of
the same storefront on another visit is not flagged."""

from __future__ import annotations

import random
import uuid

import pymongo

from devstack import reuse_samples as samples
from devstack.frontend import Frontend, visit_card
from devstack.sandbox import MONGO
from sales.events.v1 import media_events_pb2
from sales.media.v1 import media_pb2 as m
from services.common import envelope as envelopes
from tests.e2e.conftest import wait_until
from tests.e2e.test_visit_cards import AT_STORE, register_store


def media_events(stack, tenant: str, kind: str, payload_type) -> list:
    db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}media"]
    rows = db["outbox"].find({"tenant_id": tenant, "type": kind}).sort("created_at", 1)
    return [envelopes.unpack(envelopes.from_json(r["body"]), payload_type) for r in rows]


def _card_with(rep: Frontend, rep_id: str, store_id: str, photo: bytes) -> tuple[str, str]:
    visit_id = str(uuid.uuid4())
    uploaded = rep.upload_photo(photo, rep_id, visit_id)
    card = visit_card(rep_id, store_id, AT_STORE.latitude, AT_STORE.longitude,
                      [uploaded.photo_id], visit_id)  # fmt: skip
    rep.submit_visit(card)
    return uploaded.photo_id, visit_id


def _analysed(rep: Frontend, photo_id: str) -> m.Photo:
    request = m.GetPhotoRequest(photo_id=photo_id)
    return wait_until(
        lambda: (
            (p := rep.stub.GetPhoto(request, metadata=rep.metadata, timeout=10)).analysis_state
            == m.ANALYSIS_STATE_DONE
            and p
        ),
        timeout_s=90,
    )


def test_a_photo_another_rep_used_last_week_is_flagged_naming_it(platform, stack, tenant, org):
    target = platform.gateway_target
    admin = Frontend(target, tenant, "admin", ["admin"])
    rep_a = Frontend(target, tenant, org["rep"], ["rep"])
    rep_b = Frontend(target, tenant, org["other_rep"], ["rep"])
    store_a = register_store(admin, org["rep"], "华润万家")
    store_b = register_store(admin, org["other_rep"], "华润万家")
    rng = random.Random(28)
    first_shot = samples.storefront_shot("华润万家", 2028, samples.random_visit(rng), 1)

    earlier_photo, earlier_visit = _card_with(rep_a, org["rep"], store_a.store_id,
                                              samples.jpeg(first_shot, 90))  # fmt: skip
    assert "reused" not in _analysed(rep_a, earlier_photo).analysis.flag_reasons
    copy = samples.crop(first_shot, random.Random(5))  # cropped, recompressed
    copied_photo, copied_visit = _card_with(rep_b, org["other_rep"], store_b.store_id, copy)
    new_shot = samples.storefront_shot("华润万家", 2028, samples.random_visit(rng), 2)
    new_photo, _ = _card_with(rep_a, org["rep"], store_a.store_id, samples.jpeg(new_shot, 88))

    assert "reused" in _analysed(rep_b, copied_photo).analysis.flag_reasons
    assert "reused" not in _analysed(rep_a, new_photo).analysis.flag_reasons
    flagged = [
        e
        for e in media_events(stack, tenant, "photo.flagged", media_events_pb2.PhotoFlagged)
        if e.reason == "reused"
    ]
    assert [e.photo_id for e in flagged] == [copied_photo]
    [flag] = flagged
    assert (flag.visit_id, flag.rep_id) == (copied_visit, org["other_rep"])
    assert (flag.earlier.photo_id, flag.earlier.visit_id, flag.earlier.rep_id) == (
        earlier_photo, earlier_visit, org["rep"],
    )  # fmt: skip
    assert flag.reason_label == "重复使用的照片" and org["rep"] in flag.detail
