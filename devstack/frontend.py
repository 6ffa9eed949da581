"""What a front end does, in code: a gateway client with a bearer token, plus the helpers
the demo, the end-to-end tests and the benchmarks share (photos, visit cards, reading what
the WeCom/DingTalk stand-in received)."""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import grpc
import requests
from PIL import Image, ImageDraw

from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2 as gw
from sales.gateway.v1 import gateway_pb2_grpc as gwg
from sales.media.v1 import media_pb2 as m
from sales.notify.v1 import notify_pb2 as n
from sales.scoring.v1 import scoring_pb2 as s
from sales.visits.v1 import batches_pb2 as vb
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import commitments_pb2 as vc
from services.common.clock import SHANGHAI
from services.common.config import Settings
from services.gateway.adapters.tokens import mint

CHUNK = 64 * 1024
STANDIN = "http://127.0.0.1:18080"


class Frontend:
    def __init__(self, target: str, tenant: str, person: str, roles: list[str]) -> None:
        self.channel = grpc.insecure_channel(target)
        self.stub = gwg.GatewayStub(self.channel)
        token = mint(Settings("gateway").auth_secret, tenant, person, roles)
        self.metadata = [("authorization", f"Bearer {token}")]
        self.person = person
        self.tenant = tenant

    def close(self) -> None:
        self.channel.close()

    def upsert_person(self, person: org_pb2.Person) -> org_pb2.Person:
        return self.stub.UpsertPerson(gw.UpsertPersonRequest(person=person), metadata=self.metadata)

    def create_lead(self, request: a.CreateLeadRequest) -> a.Lead:
        return self.stub.CreateLead(request, metadata=self.metadata, timeout=10)

    def get_lead(self, lead_id: str) -> a.Lead:
        return self.stub.GetLead(a.GetLeadRequest(lead_id=lead_id), metadata=self.metadata)

    def upload_photo(
        self, data: bytes, rep_id: str, visit_id: str, photo_id: str = "",
        kind: int = m.PHOTO_KIND_STOREFRONT,
    ) -> m.Photo:  # fmt: skip
        meta = m.PhotoMeta(
            photo_id=photo_id or str(uuid.uuid4()),
            rep_id=rep_id,
            visit_id=visit_id,
            kind=kind,
            filename="storefront.jpg",
        )

        def parts() -> Iterator[m.UploadPhotoRequest]:
            yield m.UploadPhotoRequest(meta=meta)
            for i in range(0, len(data), CHUNK):
                yield m.UploadPhotoRequest(chunk=data[i : i + CHUNK])

        return self.stub.UploadPhoto(parts(), metadata=self.metadata, timeout=30)

    # --- visit cards, commitments, offline batches (visits-b1) ----------------------------
    def start_visit(self, store_id: str, rep_id: str = "") -> v.VisitPrefill:
        request = v.StartVisitRequest(store_id=store_id, rep_id=rep_id)
        return self.stub.StartVisit(request, metadata=self.metadata, timeout=10)

    def submit_visit(self, request: v.SubmitVisitRequest) -> v.Visit:
        return self.stub.SubmitVisit(request, metadata=self.metadata, timeout=10)

    def get_visit(self, visit_id: str) -> v.Visit:
        request = v.GetVisitRequest(visit_id=visit_id)
        return self.stub.GetVisit(request, metadata=self.metadata, timeout=10)

    def list_visits(self, rep_id: str = "", page_size: int = 50, token: str = ""):
        page = t.PageRequest(page_size=page_size, page_token=token)
        request = v.ListVisitsRequest(rep_id=rep_id, page=page)
        return self.stub.ListVisits(request, metadata=self.metadata, timeout=10)

    def close_commitment(
        self, commitment_id: str, done: bool = True, note: str = "", request_id: str = ""
    ) -> vc.Commitment:
        status = vc.COMMITMENT_STATUS_DONE if done else vc.COMMITMENT_STATUS_CANCELLED
        request = vc.UpdateCommitmentRequest(
            commitment_id=commitment_id, status=status, note=note,
            request_id=request_id or str(uuid.uuid4()),
        )  # fmt: skip
        return self.stub.UpdateCommitment(request, metadata=self.metadata, timeout=10)

    def commitments(self, rep_id: str = "", only_overdue: bool = False) -> list[vc.Commitment]:
        request = vc.ListCommitmentsRequest(rep_id=rep_id, only_overdue=only_overdue)
        listed = self.stub.ListCommitments(request, metadata=self.metadata, timeout=10)
        return list(listed.commitments)

    def sync_batch(self, items: list[vb.BatchItem]) -> vb.SyncBatchResponse:
        request = vb.SyncBatchRequest(items=items)
        return self.stub.SyncOfflineBatch(request, metadata=self.metadata, timeout=120)

    def rep_stats(self, rep_id: str = "") -> s.RepStats:
        return self.stub.GetRepStats(s.GetRepStatsRequest(rep_id=rep_id), metadata=self.metadata)

    def deliveries(self, **filters: str) -> list[n.Delivery]:
        request = n.ListDeliveriesRequest(**filters)
        return list(self.stub.ListDeliveries(request, metadata=self.metadata).deliveries)


def storefront_jpeg(size: tuple[int, int] = (1280, 960)) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    ImageDraw.Draw(image).rectangle([80, 80, size[0] - 80, 300], fill=(250, 250, 240))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


SLOTS = (v.PHOTO_SLOT_STOREFRONT, v.PHOTO_SLOT_SHELF, v.PHOTO_SLOT_MEETING)


def visit_card(
    rep_id: str, store_id: str, lat: float, lon: float, photo_ids: list[str],
    visit_id: str = "", lead_id: str = "", due_in_days: int = 3, datum: int = t.DATUM_WGS84,
) -> v.SubmitVisitRequest:  # fmt: skip
    """A complete card: check-in/out 25 minutes apart at (lat, lon), the photos in the
    storefront, shelf and meeting slots in that order, a core demand, one commitment. The
    visit starts no earlier than today's Shanghai midnight: one that began yesterday belongs
    to yesterday's plan, and a card made just after midnight is meant for today's."""
    check_out = datetime.now(UTC).replace(microsecond=0)
    midnight = check_out.astimezone(SHANGHAI).replace(hour=0, minute=0, second=0)
    check_in = max(check_out - timedelta(minutes=25), midnight.astimezone(UTC))
    due = (check_out + timedelta(hours=8, days=due_in_days)).date().isoformat()

    def stamp(at: datetime) -> v.GpsStamp:
        result = v.GpsStamp(
            location=t.GeoPoint(latitude=lat, longitude=lon, datum=datum, accuracy_m=12)
        )
        result.at.FromDatetime(at)
        return result

    card = v.SubmitVisitRequest(
        visit_id=visit_id or str(uuid.uuid4()),
        rep_id=rep_id,
        lead_id=lead_id,
        store_id=store_id,
        check_in=stamp(check_in),
        check_out=stamp(check_out),
        core_demand="display_support",
        commitments=[
            v.CommitmentInput(
                commitment_id=str(uuid.uuid4()),
                description="下周送达端架陈列方案并约店长确认",
                due_date=due,
            )
        ],
        photos=[
            v.CardPhoto(photo_id=p, slot=SLOTS[i % len(SLOTS)]) for i, p in enumerate(photo_ids)
        ],
    )
    card.completed_at.FromDatetime(check_out)
    return card


def standin_messages(since: float, touser: str = "", channel: str = "wecom_app") -> list[dict]:
    params = {"since": since, "channel": channel}
    if touser:
        params["touser"] = touser
    return requests.get(f"{STANDIN}/_standin/messages", params=params, timeout=5).json()["messages"]


def wait_for_push(since: float, touser: str, contains: str, timeout_s: float = 10.0) -> dict | None:
    """The first WeCom app message to `touser` after `since` whose body mentions `contains`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for message in standin_messages(since, touser):
            if contains in str(message["body"]):
                return message
        time.sleep(0.02)
    return None


def call(front: Frontend, method: str, request):
    """Any gateway method with the front end's token: call(admin, "ListRules", req)."""
    return getattr(front.stub, method)(request, metadata=front.metadata, timeout=30)


# --- visits-b2: approvals, stock, returns, ratings ----------------------------------------


def stock_location(kind: str, owner_id: str):
    """("rep", "rep-1") or ("warehouse", "wh-hz") as the contract's StockLocation."""
    from sales.visits.v1 import stock_pb2 as st

    kinds = {"rep": st.STOCK_LOCATION_KIND_REP, "warehouse": st.STOCK_LOCATION_KIND_WAREHOUSE}
    return st.StockLocation(kind=kinds[kind], owner_id=owner_id)


def receive_stock(front: Frontend, warehouse_id: str, lines: dict[str, int], note: str = ""):
    from sales.visits.v1 import stock_pb2 as st

    request = st.ReceiveStockRequest(
        operation_id=str(uuid.uuid4()), warehouse_id=warehouse_id, note=note,
        lines=[st.StockLine(sku=sku, quantity=q) for sku, q in lines.items()],
    )  # fmt: skip
    return call(front, "ReceiveStock", request)


def transfer_to_car(front: Frontend, warehouse_id: str, rep_id: str, lines: dict[str, int]):
    from sales.visits.v1 import stock_pb2 as st

    request = st.TransferStockRequest(
        operation_id=str(uuid.uuid4()), to=stock_location("rep", rep_id),
        lines=[st.StockLine(sku=sku, quantity=q) for sku, q in lines.items()],
    )  # fmt: skip
    getattr(request, "from").CopyFrom(stock_location("warehouse", warehouse_id))
    return call(front, "TransferStock", request)


def car_stock(front: Frontend, rep_id: str = "") -> dict[str, int]:
    from sales.visits.v1 import stock_pb2 as st

    request = st.ListStockRequest()
    if rep_id:
        request.location.CopyFrom(stock_location("rep", rep_id))
    return {level.sku: level.balance for level in call(front, "ListStock", request).levels}


def approval_queue(front: Frontend):
    from sales.visits.v1 import approvals_pb2 as ap

    return list(call(front, "ListApprovalQueue", ap.ListApprovalQueueRequest()).approvals)


def review_and_decide(front: Frontend, approval_id: str, approve: bool, comment: str):
    from sales.visits.v1 import approvals_pb2 as ap

    call(front, "ReviewApproval", ap.ReviewApprovalRequest(approval_id=approval_id))
    decision = ap.APPROVAL_DECISION_APPROVE if approve else ap.APPROVAL_DECISION_REJECT
    request = ap.DecideApprovalRequest(approval_id=approval_id, decision=decision, comment=comment)
    return call(front, "DecideApproval", request)


def my_approvals(front: Frontend):
    from sales.visits.v1 import approvals_pb2 as ap

    return list(call(front, "ListRepApprovals", ap.ListRepApprovalsRequest()).approvals)


def issue_rating_code(front: Frontend, visit_id: str):
    from sales.visits.v1 import ratings_pb2 as ra

    return call(front, "IssueRatingCode", ra.IssueRatingCodeRequest(visit_id=visit_id))


def rate_visit(target: str, token: str, stars: int, comment: str = ""):
    """As the store's phone does: no account, no bearer token, only the QR code's token."""
    from sales.visits.v1 import ratings_pb2 as ra

    with grpc.insecure_channel(target) as channel:
        stub = gwg.GatewayStub(channel)
        request = ra.RateVisitRequest(token=token, stars=stars, comment=comment)
        return stub.RateVisit(request, timeout=10)


def export_returns(front: Frontend, first_day: str, last_day: str, granularity: str = "week"):
    from sales.visits.v1 import returns_pb2 as rt

    levels = {"day": rt.RETURNS_GRANULARITY_DAY, "week": rt.RETURNS_GRANULARITY_WEEK,
              "month": rt.RETURNS_GRANULARITY_MONTH}  # fmt: skip
    request = rt.AnalyseReturnsRequest(
        first_day=first_day, last_day=last_day, granularity=levels[granularity]
    )
    return call(front, "ExportReturns", request)


# --- stores, plans and first visits (visits-a) ----------------------------------------------
# What a front end sends for the store master, the catalogue, visit plans and first visits;
# `call(front, "Method", request)` reaches any of them, these name the common steps.


def import_sheet(front: Frontend, method: str, filename: str, content: bytes, timeout: float = 300):
    """ImportStores / ImportProducts with a CSV or .xlsx file; the per-row report."""
    from sales.visits.v1 import sheets_pb2

    request = sheets_pb2.ImportSheetRequest(filename=filename, content=content)
    return getattr(front.stub, method)(request, metadata=front.metadata, timeout=timeout)


def store_sheet(rows: list[dict[str, str]]) -> bytes:
    """A store sheet as an ERP exports it (Chinese headers, UTF-8 CSV)."""
    import csv

    header = ["外部编号", "门店名称", "地址", "纬度", "经度", "坐标系", "区域编码", "客户类型",
              "负责业务员", "联系人", "联系电话", "建档日期", "最近拜访日期"]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buffer.getvalue().encode()


def store_row(i: int, rep_id: str, **changes: str) -> dict[str, str]:
    """One outlet of a demo sheet: a convenience store in Hangzhou, GCJ-02 (Amap)."""
    row = {"外部编号": f"ERP-{i:05d}", "门店名称": f"美宜佳便利店(文三路{i}号店)",
           "地址": f"杭州市西湖区文三路 {i} 号", "纬度": f"{30.27 + i % 97 * 0.0004:.6f}",
           "经度": f"{120.12 + i % 89 * 0.0004:.6f}", "坐标系": "GCJ-02", "区域编码": "330106",
           "客户类型": "便利店", "负责业务员": rep_id, "联系人": "王店长",
           "联系电话": f"138{i:08d}"}  # fmt: skip
    row.update(changes)
    return row


def todays_plan(front: Frontend, rep_id: str = ""):
    from sales.visits.v1 import plans_pb2

    return front.stub.GetPlan(plans_pb2.GetPlanRequest(rep_id=rep_id), metadata=front.metadata)


def pending_visits(front: Frontend, rep_id: str = ""):
    from sales.visits.v1 import plans_pb2

    request = plans_pb2.ListPendingVisitsRequest(rep_id=rep_id)
    return front.stub.ListPendingVisits(request, metadata=front.metadata)
