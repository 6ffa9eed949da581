"""What the visit-card benchmarks share: a platform in a sandbox, one tenant with a rep, a
supervisor and a registered store, and photos of a given size."""

from __future__ import annotations

import io
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from PIL import Image

from bench.common import QUIET
from devstack import infra
from devstack.frontend import Frontend, visit_card
from devstack.platform import Platform
from devstack.probes import wait_until
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.visits.v1 import cards_pb2 as v
from tests.e2e.test_visit_cards import AT_STORE, register_store

REP = "rep-bench"


@dataclass
class Bench:
    rep: Frontend
    store_id: str

    def card(self, photo_ids: list[str], visit_id: str = "") -> v.SubmitVisitRequest:
        return visit_card(REP, self.store_id, AT_STORE.latitude, AT_STORE.longitude, photo_ids,
                          visit_id)  # fmt: skip


@contextmanager
def running_platform(label: str) -> Iterator[Bench]:
    infra.up()
    tenant = f"{label}-{datetime.now().strftime('%H%M%S')}"
    with sandbox("bench") as isolated, Platform(isolated | QUIET) as platform:
        platform.start(quiet=True)
        if not wait_until(lambda: consuming(isolated["SALES_AMQP_URI"], CONSUMER_QUEUES), 60):
            raise SystemExit(f"event consumers not ready: {CONSUMER_QUEUES}")
        admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
        for person in (
            org_pb2.Person(person_id="sup-bench", name="王主管", roles=[t.ROLE_SUPERVISOR],
                           status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-sup-{tenant}"),
            org_pb2.Person(person_id=REP, name="李业务", roles=[t.ROLE_REP], supervisor_id="sup-bench",
                           region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA], capacity=5,
                           status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-rep-{tenant}"),
        ):  # fmt: skip
            admin.upsert_person(person)
        store = register_store(admin, REP)
        time.sleep(1)  # visits' people read model has the rep
        yield Bench(Frontend(platform.gateway_target, tenant, REP, ["rep"]), store.store_id)


def jpeg_of_size(size_bytes: int) -> bytes:
    """A noisy photo (noise does not compress, like a real shelf photo) of about that size."""
    side = int(size_bytes**0.5)  # noise at quality 92: ~1 byte a pixel (measured)
    image = Image.frombytes("RGB", (side * 4 // 3, side * 3 // 4), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def new_id() -> str:
    return str(uuid.uuid4())
