// The director's page (SPEC S1, S5, S6): PHI by region and by team this month, the
// 12-month revenue forecast range with its inputs, and the attribution view (a county's
// revenue change, and which rep moved which store).
import { call } from "../api.js";
import { bars, chartBox, lines } from "../charts.js";
import { el, guarded, section, table, when, yuan } from "../ui.js";
import { phiTrend } from "./supervisor.js";

const PHI_COLUMNS = [
  ["范围", (p) => p.name], ["PHI", (p) => p.percentText], ["业务员", (p) => p.reps],
  ["构成", (p) => p.components.map((c) => `${c.label} ${c.percentText}(${c.numerator}/${c.denominator})`).join(";")],
  ["说明", (p) => p.note || ""],
];

// What each of the forecast's inputs and fitted parameters is (scoring's names, ADR 029),
// in the director's words; a name not listed is shown as scoring sent it.
const PARAMETER_ZH = {
  r: "下单频率形状 r(BG/NBD)", alpha: "下单频率尺度 α(BG/NBD)", a: "流失形状 a(BG/NBD)",
  b: "流失形状 b(BG/NBD)", gg_p: "客单价形状 p(Gamma-Gamma)", gg_q: "客单价形状 q(Gamma-Gamma)",
  gg_v: "客单价尺度 v(Gamma-Gamma)", new_stores_per_day: "每天新增门店", mean_order_fen: "平均每单(分)",
  sample_weight: "样本权重", new_per_day: "每天新客户", first_order_fen: "首单金额(分)",
  repurchase_cycle_days: "复购周期(天)", yearly_churn: "年流失率", churn_hazard_per_day: "每日流失风险",
  rate_shape: "下单频率离散度", spend_shape: "客单价离散度",
};

// Every call is issued at once and each panel is drawn as soon as its own answers are in
// (the forecast needs nothing else; PHI and the attribution wait only for the stores that
// name the regions and teams): a slow or refused call delays or fails its own panel only.
export async function render(main) {
  const phi = loading();
  const trend = el("div");
  const forecast = loading();
  const attribution = loading();
  const known = scopes();
  main.append(section("区域与团队 PHI(本月)", phi, trend),
    section("未来 12 个月营收预测", forecastForm(forecast), forecast),
    section("营收归因:哪位业务员带动了哪家门店", attributionForm(attribution, known), attribution));
  for (const box of [forecast, attribution]) box.closest(".panel").classList.add("wide");
  await Promise.all([
    guarded(forecast, () => showForecast({ mode: "FORECAST_MODE_FROM_HISTORY" })),
    guarded(phi, () => phiByRegionAndTeam(known)),
    guarded(trend, () => regionTrend(known)),
    guarded(attribution, () => firstAttribution(known)),
  ]);
}

function loading() {
  return el("div", {}, el("p", { class: "empty" }, "加载中…"));
}

// The regions (cities) and teams come from the tenant's own stores and their reps: the
// regions as soon as the stores are in, the teams and names once every rep is looked up.
function scopes() {
  const stores = call("ListStores", { page: { pageSize: 200 } }).then((found) => found.stores);
  const cities = stores.then((all) =>
    [...new Set(all.map((s) => `${s.regionCode.slice(0, 4)}00`))].sort());
  const people = stores.then((all) => Promise.all(
    [...new Set(all.map((s) => s.ownerRepId).filter(Boolean))]
      .map((personId) => call("GetPerson", { personId }))));
  const teams = people.then((found) => [...new Set(found.map((p) => p.teamId).filter(Boolean))].sort());
  const names = people.then((found) =>
    Object.fromEntries(found.map((p) => [p.personId, p.name || p.personId])));
  return { cities, teams, names };
}

// The regions' figures are asked as soon as the stores name the regions, the teams' once
// the reps are looked up.
async function phiByRegionAndTeam(known) {
  const month = { kind: "PERIOD_KIND_MONTH" };
  const phiOf = (scope, label) => (ids) => Promise.all(ids.map((scopeId) =>
    call("GetPhi", { scope, scopeId, period: month }).then((f) => ({ ...f, name: `${label} ${scopeId}` }))));
  const [regions, teams] = await Promise.all([
    known.cities.then(phiOf("SCOPE_KIND_REGION", "区域")),
    known.teams.then(phiOf("SCOPE_KIND_TEAM", "团队")),
  ]);
  return table(PHI_COLUMNS, [...regions, ...teams], "尚无门店与业务员");
}

// The first region's last 8 weeks (one GetPhiSeries call), drawn below the table.
async function regionTrend(known) {
  const [first] = await known.cities;
  if (!first) return null;
  return [el("h3", {}, `区域 ${first} 近 8 周`), await phiTrend("SCOPE_KIND_REGION", first)];
}

async function firstAttribution(known) {
  const [region] = await known.cities;
  if (!region) return el("p", { class: "empty" }, "尚无门店,无法归因");
  return showAttribution(known.names, region, ...lastDays(30));
}

function forecastForm(target) {
  const field = (name, label, value) =>
    el("label", {}, label, el("input", { name, value, size: 6, inputmode: "decimal" }));
  const form = el("form", { class: "inline" },
    field("newCustomersPerQuarter", "每季度新客户", 30), field("firstOrderYuan", "首单金额(元)", 2000),
    field("repurchaseCycleDays", "复购周期(天)", 30), field("yearlyChurn", "年流失率(0-1)", 0.3),
    el("button", { type: "submit", class: "primary" }, "按参数预测"),
    el("button", { type: "button", onclick: () =>
      guarded(target, () => showForecast({ mode: "FORECAST_MODE_FROM_HISTORY" })) }, "按历史订单预测"));
  form.onsubmit = (event) => {
    event.preventDefault();
    const v = (name) => Number(form.elements[name].value);
    guarded(target, () => showForecast({ mode: "FORECAST_MODE_FROM_INPUTS", inputs: {
      newCustomersPerQuarter: v("newCustomersPerQuarter"),
      firstOrderFen: String(Math.round(v("firstOrderYuan") * 100)),
      repurchaseCycleDays: v("repurchaseCycleDays"), yearlyChurn: v("yearlyChurn"),
    } }));
  };
  return form;
}

async function showForecast(body) {
  const f = await call("ForecastRevenue", body);
  const toYuan = (fen) => Math.round(Number(fen) / 100);
  const chart = chartBox("forecast", (box) => lines(box, f.months.map((m) => m.month),
    [{ name: "P50", values: f.months.map((m) => toYuan(m.p50Fen)) }],
    { unit: "元", band: { name: "P10-P90", lowName: "P10", low: f.months.map((m) => toYuan(m.p10Fen)),
      high: f.months.map((m) => toYuan(m.p90Fen)) } }));
  const parameters = Object.entries(f.parameters).map(([name, value]) =>
    ({ name: PARAMETER_ZH[name] || name, value }));
  return [
    el("p", { "data-testid": "forecast-range" },
      `${f.months.length} 个月合计:P10 ${yuan(f.p10Fen)} · P50 ${yuan(f.p50Fen)} · P90 ${yuan(f.p90Fen)}`),
    chart,
    el("p", { class: "hint" }, `模型:${f.model};截至 ${f.asOf};客户 ${f.customers} 家,订单 ${f.orders} 笔。${f.note}`),
    table([["输入/参数", (p) => p.name], ["值", (p) => Number(p.value).toPrecision(4)]], parameters),
  ];
}

function lastDays(count) {
  const day = (offset) => new Date(Date.now() - offset * 86400000)
    .toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  return [day(count - 1), day(0)];
}

function attributionForm(target, known) {
  const [first, last] = lastDays(30);
  const region = el("input", { name: "region", size: 8, "data-testid": "attribution-region" });
  known.cities.then(([code]) => { if (!region.value) region.value = code || ""; }, () => {});
  const from = el("input", { name: "from", type: "date", value: first });
  const to = el("input", { name: "to", type: "date", value: last });
  return el("form", { class: "inline", onsubmit: (event) => {
    event.preventDefault();
    guarded(target, () => showAttribution(known.names, region.value.trim(), from.value, to.value));
  } }, el("label", {}, "区域编码(区县或城市)", region), el("label", {}, "开始", from),
  el("label", {}, "结束", to), el("button", { type: "submit", class: "primary" }, "查看"));
}

// names: a promise of the reps' names, looked up while the region's figures are computed.
async function showAttribution(known, regionCode, firstDay, lastDay) {
  const [r, names] = await Promise.all([
    call("ExplainRegionRevenue", { regionCode, firstDay, lastDay, page: { pageSize: 20 } }),
    known.catch(() => ({})),
  ]);
  // repName comes with each rep line (scoring's directory); the client lookup covers visits.
  const server = Object.fromEntries(r.reps.filter((x) => x.repName).map((x) => [x.repId, x.repName]));
  const who = (id) => server[id] || names[id] || id;
  const chart = r.reps.length ? chartBox("attribution", (box) =>
    bars(box, r.reps.map((x) => who(x.repId)), r.reps.map((x) => Number(x.changeFen) / 100), "元")) : null;
  return [
    el("p", { "data-testid": "attribution-summary" }, r.summary),
    chart,
    el("h3", {}, "业务员"),
    table([["业务员", (x) => who(x.repId)], ["本期", (x) => yuan(x.currentFen)], ["上期", (x) => yuan(x.previousFen)],
      ["变化", (x) => yuan(x.changeFen)], ["占变化", (x) => `${(x.shareOfChange * 100).toFixed(0)}%`],
      ["门店", (x) => x.stores], ["带来订单的拜访", (x) => x.visits]], r.reps),
    el("h3", {}, "门店"),
    table([["门店", (x) => x.name], ["负责人", (x) => who(x.ownerRepId)], ["本期", (x) => yuan(x.currentFen)],
      ["上期", (x) => yuan(x.previousFen)], ["变化", (x) => yuan(x.changeFen)],
      ["最近拜访", (x) => when(x.lastVisitAt)]], r.stores),
    el("h3", {}, "拜访"),
    table([["拜访", (x) => x.visitId.slice(0, 8)], ["业务员", (x) => who(x.repId)],
      ["时间", (x) => when(x.visitedAt)], ["带来营收", (x) => yuan(x.revenueFen)],
      ["订单", (x) => x.orders]], r.visits),
  ];
}
