"""`make run`: start everything, load the demo distributor, route leads, and show in Chinese
who got each lead, why, and how long the WeCom push took. Keeps serving until Ctrl-C;
with RUN_ONCE=1 it exits 0 after the demo and stops what it started."""

from __future__ import annotations

import os
import signal
import statistics
import sys
import time
import uuid
from datetime import datetime

import requests

from devstack import infra
from devstack.console_demo import seed as seed_console
from devstack.demo_org import DISTRICTS, NAMES, PEOPLE, ROLE_ZH, stores
from devstack.frontend import Frontend, call, storefront_jpeg, visit_card, wait_for_push
from devstack.platform import Platform
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import types_pb2 as t

URGENCY_ZH = {t.URGENCY_RED: "红", t.URGENCY_YELLOW: "黄", t.URGENCY_BLUE: "蓝"}
TYPE_ZH = {
    t.CUSTOMER_TYPE_KA: "KA",
    t.CUSTOMER_TYPE_BC: "BC类",
    t.CUSTOMER_TYPE_CONVENIENCE: "便利店",
}
CHANNELS = ["ecommerce", "exhibition", "referral"]
MGMT = "http://127.0.0.1:15672/api/queues/%2F/"


def say(text: str = "") -> None:
    print(text, flush=True)


def wait_for_queues_drained(queues: list[str], timeout_s: float = 20.0) -> None:
    """Org events must reach assignment and notify before leads are routed."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            states = [
                requests.get(MGMT + q, auth=("guest", "guest"), timeout=2).json() for q in queues
            ]
            if all(s.get("messages", 1) == 0 and s.get("consumers", 0) > 0 for s in states):
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)


def run_demo(platform: Platform, tenant: str) -> list[float]:
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    say(
        f"\n【1】载入演示组织(租户 {tenant}):1 名总监、2 名主管、6 名业务员、1 名财务、1 名管理员,两个区域(杭州、宁波)"
    )
    for p in PEOPLE:
        admin.upsert_person(p)
    wait_for_queues_drained(["assignment.events", "notify.events"])
    all_stores = stores()
    say(f"     门店 {len(all_stores)} 家,分布在 {len(DISTRICTS)} 个区县")

    say("\n【2】门店线索进入线索池,按默认规则(同区域同类型、空闲、最近有效拜访优先)自动分配")
    latencies: list[float] = []
    leads: list[tuple[a.Lead, object]] = []
    for i, store in enumerate(all_stores[:10]):
        request = a.CreateLeadRequest(
            external_id=f"{tenant}-lead-{i + 1}",
            channel=CHANNELS[i % 3],
            customer_type=store.customer_type,
            region_code=store.region_code,
            urgency=[t.URGENCY_RED, t.URGENCY_YELLOW, t.URGENCY_BLUE][i % 3],
            customer_name=store.name,
            contact_name=store.contact,
            phone=store.phone,
            address=store.address,
            location=t.GeoPoint(
                latitude=store.latitude, longitude=store.longitude, datum=t.DATUM_GCJ02
            ),
            store_id=store.store_id,
        )
        sent_at = time.time()
        lead = admin.create_lead(request)
        leads.append((lead, store))
        head = (
            f"  线索{i + 1:>2} {store.name}({store.district},{TYPE_ZH[store.customer_type]},"
            f"{URGENCY_ZH[request.urgency]})"
        )
        if lead.assigned_rep_id:
            push = wait_for_push(sent_at, lead.assigned_rep_id, store.name)
            took = (push["received_at"] - sent_at) * 1000 if push else float("nan")
            if push:
                latencies.append(took)
            say(f"{head}\n      → {NAMES[lead.assigned_rep_id]}  企业微信推送 {took:.0f} ms")
            say(f"        原因:{lead.decision.reason}")
        else:
            say(f"{head}\n      → 进入等待池:{lead.decision.reason}")

    rep = Frontend(platform.gateway_target, tenant, "rep-liming", ["rep"])
    mine = next((x for x in leads if x[0].assigned_rep_id == "rep-liming"), None)
    if mine:
        accepted = call(rep, "AcceptLead", a.RespondToLeadRequest(lead_id=mine[0].lead_id))
        took = accepted.responded_at.seconds - accepted.assigned_at.seconds
        say(
            f"\n     李明在企业微信工作台接单「{mine[1].name}」:首次响应 {took} 秒(红色时限 30 分钟)"
        )
    probe = a.CreateLeadRequest(
        external_id="dry-run", channel="referral", customer_type=t.CUSTOMER_TYPE_KA,
        region_code="330106", urgency=t.URGENCY_RED, customer_name="试算门店", phone="13800000000",
    )  # fmt: skip
    decision = call(admin, "DryRunAssignment", probe)
    ranked = "、".join(f"{NAMES[c.rep_id]}(第 {c.rank} 名)" for c in decision.candidates) or "无"
    say(f"     试算(不分配):杭州 KA 新线索此刻的候选为 {ranked};{decision.reason}")

    say(
        "\n【3】业务员李明完成拜访:上传门头照(经 media 存入 S3),提交拜访卡(签到/签退 GPS、核心诉求、承诺事项)"
    )
    lead, store = next((x for x in leads if x[0].assigned_rep_id == "rep-liming"), leads[0])
    visit_id = str(uuid.uuid4())
    photo = rep.upload_photo(storefront_jpeg(), "rep-liming", visit_id)
    say(
        f"     照片 {photo.photo_id[:8]}… {photo.size_bytes / 1024:.0f} KB {photo.content_type} sha256={photo.sha256[:12]}…"
    )
    visit = rep.submit_visit(
        visit_card(
            "rep-liming",
            store.store_id,
            store.latitude,
            store.longitude,
            [photo.photo_id],
            visit_id,
            lead_id=lead.lead_id,
        )
    )
    due = visit.commitments[0].due_date
    say(f"     拜访卡已提交:{store.name},承诺「{visit.commitments[0].description}」截止 {due}")

    waiting = {x[0].lead_id: x[1] for x in leads if not x[0].assigned_rep_id}
    if waiting:
        say("     李明恢复空闲 → 等待池中他能接的线索立即重新分配(事件驱动,无需定时任务):")
        deadline = time.monotonic() + 5
        while waiting and time.monotonic() < deadline:
            for lead_id, store in list(waiting.items()):
                current = admin.get_lead(lead_id)
                if current.assigned_rep_id:
                    say(f"       {store.name} → {NAMES[current.assigned_rep_id]}")
                    del waiting[lead_id]
            time.sleep(0.1)
        for store in waiting.values():
            say(f"       {store.name} 仍在等待池(覆盖它的业务员都有待办拜访)")

    time.sleep(0.5)  # scoring reads the same events asynchronously
    stats = rep.rep_stats()
    say(
        f"\n【4】李明的过程数据(scoring):分配线索 {stats.leads_assigned} 条,拜访 {stats.visits_total} 次,"
        f"承诺 {stats.commitments_total} 项(未闭环 {stats.commitments_open} 项)"
    )
    supervisor = Frontend(platform.gateway_target, tenant, "sup-hz", ["supervisor"])
    sent = [d for d in supervisor.deliveries(recipient_id="sup-hz")]
    say(f"     主管王建国收到 {len(sent)} 条企业微信提醒(notify 投递记录)")
    for f in (admin, rep, supervisor):
        f.close()
    return latencies


def show_console(platform: Platform, tenant: str) -> None:
    """The console's day (stores, plans, cards, a special price waiting for finance, a QR
    rating code), then where to open it and who to log in as."""
    day = seed_console(platform.gateway_target, tenant)
    say(f"\n【5】Web 控制台:{platform.console_url}/?tenant={tenant}")
    say(f"     租户 {tenant};开发登录只需账号,无需密码(生产环境由企业身份认证签发令牌)")
    for person in PEOPLE:
        roles = "、".join(ROLE_ZH[r] for r in person.roles)
        say(f"       {roles:<4} {person.name:<6} 账号 {person.person_id}")
    say(f"     门店评分页(二维码链接,手机打开):{day.rating_url}")
    say(f"     接口文档(OpenAPI):{platform.console_url}/api/openapi.json")


def main() -> int:
    say("=== 快消分销销售过程平台 · 演示 / sales-process platform demo ===")
    run_once = os.environ.get("RUN_ONCE") == "1"
    started_infra = infra.up()
    platform = Platform()
    code = 0
    try:
        say("启动服务 / starting services ...")
        platform.start()
        tenant = f"demo-{datetime.now().strftime('%Y%m%d%H%M%S')}"
        latencies = run_demo(platform, tenant)
        if latencies:
            say(
                f"\n推送耗时(创建线索 → 企业微信收到):中位数 {statistics.median(latencies):.0f} ms,"
                f"最大 {max(latencies):.0f} ms,共 {len(latencies)} 条(源系统承诺 30 秒)"
            )
        show_console(platform, tenant)
        if not run_once:
            say(
                f"\n平台运行中:网关 {platform.gateway_target},按 Ctrl-C 停止 / serving, Ctrl-C to stop"
            )
            while True:
                time.sleep(3600)
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
