"""Builders of visit cards and the world around them for the fake-backed unit tests."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from services.common.clock import FixedClock
from services.common.geo import GeoPoint
from services.visits.domain.cards import Card, CardDraft, NewCommitment, PhotoRef, Stamp
from services.visits.domain.catalogue import Product
from services.visits.domain.people import Person
from services.visits.domain.settings import CardSettings, TenantSettings
from services.visits.domain.stores import Store
from tests.fakes.visits import FakeOtherCapabilities, FakePhotos, fake_uow

TENANT = "t1"
REP = "rep-1"
# 10:00 on 2 December 2026 in Shanghai; the card is received at 10:40.
CHECK_IN_AT = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
RECEIVED_AT = CHECK_IN_AT + timedelta(minutes=40)
# 世纪联华(文三路店), registered from an Amap address (GCJ-02).
STORE_GCJ = GeoPoint(30.27520, 120.13010, "gcj02")
# The WGS-84 reading of the very same spot (what a phone's GPS says standing there).
AT_STORE_WGS = STORE_GCJ.to_wgs84()


def uid() -> str:
    return str(uuid.uuid4())


def stamp(at: datetime = CHECK_IN_AT, point: GeoPoint = AT_STORE_WGS, mock: bool = False):
    return Stamp(replace(point, accuracy_m=12.0), at, mock)


def draft(**changes) -> CardDraft:
    photos = (PhotoRef(PHOTO_IDS[0], "storefront"), PhotoRef(PHOTO_IDS[1], "shelf"),
              PhotoRef(PHOTO_IDS[2], "meeting"))  # fmt: skip
    base = CardDraft(
        visit_id=uid(), tenant_id=TENANT, rep_id=REP, store_id="store-1",
        check_in=stamp(), check_out=stamp(CHECK_IN_AT + timedelta(minutes=25)),
        photos=photos, core_demand="display_support",
        commitments=(NewCommitment(uid(), "下周三前补齐端架陈列物料", date_in(3)),),
    )  # fmt: skip
    return replace(base, **changes)


def date_in(days: int):
    return (CHECK_IN_AT + timedelta(hours=8, days=days)).date()


PHOTO_IDS = [str(uuid.UUID(int=i + 1)) for i in range(12)]


class World:
    """A tenant with one store, one rep (and their supervisor and director), three photos
    in media and two SKUs in the catalogue, behind fakes."""

    def __init__(self) -> None:
        self.clock = FixedClock(RECEIVED_AT)
        self.uow = fake_uow(self.clock)
        self.repo = self.uow.repo
        self.photos = FakePhotos()
        self.others = FakeOtherCapabilities()
        self.deps = self.others.collaborators(self.photos)
        self.repo.stores.add_many([store()])
        for sku in ("SKU-COLA-500", "SKU-TEA-330"):
            self.repo.products.products[(TENANT, sku)] = Product(
                TENANT, sku, sku, "500ml×12", "箱", 4800
            )
        self.repo.people.upsert(Person(TENANT, "dir-1", "周总监", frozenset({"director"})))
        self.repo.people.upsert(
            Person(TENANT, "sup-1", "王主管", frozenset({"supervisor"}), supervisor_id="dir-1")
        )
        self.repo.people.upsert(
            Person(TENANT, REP, "李业务", frozenset({"rep"}), supervisor_id="sup-1", team_id="t-a")
        )
        for photo_id in PHOTO_IDS[:9]:
            self.photos.add(TENANT, photo_id, REP)

    def card_settings(self, cards: CardSettings) -> None:
        self.repo.settings.settings[TENANT] = TenantSettings(TENANT, cards=cards)


def store(**changes) -> Store:
    base = Store(
        tenant_id=TENANT, store_id="store-1", external_id="ERP-1", name="世纪联华(文三路店)",
        address="浙江省杭州市西湖区文三路 100 号", location=STORE_GCJ, region_code="330106",
        customer_class="KA", owner_rep_id=REP, visit_every_days=0, lead_id="",
        registered_at=CHECK_IN_AT - timedelta(days=30), source="import",
    )  # fmt: skip
    return replace(base, **changes)


def card_of(d: CardDraft, **derived) -> Card:
    """A stored card as the submit would build it, for repository tests."""
    base = Card(
        draft=d, fingerprint=d.fingerprint(), store_id=d.store_id or "store-1",
        store_name="世纪联华(文三路店)", region_code="330106", customer_class="KA",
        store_owner_rep_id=REP, store_registered_at=CHECK_IN_AT - timedelta(days=30),
        received_at=RECEIVED_AT, submitted_at=RECEIVED_AT, submit_delay_seconds=900,
        distance_to_store_m=2.5, missing_items=["photo_meeting"],
        plausibility_flags=["mock_location"], implied_speed_kmh=12.5, supervisor_id="sup-1",
    )  # fmt: skip
    return replace(base, **derived)
