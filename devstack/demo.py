"""`make run`: start everything, load the demo distributor, and tell one working day in
Chinese: stores enter the store master, leads are routed (who got each, why, how long the
WeCom push took), a rep accepts, sees today's plan, visits a store with a photo and a
commitment, and the figures follow. Keeps serving until Ctrl-C; with RUN_ONCE=1 it exits 0
after the demo and stops what it started.

`run_demo` reads as the list of the day's steps; each step is a function of one `DemoDay`."""

from __future__ import annotations

import os
import signal
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pika

from devstack import infra
from devstack.demo_org import DISTRICTS, NAMES, PEOPLE, ROLE_ZH, Store, stores
from devstack.frontend import (
    Frontend,
    call,
    import_sheet,
    store_sheet,
    storefront_jpeg,
    todays_plan,
    visit_card,
    wait_for_push,
)
from devstack.platform import Platform
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import types_pb2 as t
from sales.visits.v1 import plans_pb2
from services.common.clock import SHANGHAI
from services.common.geo import GCJ02, GeoPoint
from services.common.labels import CUSTOMER_TYPE_ZH, URGENCY_SHORT_ZH
from services.common.proto_codes import CUSTOMER_TYPE_FROM_PB, URGENCY_FROM_PB

PENDING = plans_pb2.PLAN_ITEM_STATUS_PENDING

# The demo prints what a person reads: the labels of the codes behind the contract's enums
# (the store sheet takes the same labels, as an ERP export spells them).
URGENCY_ZH = {n: URGENCY_SHORT_ZH[code] for n, code in URGENCY_FROM_PB.items()}
TYPE_ZH = {n: CUSTOMER_TYPE_ZH[code] for n, code in CUSTOMER_TYPE_FROM_PB.items()}
CHANNELS = ["ecommerce", "exhibition", "referral"]
URGENCIES = [t.URGENCY_RED, t.URGENCY_YELLOW, t.URGENCY_BLUE]
AMQP_DEFAULT = "amqp://guest:guest@127.0.0.1:5672/"  # as services/common/config.py
REP = "rep-liming"  # the rep whose day the demo follows
LEADS = 10


def say(text: str = "") -> None:
    print(text, flush=True)


@dataclass
class DemoDay:
    """What the steps share: the people's front ends, the stores and what happened so far."""

    platform: Platform
    tenant: str
    admin: Frontend
    rep: Frontend
    supervisor: Frontend
    stores: list[Store] = field(default_factory=list)
    store_ids: dict[str, str] = field(default_factory=dict)  # demo id -> visits' store id
    leads: list[tuple[a.Lead, Store]] = field(default_factory=list)
    push_ms: list[float] = field(default_factory=list)

    @classmethod
    def open(cls, platform: Platform, tenant: str) -> DemoDay:
        def front(person: str, role: str) -> Frontend:
            return Frontend(platform.gateway_target, tenant, person, [role])

        return cls(platform, tenant, front("admin", "admin"), front(REP, "rep"),
                   front("sup-hz", "supervisor"))  # fmt: skip

    def close(self) -> None:
        for f in (self.admin, self.rep, self.supervisor):
            f.close()


def queues_drained(amqp_uri: str, queues: list[str]) -> bool:
    """Every queue has its consumer and nothing waiting, asked of the broker itself (the
    management API's figures lag by seconds)."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    try:
        channel = connection.channel()
        for queue in queues:
            state = channel.queue_declare(queue, passive=True).method
            if state.message_count or not state.consumer_count:
                return False
        return True
    except pika.exceptions.ChannelClosedByBroker:
        return False  # a queue is not declared yet
    finally:
        connection.close()


def wait_for_queues_drained(amqp_uri: str, queues: list[str], timeout_s: float = 20.0) -> None:
    """Org events must reach assignment, visits and notify before they are relied on."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not queues_drained(amqp_uri, queues):
        time.sleep(0.2)


def owner_of(store: Store) -> str:
    """The first rep whose city and customer types cover the store (the ERP's owner field)."""
    for p in PEOPLE:
        covers_city = any(store.region_code[:4] == r[:4] for r in p.region_codes)
        if t.ROLE_REP in p.roles and covers_city and store.customer_type in p.customer_types:
            return p.person_id
    raise LookupError(f"no demo rep covers {store.name}")


def load_organisation(day: DemoDay) -> None:
    say(
        f"\n【1】载入演示组织(租户 {day.tenant}):1 名总监、2 名主管、6 名业务员、1 名财务、1 名管理员,两个区域(杭州、宁波)"
    )
    for p in PEOPLE:
        day.admin.upsert_person(p)
    queues = ["assignment.events", "visits.events", "notify.events"]
    wait_for_queues_drained(day.platform.env.get("SALES_AMQP_URI", AMQP_DEFAULT), queues)


def register_stores(day: DemoDay) -> None:
    """The ERP's store sheet through ImportStores: idempotent by external id, so a second
    `make run` in the same tenant would change nothing."""
    day.stores = stores()
    rows = [store_row_of(s) for s in day.stores]
    report = import_sheet(day.admin, "ImportStores", "门店主数据.csv", store_sheet(rows))
    day.store_ids = {r.key: r.id for r in report.rows if r.id}
    say(f"     门店主数据导入:{report.summary}(分布在 {len(DISTRICTS)} 个区县,GCJ-02 坐标)")


def store_row_of(store: Store) -> dict[str, str]:
    return {"外部编号": store.store_id, "门店名称": store.name, "地址": store.address,
            "纬度": f"{store.latitude:.6f}", "经度": f"{store.longitude:.6f}", "坐标系": "GCJ-02",
            "区域编码": store.region_code, "客户类型": TYPE_ZH[store.customer_type],
            "负责业务员": owner_of(store), "联系人": store.contact,
            "联系电话": store.phone}  # fmt: skip


def lead_request(day: DemoDay, i: int, store: Store) -> a.CreateLeadRequest:
    return a.CreateLeadRequest(
        external_id=f"{day.tenant}-lead-{i + 1}",
        channel=CHANNELS[i % 3],
        customer_type=store.customer_type,
        region_code=store.region_code,
        urgency=URGENCIES[i % 3],
        customer_name=store.name,
        contact_name=store.contact,
        phone=store.phone,
        address=store.address,
        location=t.GeoPoint(
            latitude=store.latitude, longitude=store.longitude, datum=t.DATUM_GCJ02
        ),
        store_id=day.store_ids.get(store.store_id, ""),
    )


def route_leads(day: DemoDay) -> None:
    say("\n【2】门店线索进入线索池,按默认规则(同区域同类型、空闲、最近有效拜访优先)自动分配")
    for i, store in enumerate(day.stores[:LEADS]):
        request = lead_request(day, i, store)
        sent_at = time.time()
        lead = day.admin.create_lead(request)
        day.leads.append((lead, store))
        say(f"  线索{i + 1:>2} {store.name}({store.district},{TYPE_ZH[store.customer_type]},"
            f"{URGENCY_ZH[request.urgency]})")  # fmt: skip
        if not lead.assigned_rep_id:
            say(f"      → 进入等待池:{lead.decision.reason}")
            continue
        push = wait_for_push(sent_at, lead.assigned_rep_id, store.name)
        took = (push["received_at"] - sent_at) * 1000 if push else float("nan")
        if push:
            day.push_ms.append(took)
        say(f"      → {NAMES[lead.assigned_rep_id]}  企业微信推送 {took:.0f} ms")
        say(f"        原因:{lead.decision.reason}")


def the_reps_lead(day: DemoDay) -> tuple[a.Lead, Store] | None:
    return next((x for x in day.leads if x[0].assigned_rep_id == REP), None)


def accept_and_dry_run(day: DemoDay) -> None:
    mine = the_reps_lead(day)
    if mine:
        accepted = call(day.rep, "AcceptLead", a.RespondToLeadRequest(lead_id=mine[0].lead_id))
        took = accepted.responded_at.seconds - accepted.assigned_at.seconds
        say(
            f"\n     李明在企业微信工作台接单「{mine[1].name}」:首次响应 {took} 秒(红色时限 30 分钟)"
        )
    probe = a.CreateLeadRequest(
        external_id="dry-run", channel="referral", customer_type=t.CUSTOMER_TYPE_KA,
        region_code="330106", urgency=t.URGENCY_RED, customer_name="试算门店", phone="13800000000",
    )  # fmt: skip
    decision = call(day.admin, "DryRunAssignment", probe)
    ranked = "、".join(f"{NAMES[c.rep_id]}(第 {c.rank} 名)" for c in decision.candidates) or "无"
    say(f"     试算(不分配):杭州 KA 新线索此刻的候选为 {ranked};{decision.reason}")


def stored_plan(day: DemoDay, timeout_s: float = 30.0):
    """Today's plan once visits has stored it (its timer plans the day; a card closes an
    item only of a stored plan), or what GetPlan shows at the deadline."""
    deadline = time.monotonic() + timeout_s
    plan = todays_plan(day.rep)
    while not plan.stored and time.monotonic() < deadline:
        time.sleep(0.5)
        plan = todays_plan(day.rep)
    return plan


def show_todays_plan(day: DemoDay) -> None:
    plan = stored_plan(day)
    say(
        f"\n【3】李明今天({plan.plan_date})的拜访计划:按门店类别的拜访频率生成,共 {plan.planned} 家"
    )
    for item in list(plan.items)[:5]:
        overdue = f",已逾期 {item.overdue_days} 天" if item.overdue_days else ""
        last = item.last_visited_on or "从未拜访"
        say(f"     {item.position}. {item.store_name}(上次拜访:{last}{overdue})")


def put_on_todays_plan(day: DemoDay, store_id: str, name: str) -> None:
    """The lead's store is new: today's plan was made before it was registered (or it is not
    due yet), so the rep adds it, with a reason, as a rep would before going there."""
    plan = todays_plan(day.rep)
    if any(i.store_id == store_id and i.status == PENDING for i in plan.items):
        return
    request = plans_pb2.AddPlanItemRequest(
        plan_date=plan.plan_date, store_id=store_id, reason="新线索门店,今日上门"
    )
    call(day.rep, "AddPlanItem", request)
    say(f"     李明把新线索门店「{name}」加入今日计划(理由:新线索门店,今日上门)")


def visit_a_store(day: DemoDay) -> None:
    say(
        "\n【4】李明完成拜访:上传门头照(经 media 存入 S3 并加水印),提交拜访卡(签到/签退 GPS、核心诉求、承诺事项)"
    )
    lead, store = the_reps_lead(day) or day.leads[0]
    put_on_todays_plan(day, day.store_ids[store.store_id], store.name)
    visit_id = str(uuid.uuid4())
    photo = day.rep.upload_photo(storefront_jpeg(), REP, visit_id)
    say(f"     照片 {photo.photo_id[:8]}… {photo.size_bytes / 1024:.0f} KB {photo.content_type} "
        f"sha256={photo.sha256[:12]}…")  # fmt: skip
    # The phone reports WGS-84; the store was registered from Amap in GCJ-02 (~500 m apart
    # here). Visits converts before it measures the distance.
    at = GeoPoint(store.latitude, store.longitude, GCJ02).to_wgs84()
    card = visit_card(REP, day.store_ids[store.store_id], at.latitude, at.longitude,
                      [photo.photo_id], visit_id, lead_id=lead.lead_id)  # fmt: skip
    visit = day.rep.submit_visit(card)
    commitment = visit.commitments[0]
    say(
        f"     拜访卡已提交:{store.name},承诺「{commitment.description}」截止 {commitment.due_date}"
    )
    plan = todays_plan(day.rep)
    say(f"     今日计划完成 {plan.completed}/{plan.planned}")


def reroute_waiting(day: DemoDay) -> None:
    waiting = {lead.lead_id: store for lead, store in day.leads if not lead.assigned_rep_id}
    if not waiting:
        return
    say("     李明恢复空闲 → 等待池中他能接的线索立即重新分配(事件驱动,无需定时任务):")
    deadline = time.monotonic() + 5
    while waiting and time.monotonic() < deadline:
        for lead_id, store in list(waiting.items()):
            current = day.admin.get_lead(lead_id)
            if current.assigned_rep_id:
                say(f"       {store.name} → {NAMES[current.assigned_rep_id]}")
                del waiting[lead_id]
        time.sleep(0.1)
    for store in waiting.values():
        say(f"       {store.name} 仍在等待池(覆盖它的业务员都有待办拜访)")


def load_weeks_of_history(day: DemoDay) -> None:
    """The generator's 30 days of 20 reps, worn by the demo people (ADR 047), through the
    services' own bulk paths, so that every dashboard has weeks behind today's figures;
    DEMO_SIZE=full: the whole distributor of the source's size instead (minutes, not seconds)."""
    from devstack.demo_data import demo_tenant, load
    from devstack.demo_data.generate import describe
    from devstack.demo_data.spike_question import ask_about_the_spike
    from devstack.sandbox import CONSUMER_QUEUES

    started = time.monotonic()
    size = os.environ.get("DEMO_SIZE", demo_tenant.SIZE)
    data = demo_tenant.history(size, datetime.now(SHANGHAI).date() - timedelta(days=1))
    say(f"\n【6】导入历史:{describe(data)}")
    demo_tenant.load_history(data, day.platform.gateway_target, day.tenant)
    load.wait_drained(day.platform.env.get("SALES_AMQP_URI", AMQP_DEFAULT), CONSUMER_QUEUES)
    say(f"     历史导入完成,用时 {time.monotonic() - started:.0f} 秒")
    if data.spike:  # the director's question of the source: who moved the county?
        gateway = day.platform.gateway_target
        answer = ask_about_the_spike(gateway, day.tenant, data.spike, "dir-huang")
        say(f"     总监黄志远问:{answer.summary}")


def open_the_console(day: DemoDay) -> None:
    """The console's day (each rep's stores on today's plan, cards, a special price waiting
    for finance, a QR rating code), then where to open it and who to log in as."""
    from devstack.console_demo import seed  # it builds on this module's store sheet

    console = seed(day.platform.gateway_target, day.tenant)
    url = day.platform.console_url
    say(f"\n【7】Web 控制台:{url}/?tenant={day.tenant}")
    say("     开发登录只需租户和账号,无需密码(生产环境由经销商的企业身份认证签发令牌)")
    for person in PEOPLE:
        roles = "、".join(ROLE_ZH[r] for r in person.roles)
        say(f"       {roles:<4} {person.name:<6} 账号 {person.person_id}")
    say(f"     门店评分页(二维码链接,手机打开):{console.rating_url}")
    say(f"     接口文档(OpenAPI):{url}/api/openapi.json")


def show_figures(day: DemoDay) -> None:
    time.sleep(0.5)  # scoring reads the same events asynchronously
    stats = day.rep.rep_stats()
    say(f"\n【5】李明的过程数据(scoring):分配线索 {stats.leads_assigned} 条,拜访 {stats.visits_total} 次,"
        f"承诺 {stats.commitments_total} 项(未闭环 {stats.commitments_open} 项)")  # fmt: skip
    sent = list(day.supervisor.deliveries(recipient_id="sup-hz"))
    say(f"     主管王建国收到 {len(sent)} 条企业微信提醒(notify 投递记录)")


STEPS: list[Callable[[DemoDay], None]] = [
    load_organisation,
    register_stores,
    route_leads,
    accept_and_dry_run,
    show_todays_plan,
    visit_a_store,
    reroute_waiting,
    show_figures,
    load_weeks_of_history,
    open_the_console,
]


def run_demo(platform: Platform, tenant: str) -> list[float]:
    """The day, step by step; the push latencies for the summary line."""
    day = DemoDay.open(platform, tenant)
    try:
        for step in STEPS:
            step(day)
    finally:
        day.close()
    return day.push_ms


def summarise(push_ms: list[float]) -> None:
    if push_ms:
        say(f"\n推送耗时(创建线索 → 企业微信收到):中位数 {statistics.median(push_ms):.0f} ms,"
            f"最大 {max(push_ms):.0f} ms,共 {len(push_ms)} 条(源系统承诺 30 秒)")  # fmt: skip


def serve_until_interrupted(platform: Platform) -> None:
    say(f"\n平台运行中:网关 {platform.gateway_target},控制台 {platform.console_url},"
        "按 Ctrl-C 停止 / serving, Ctrl-C to stop")  # fmt: skip
    while True:
        time.sleep(3600)


def main() -> int:
    say("=== 快消分销销售过程平台 · 演示 / sales-process platform demo ===")
    run_once = os.environ.get("RUN_ONCE") == "1"
    started_infra = infra.up()
    platform = Platform()
    code = 0
    try:
        say("启动服务 / starting services ...")
        platform.start()
        summarise(run_demo(platform, f"demo-{datetime.now().strftime('%Y%m%d%H%M%S')}"))
        if not run_once:
            serve_until_interrupted(platform)
    except KeyboardInterrupt:
        pass
    except Exception as error:  # the demo must say what broke, in words
        say(f"演示失败 / demo failed: {error}")
        code = 1
    finally:
        say("停止服务 / stopping ...")
        platform.stop()
        if run_once:
            infra.down(started_infra)
    return code


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupt)
    sys.exit(main())
