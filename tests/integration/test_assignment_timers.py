"""A3, A5, A6 with the clock under the test's control, on the real MongoDB-wire server: SLA
breach -> reassignment -> supervisor alert, long waits, stale reclaim, and two replicas racing
for the same due lead."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from sales.events.v1 import lead_events_pb2
from services.assignment.adapters.repository import INDEXES, MongoAssignmentRepository
from services.assignment.application import leads, reports, reps, timers
from services.assignment.domain.model import CustomerType, Lead, LeadStatus, Rep, RepStatus, Urgency
from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork

URI = Settings("tests").mongo_uri  # SALES_MONGO_URI, else the embedded default
T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


class World:
    def __init__(self) -> None:
        self.client = mongo_client(URI)
        self.db = self.client[f"timers_{uuid.uuid4().hex[:8]}_assignment"]
        ensure_indexes(self.db, INDEXES)
        self.clock = FixedClock(T0)
        self.published: list[envelopes.Envelope] = []
        self.tenant = "t1"

    def uow(self) -> MongoUnitOfWork:
        def publish(event_id: str, event_type: str, body: str, tenant_id: str) -> None:
            self.published.append(envelopes.from_json(body))

        outbox = Outbox(self.db, "assignment", publish, self.clock)
        return MongoUnitOfWork(
            self.client, self.db, "assignment", outbox, MongoAssignmentRepository, self.clock
        )

    def rep(self, rep_id: str, visited_days_ago: int, supervisor: str = "sup-1") -> None:
        rep = Rep(
            self.tenant,
            rep_id,
            rep_id,
            supervisor,
            ("330100",),
            (CustomerType.KA,),
            5,
            RepStatus.ACTIVE,
        )
        reps.upsert_rep(self.uow(), rep, str(uuid.uuid4()), self.clock.now())
        visit_at = self.clock.now() - timedelta(days=visited_days_ago)
        reps.record_visit(
            self.uow(), self.tenant, rep_id, "", visit_at, str(uuid.uuid4()), self.clock.now()
        )

    def lead(self, urgency: Urgency = Urgency.RED) -> Lead:
        lead = Lead(
            lead_id=str(uuid.uuid4()), tenant_id=self.tenant, external_id=str(uuid.uuid4()),
            channel="exhibition", customer_type=CustomerType.KA, region_code="330106",
            urgency=urgency, customer_name="世纪联华(文三路店)", contact_name="陈经理",
            phone=f"139{uuid.uuid4().int % 10**8:08d}", address="", location=None, store_id="",
            created_at=self.clock.now(),
        )  # fmt: skip
        return leads.create_lead(self.uow(), lead).lead

    def events(self, event_type: str, payload_type):
        return [envelopes.unpack(e, payload_type) for e in self.published if e.type == event_type]

    def get(self, lead_id: str) -> Lead:
        return leads.get_lead(self.uow(), self.tenant, lead_id)

    def rep_doc(self, rep_id: str) -> dict:
        return self.db["reps"].find_one({"_id": f"{self.tenant}:{rep_id}"})


@pytest.fixture
def world():
    w = World()
    yield w
    w.client.drop_database(w.db.name)


def test_sla_breach_reassigns_then_waits_then_alerts_the_supervisor(world):
    world.rep("rep-a", visited_days_ago=1)
    world.rep("rep-b", visited_days_ago=3)
    lead = world.lead(Urgency.RED)
    assert lead.assigned_rep_id == "rep-a"  # most recent effective visit first
    assert lead.sla_due_at == T0 + timedelta(minutes=30)

    world.clock.advance(minutes=29)
    assert timers.breach_overdue_responses(world.uow(), world.clock.now()) == 0

    world.clock.advance(minutes=2)
    assert timers.breach_overdue_responses(world.uow(), world.clock.now()) == 1
    moved = world.get(lead.lead_id)
    assert moved.assigned_rep_id == "rep-b" and moved.declined_by == ["rep-a"]
    [breach] = world.events("lead.sla_breached", lead_events_pb2.LeadSlaBreached)
    assert (breach.rep_id, breach.supervisor_id, breach.next_rep_id) == ("rep-a", "sup-1", "rep-b")
    assert breach.sla_seconds == 1800
    assert (
        world.rep_doc("rep-a")["open_leads"] == 0 and world.rep_doc("rep-a")["breaches_total"] == 1
    )
    assert timers.breach_overdue_responses(world.uow(), world.clock.now()) == 0  # once only

    world.clock.advance(minutes=31)  # rep-b lets it lapse too: nobody is left, so it waits
    assert timers.breach_overdue_responses(world.uow(), world.clock.now()) == 1
    waiting = world.get(lead.lead_id)
    assert waiting.status == LeadStatus.WAITING and sorted(waiting.declined_by) == [
        "rep-a",
        "rep-b",
    ]

    world.clock.advance(minutes=59)
    assert timers.alert_long_waits(world.uow(), world.clock.now()) == 0
    world.clock.advance(minutes=2)
    assert timers.alert_long_waits(world.uow(), world.clock.now()) == 1
    [alert] = world.events("lead.waiting_too_long", lead_events_pb2.LeadWaitingTooLong)
    assert alert.supervisor_id == "sup-1" and alert.waited_seconds == 61 * 60
    assert timers.alert_long_waits(world.uow(), world.clock.now()) == 0

    kinds = [e.kind for e in leads.lead_history(world.uow(), world.tenant, lead.lead_id)]
    assert kinds == [
        "created",
        "assigned",
        "sla_breached",
        "assigned",
        "sla_breached",
        "waiting",
        "waiting_alerted",
    ]


def test_accepting_in_time_prevents_the_breach_and_publishes_the_response_time(world):
    world.rep("rep-a", visited_days_ago=1)
    lead = world.lead(Urgency.YELLOW)
    world.clock.advance(minutes=12)
    leads.accept_lead(world.uow(), world.tenant, lead.lead_id, "rep-a", world.clock.now())
    world.clock.advance(hours=5)
    assert timers.breach_overdue_responses(world.uow(), world.clock.now()) == 0
    [response] = world.events("lead.accepted", lead_events_pb2.LeadResponded)
    assert response.first_response_seconds == 720 and response.within_sla


def test_two_replicas_never_breach_the_same_lead_twice(world):
    for rep_id, days in (("rep-a", 1), ("rep-b", 2), ("rep-c", 3)):
        world.rep(rep_id, visited_days_ago=days)
    lead = world.lead(Urgency.RED)
    world.clock.advance(minutes=31)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def replica() -> None:
        barrier.wait()
        results.append(timers.breach_overdue_responses(world.uow(), world.clock.now()))

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 1
    assert len(world.events("lead.sla_breached", lead_events_pb2.LeadSlaBreached)) == 1
    assert world.get(lead.lead_id).assigned_rep_id == "rep-b"


def test_stale_lead_is_reclaimed_and_reported(world):
    world.rep("rep-a", visited_days_ago=1)
    world.rep("rep-b", visited_days_ago=5)
    lead = world.lead(Urgency.BLUE)
    leads.accept_lead(world.uow(), world.tenant, lead.lead_id, "rep-a", world.clock.now())

    world.clock.advance(days=10)
    [row] = reports.stale_lead_report(world.uow(), world.tenant, 7, "", world.clock.now())
    assert (row.rep_id, [(x.lead_id, d) for x, d in row.leads]) == ("rep-a", [(lead.lead_id, 10)])
    assert timers.reclaim_stale_leads(world.uow(), world.clock.now()) == 0

    world.clock.advance(days=6)
    assert timers.reclaim_stale_leads(world.uow(), world.clock.now()) == 1
    again = world.get(lead.lead_id)
    assert again.assigned_rep_id == "rep-b" and "rep-a" in again.declined_by
    [reclaimed] = world.events("lead.reclaimed", lead_events_pb2.LeadReclaimed)
    assert (reclaimed.rep_id, reclaimed.idle_days) == ("rep-a", 16)
    [row] = reports.stale_lead_report(world.uow(), world.tenant, 15, "rep-a", world.clock.now())
    assert row.reclaimed_total == 1 and row.leads == []


def test_a_rep_freed_by_a_decline_takes_a_waiting_lead_at_once(world):
    world.rep("rep-a", visited_days_ago=1)
    first = world.lead()
    waiting = world.lead()
    assert world.get(waiting.lead_id).status == LeadStatus.WAITING
    leads.decline_lead(
        world.uow(), world.tenant, first.lead_id, "rep-a", "不在我的片区", world.clock.now()
    )
    assert world.get(first.lead_id).status == LeadStatus.WAITING  # nobody else, and not rep-a
    assert world.get(waiting.lead_id).assigned_rep_id == "rep-a"  # A3 for a freed rep too


def test_a_claim_whose_lead_never_arrived_is_given_back_exactly_once(world):
    world.rep("rep-a", visited_days_ago=1)
    repo = world.uow().repository()
    rep = repo.get_rep(world.tenant, "rep-a")
    assert repo.claim_rep(
        rep,
        require_idle=True,
        day="2026-11-27",
        quota=None,
        now=world.clock.now(),
        hold_for="lost-lead",
    )
    assert world.rep_doc("rep-a")["open_leads"] == 1  # the process "dies" before storing the lead
    assert timers.reconcile_holds(world.uow(), world.clock.now()) == 0  # too early to tell
    world.clock.advance(seconds=11)
    assert timers.reconcile_holds(world.uow(), world.clock.now()) == 1
    doc = world.rep_doc("rep-a")
    assert (doc["open_leads"], doc["pending_visits"], doc["holds"]) == (0, 0, [])
    assert timers.reconcile_holds(world.uow(), world.clock.now()) == 0
    # a lead stored normally is confirmed, never released
    lead = world.lead()
    world.clock.advance(seconds=11)
    assert timers.reconcile_holds(world.uow(), world.clock.now()) == 0
    assert (
        world.rep_doc("rep-a")["open_leads"] == 1
        and world.get(lead.lead_id).assigned_rep_id == "rep-a"
    )


def test_a_person_who_is_no_longer_a_rep_takes_no_leads(world):
    world.rep("rep-a", visited_days_ago=1)
    reps.retire_rep(world.uow(), world.tenant, "rep-a", str(uuid.uuid4()))
    assert world.lead().status == LeadStatus.WAITING


def test_bulk_intake_routes_like_single_intake_and_keeps_every_rule(world):
    import time

    from services.assignment.application import imports

    for i in range(20):
        world.rep(f"rep-{i:02d}", visited_days_ago=i + 1)
    existing = world.lead()  # an open lead the sheet will duplicate by phone
    header = ["来源编号", "渠道", "客户类型", "区域编码", "紧急程度", "客户名称", "手机号"]
    rows = [[f"B{i}", "电商", "KA", "330106", "红", f"门店{i}", f"137{i:08d}"] for i in range(300)]
    rows.append(["B-dup-db", "展会", "KA", "330106", "黄", "老客户", existing.phone])  # merge
    rows.append(["B0", "电商", "KA", "330106", "红", "门店0", "13700000000"])  # same id again
    rows.append(["B-same-phone", "展会", "KA", "330106", "黄", "门店1 另一来源", "13700000001"])
    rows.append(["B-bad", "电商", "KA", "12", "红", "坏行", "123"])
    started = time.perf_counter()
    report = imports.import_leads(
        world.uow(), world.tenant, header, rows, lambda: str(uuid.uuid4()), world.clock.now
    )
    elapsed = time.perf_counter() - started
    outcome = {r.row: r.status for r in report}
    assert [outcome[n] for n in range(1, 301)] == ["created"] * 300
    assert [outcome[n] for n in range(301, 305)] == ["merged", "duplicate", "merged", "failed"]
    assert report[301].lead_id == report[0].lead_id  # the repeated id answers with the first lead
    stored = list(world.db["leads"].find({"tenant_id": world.tenant}))
    assert len(stored) == 301  # 300 new + the existing one; merges and repeats create nothing
    per_rep = {}
    for doc in stored:
        if doc["status"] == "assigned":
            per_rep[doc["assigned_rep_id"]] = per_rep.get(doc["assigned_rep_id"], 0) + 1
    assert sum(per_rep.values()) == 20 and set(per_rep.values()) == {1}  # idle rule: one each
    for rep in world.db["reps"].find({"tenant_id": world.tenant}):
        assert rep["open_leads"] == per_rep.get(rep["rep_id"], 0) <= 5
    assigned_events = [e for e in world.published if e.type == "lead.assigned"]
    assert len(assigned_events) == 20  # (the existing lead's rep had one more before)
    print(f"bulk intake: {300 / elapsed:.0f} leads/s in-process")


def test_the_same_customer_arriving_twice_at_once_is_merged_not_duplicated(world):
    for i in range(4):
        world.rep(f"rep-{i}", visited_days_ago=i + 1)
    for attempt in range(5):
        phone = f"1581234{attempt:04d}"
        answers: list = []
        barrier = threading.Barrier(2)

        def intake(source: str, phone=phone, answers=answers, barrier=barrier) -> None:
            lead = Lead(
                lead_id=str(uuid.uuid4()), tenant_id=world.tenant, external_id=f"{source}-{phone}",
                channel="ecommerce", customer_type=CustomerType.KA, region_code="330106",
                urgency=Urgency.BLUE, customer_name=f"客户{phone}", contact_name="", phone=phone,
                address="", location=None, store_id="", created_at=world.clock.now(),
            )  # fmt: skip
            barrier.wait()
            answers.append(leads.create_lead(world.uow(), lead))

        threads = [threading.Thread(target=intake, args=(src,)) for src in ("crm", "wechat")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(a.outcome for a in answers) == ["created", "merged"]
        assert len({a.lead.lead_id for a in answers}) == 1
        assert world.db["leads"].count_documents({"tenant_id": world.tenant, "phone": phone}) == 1
    busy = sum(d["open_leads"] for d in world.db["reps"].find({"tenant_id": world.tenant}))
    assert busy == 4  # four reps took four leads; the fifth waits; no claim was leaked


def test_the_sweep_routes_waiting_leads_when_a_new_day_renews_quotas(world):
    from services.assignment.application import rules as rules_app
    from services.assignment.domain.rules import DAILY_QUOTA, Rule

    world.rep("rep-a", visited_days_ago=1)
    quota_rule = Rule(world.tenant, "quota", 0, 0, "配额", True, strategy=DAILY_QUOTA)
    rules_app.upsert_rule(world.uow(), quota_rule, 0, "t", world.clock.now())
    made = [world.lead(Urgency.BLUE) for _ in range(6)]
    assert sum(1 for x in made if x.assigned_rep_id) == 5  # today's quota: capacity 5 x 1
    waiting = next(x for x in made if not x.assigned_rep_id)
    # capacity frees (say, leads closed) but today's quota is spent: nobody becomes "free"
    world.db["reps"].update_one({"rep_id": "rep-a"}, {"$set": {"open_leads": 0}})
    assert timers.sweep_waiting_leads(world.uow(), world.clock.now()) == 0
    world.clock.advance(days=1)  # Shanghai midnight passed: a new quota
    assert timers.sweep_waiting_leads(world.uow(), world.clock.now()) == 1
    assert world.get(waiting.lead_id).assigned_rep_id == "rep-a"


def test_a_rep_who_frees_up_while_a_lead_is_being_stored_takes_it_at_once(world, monkeypatch):
    """Write skew: intake ranks reps before it stores the lead, and the rep's change looks for
    waiting leads before the lead is stored. Neither sees the other unless one looks again
    after its commit; without that the lead would wait for the minute sweep."""
    from services.assignment.application import routing

    ranked = routing.rank_and_claim
    rep = Rep(world.tenant, "rep-late", "rep-late", "sup-1", ("330100",), (CustomerType.KA,), 5,
              RepStatus.ACTIVE)  # fmt: skip

    def rank_then_the_rep_arrives(*args, **kwargs):
        answer = ranked(*args, **kwargs)
        reps.upsert_rep(world.uow(), rep, str(uuid.uuid4()), world.clock.now())
        return answer

    monkeypatch.setattr(leads, "rank_and_claim", rank_then_the_rep_arrives)
    lead = world.lead()
    assert lead.assigned_rep_id == "rep-late"  # what CreateLead answers, not a stale "waiting"
    assert world.get(lead.lead_id).assigned_rep_id == "rep-late"
    assert world.rep_doc("rep-late")["open_leads"] == 1
    kinds = [e.kind for e in leads.lead_history(world.uow(), world.tenant, lead.lead_id)]
    assert kinds == ["created", "waiting", "assigned"]


def test_a_lead_stored_while_a_rep_is_being_stored_is_taken_after_the_reps_commit(
    world, monkeypatch
):
    """The other order: the rep's transaction is open (its snapshot cannot see the lead) while
    the lead is stored, and intake's second look cannot see the uncommitted rep either."""
    store = MongoAssignmentRepository.upsert_rep_profile
    made: list[Lead] = []

    def lead_arrives_meanwhile(self, rep):
        store(self, rep)
        if not made:
            made.append(world.lead())

    monkeypatch.setattr(MongoAssignmentRepository, "upsert_rep_profile", lead_arrives_meanwhile)
    rep = Rep(world.tenant, "rep-new", "rep-new", "sup-1", ("330100",), (CustomerType.KA,), 5,
              RepStatus.ACTIVE)  # fmt: skip
    reps.upsert_rep(world.uow(), rep, str(uuid.uuid4()), world.clock.now())
    assert made[0].status == LeadStatus.WAITING  # intake saw nobody
    assert world.get(made[0].lead_id).assigned_rep_id == "rep-new"
