"""The store master (SPEC "Stores and customers"): the distributor's outlets, each with a
registered location and its datum. Plain data and rules, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.common.geo import GeoPoint

# Where a store came from (StoreRegistered.source).
SOURCES = ("import", "card", "ocr", "api")


@dataclass
class Store:
    tenant_id: str
    store_id: str
    external_id: str  # the ERP's id; idempotency key of imports; ERP orders name it
    name: str
    address: str
    location: GeoPoint | None  # registered location, with its datum
    region_code: str  # GB/T 2260
    customer_class: str  # KA | BC | CONVENIENCE (services/common/proto_codes.py)
    owner_rep_id: str
    visit_every_days: int  # 0: the tenant's default for the class
    lead_id: str  # the lead it came from, if any
    registered_at: datetime  # start of "time to first visit" (V7)
    source: str = "api"
    contact_name: str = ""
    phone: str = ""
    active: bool = True
    version: int = 1
    updated_at: datetime | None = None
