// Admin: the assignment rules with a dry run (who would get this lead, without assigning
// it), the notify routes, and the dead letters with replay.
import { call } from "../api.js";
import { CUSTOMER_TYPE, DELIVERY_STATUS, EVENT, NOTIFY_CHANNEL, ROLE, ROUTE_CHANNEL, STRATEGY, URGENCY,
  label } from "../labels.js";
import { el, guarded, refusal, section, table, when } from "../ui.js";

export async function render(main) {
  const rules = el("div");
  const dryRun = el("div");
  const routes = el("div");
  const dead = el("div");
  main.append(section("分配规则", rules), section("试算分配(不分配)", dryRunForm(dryRun), dryRun),
    section("通知路由", routes), section("死信(投递失败)", dead));
  for (const box of [routes, dead]) box.closest(".panel").classList.add("wide");
  await Promise.all([
    guarded(rules, listRules), guarded(routes, listRoutes), guarded(dead, () => listDead(dead)),
  ]);
}

async function listRules() {
  const { rules } = await call("ListRules");
  const match = (m) => [
    m.regionCodes.join("、") || "任意区域",
    m.customerTypes.map((c) => label(CUSTOMER_TYPE, c)).join("、") || "任意类型",
    m.urgencies.map((u) => label(URGENCY, u)).join("、") || "任意紧急度",
  ].join(" / ");
  return table([
    ["优先级", (r) => r.priority], ["名称", (r) => r.name], ["启用", (r) => (r.enabled ? "是" : "否")],
    ["条件", (r) => match(r.match || { regionCodes: [], customerTypes: [], urgencies: [] })],
    ["策略", (r) => label(STRATEGY, r.strategy)], ["版本", (r) => r.version],
    ["更新", (r) => `${when(r.updatedAt)} ${r.updatedBy}`],
  ], rules, "尚无自定义规则(使用默认规则)");
}

function options(table) {
  return Object.entries(table).map(([code, text]) => el("option", { value: code }, text));
}

function dryRunForm(target) {
  const region = el("input", { name: "region", value: "330106", size: 8 });
  const type = el("select", { name: "type" }, options(CUSTOMER_TYPE));
  const urgency = el("select", { name: "urgency" }, options(URGENCY));
  const run = async (event) => {
    event.preventDefault();
    await guarded(target, async () => {
      const decision = await call("DryRunAssignment", {
        externalId: `dry-run-${Date.now()}`, channel: "referral", customerName: "试算门店",
        phone: "13800000000", regionCode: region.value.trim(), customerType: type.value,
        urgency: urgency.value,
      });
      return el("div", { "data-testid": "dry-run-result" }, el("p", {}, decision.reason),
        table([["名次", (c) => c.rank], ["业务员", (c) => c.repId], ["原因", (c) => c.reason]],
          decision.candidates, "没有候选人"));
    });
  };
  return el("form", { class: "inline", onsubmit: run },
    el("label", {}, "区域编码", region), el("label", {}, "客户类型", type),
    el("label", {}, "紧急度", urgency), el("button", { type: "submit", class: "primary", "data-testid": "dry-run" }, "试算"));
}

async function listRoutes() {
  const { routes } = await call("ListNotifyRoutes");
  return table([
    ["事件", (r) => `${label(EVENT, r.eventType)}(${r.eventType})`], ["接收角色", (r) => r.roles.map((x) => label(ROLE, x)).join("、")],
    ["渠道", (r) => label(ROUTE_CHANNEL, r.channel)], ["静音", (r) => (r.muted ? "是" : "否")],
    ["来源", (r) => (r.isDefault ? "默认" : `自定义 v${r.version}`)],
  ], routes);
}

// The dead letters, each with its replay; after a replay, what became of the replayed
// deliveries (followed in notify's delivery log until they leave "待发送").
async function listDead(target, replayed = []) {
  const { deliveries } = await call("ListDeadLetters", { page: { pageSize: 100 } });
  const replay = (chosen, body) => async () => {
    try {
      const done = await call("ReplayDeadLetters", body);
      await guarded(target, () => listDead(target, chosen));
      target.prepend(el("p", { class: "done", "data-testid": "replayed" }, `已重新投递 ${done.replayed} 条`));
    } catch (error) {
      target.prepend(refusal(error));
    }
  };
  const rows = table([
    ["事件", (d) => label(EVENT, d.sourceEventType)], ["接收人", (d) => d.recipientId],
    ["渠道", (d) => label(NOTIFY_CHANNEL, d.channel)], ["尝试", (d) => `${d.attempts} 次`],
    ["错误", (d) => d.error], ["内容", (d) => d.text], ["时间", (d) => when(d.createdAt)],
    ["", (d) => el("button", { type: "button", "data-testid": `replay-${d.deliveryId}`,
      onclick: replay([d], { deliveryIds: [d.deliveryId] }) }, "重投")],
  ], deliveries, "没有死信");
  const all = deliveries.length
    ? el("button", { type: "button", class: "primary", "data-testid": "replay-all",
      onclick: replay(deliveries, { all: true }) }, "全部重投")
    : null;
  return [rows, all, replayed.length ? replayOutcome(replayed) : null];
}

const FOLLOW_MS = 500;
const FOLLOW_TIMES = 40; // 20 s: a replayed delivery is sent at once unless the provider is down
const FOLLOW_AT_MOST = 20; // a replay of all is followed by its first 20 (a call each a round)

function replayOutcome(replayed) {
  const box = el("div", { "data-testid": "replay-outcome" });
  box.onMount = () => { follow(box, replayed.slice(0, FOLLOW_AT_MOST)); }; // not awaited
  return box;
}

async function follow(box, replayed) {
  for (let round = 0; round < FOLLOW_TIMES && box.isConnected; round += 1) {
    const now = await Promise.all(replayed.map(async (d) => {
      const { deliveries } = await call("ListDeliveries", { sourceEventId: d.sourceEventId,
        recipientId: d.recipientId, page: { pageSize: 20 } });
      return deliveries.find((x) => x.deliveryId === d.deliveryId) || d;
    })).catch((error) => error);
    if (now instanceof Error) {
      box.replaceChildren(refusal(now));
      return;
    }
    box.replaceChildren(el("h3", {}, "重投结果"), table([
      ["事件", (d) => label(EVENT, d.sourceEventType)], ["接收人", (d) => d.recipientId],
      ["状态", (d) => el("span", { "data-testid": "replay-status" }, label(DELIVERY_STATUS, d.status))],
      ["重投次数", (d) => d.replays], ["送达时间", (d) => when(d.sentAt)], ["说明", (d) => d.error || "—"],
    ], now));
    if (now.every((d) => d.status !== "DELIVERY_STATUS_PENDING")) return;
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
  }
}
