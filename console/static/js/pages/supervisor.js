// The supervisor's page (SPEC S3): the team heatmap (reps x the three PHI parts, this week)
// as an ECharts heatmap whose cells open the records behind them, and the team's PHI over
// the last weeks.
import { call } from "../api.js";
import { chartBox, heatmap, lines } from "../charts.js";
import { el, guarded, refusal, section, showRecords, table, when } from "../ui.js";

// The records behind each PHI part, as scoring's dashboard names them.
export const FIGURE_OF_METRIC = {
  lead_response: "week_leads", plan_completion: "week_plan_days",
  commitment_closure: "week_commitments_due",
};
const WEEKS = 8;
export const RECORD_COLUMNS = [
  ["记录", (r) => r.title], ["状态", (r) => r.status], ["日期", (r) => r.day || when(r.at)],
  ["说明", (r) => r.detail],
];

export async function render(main, me) {
  const teamId = me.teamId || me.personId;
  const map = el("div");
  const trend = el("div");
  const team = el("div");
  main.append(section("团队热力图(本周)", map), section("团队 PHI 走势(近 8 周)", trend),
    section("团队成员", team));
  for (const box of [map, trend]) box.closest(".panel").classList.add("wide");
  await Promise.all([
    guarded(map, () => teamHeatmap(teamId, team)),
    guarded(trend, () => phiTrend("SCOPE_KIND_TEAM", teamId)),
  ]);
}

async function teamHeatmap(teamId, team) {
  const found = await call("GetTeamHeatmap", { teamId, period: { kind: "PERIOD_KIND_WEEK" } });
  const rows = found.rows.map((row) => ({
    repId: row.repId, name: row.name || row.repId,
    cells: row.cells.map((c) => ({ ...c.ratio, text: c.ratio.percentText, level: c.level,
      levelLabel: c.levelLabel })),
  }));
  team.replaceChildren(table([
    ["业务员", (r) => el("a", { href: `/rep?rep=${encodeURIComponent(r.repId)}` }, r.name)],
    ["PHI", (r) => (r.hasPhi ? r.phiPercent.toFixed(1) : "—")],
  ], found.rows.map((r) => ({ ...r, name: r.name || r.repId }))));
  const box = chartBox("heatmap", (node) => heatmap(node, found.metricLabels, rows, (y, x) =>
    openCell(rows[y], found.metrics[x], found.metricLabels[x], found.period.lastDay)));
  box.style.height = `${Math.max(12, 3 * rows.length + 6)}rem`;
  const head = el("p", { class: "hint" },
    `${found.period.label}(${found.period.firstDay} ~ ${found.period.lastDay}),点击格子查看明细`);
  return [head, box];
}

async function openCell(row, metric, metricLabel, day) {
  const cell = row.cells.find((c) => c.metric === metric);
  const title = `${row.name} · ${metricLabel} ${cell.numerator}/${cell.denominator}`;
  const body = el("div", {}, el("p", { class: "loading" }, "加载中…"));
  showRecords(title, body);
  try {
    const listed = await call("ListDashboardRecords", {
      repId: row.repId, figure: FIGURE_OF_METRIC[metric], date: day, page: { pageSize: 200 },
    });
    body.replaceChildren(table(RECORD_COLUMNS, listed.records));
  } catch (error) {
    body.replaceChildren(refusal(error));
  }
}

// The last WEEKS ISO weeks of PHI in one call (scoring's GetPhiSeries, ADR 046): each point
// is the week's GetPhi figure; the trend used to be one GetPhi call a week.
export async function phiTrend(scope, scopeId) {
  const day = (offset) => new Date(Date.now() - offset * 86400000)
    .toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  const series = await call("GetPhiSeries", { scope, scopeId, granularity: "PERIOD_KIND_WEEK",
    firstDay: day(7 * (WEEKS - 1)), lastDay: day(0) });
  const weeks = series.points;
  const value = (ratio) => (ratio.hasValue ? Number(ratio.percent.toFixed(1)) : null);
  const parts = weeks[0].components.map((c, i) => ({
    name: c.label, values: weeks.map((w) => value(w.components[i])),
  }));
  return chartBox(`phi-trend-${scopeId}`, (box) => lines(box, weeks.map((w) => w.period.label),
    [{ name: "PHI", values: weeks.map(value) }, ...parts], { unit: "%" }));
}
