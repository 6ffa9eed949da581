// The rep's page (SPEC S4): today's pending visits, overdue commitments, this week's
// satisfaction, the data-credit breakdown; every figure opens its records. `?rep=<id>`
// shows another rep (a supervisor's team member); the gateway decides whether that is
// allowed, and a refusal is shown as it came.
import { call } from "../api.js";
import { el, figure, guarded, refusal, section, showRecords, table, when, yuan } from "../ui.js";
import { creditPanel } from "./credit.js";
import { RECORD_COLUMNS } from "./supervisor.js";

const ITEM_COLUMNS = [
  ["顺序", (i) => i.position], ["门店", (i) => i.storeName], ["地址", (i) => i.address],
  ["逾期天数", (i) => i.overdueDays], ["上次拜访", (i) => i.lastVisitedOn || "从未"],
];
const COMMITMENT_COLUMNS = [
  ["承诺事项", (c) => c.description], ["门店", (c) => c.storeName], ["截止", (c) => c.dueDate],
  ["已提醒", (c) => `${c.remindersSent} 次`], ["状态", (c) => (c.overdue ? "已逾期" : "进行中")],
];
const VISIT_COLUMNS = [
  ["门店", (v) => v.storeName], ["签到", (v) => when(v.checkIn?.at)],
  ["提交", (v) => when(v.submittedAt)],
  ["缺项", (v) => v.missingItems.map((m) => m.label).join("、") || "无"],
  ["距门店", (v) => (v.distanceKnown ? `${Math.round(v.distanceToStoreM)} 米` : "未知")],
];
export const APPROVAL_COLUMNS = [
  ["门店", (a) => a.storeName], ["优惠", (a) => yuan(a.discountFen)],
  ["申请时间", (a) => when(a.requestedAt)],
  ["状态", (a) => el("span", { "data-testid": "approval-status" }, a.statusLabel)],
  ["意见", (a) => a.comment || "—"],
];

export async function render(main, me, params) {
  const repId = params.get("rep") || me.personId;
  const body = { repId };
  const title = repId === me.personId ? "我的今日" : `业务员 ${repId}`;
  const figures = el("div", { class: "figures" });
  main.append(section(title, figures));
  const credit = el("div");
  const approvals = el("div");
  main.append(section("数据信用", credit), section("特价申请", approvals));
  await Promise.all([
    guarded(figures, () => repFigures(body)),
    guarded(credit, () => creditPanel(repId)),
    guarded(approvals, async () => {
      const listed = await call("ListRepApprovals", body);
      return table(APPROVAL_COLUMNS, listed.approvals, "没有特价申请");
    }),
  ]);
}

// This week's ratings themselves (scoring's records behind the figure), and their spread.
async function showRatings(repId, satisfaction) {
  const spread = table([["星级", (r) => `${r.stars} 星`], ["条数", (r) => r.count]],
    satisfaction.byStars.map((count, i) => ({ stars: i + 1, count })));
  const body = el("div", {}, el("p", { class: "loading" }, "加载中…"));
  showRecords(`本周满意度 ${satisfaction.week}`, body);
  try {
    const listed = await call("ListDashboardRecords", { repId, figure: "week_ratings",
      page: { pageSize: 200 } });
    body.replaceChildren(table(RECORD_COLUMNS, listed.records, "本周还没有评分"), spread);
  } catch (error) {
    body.replaceChildren(refusal(error), spread);
  }
}

async function repFigures(body) {
  const [pending, overdue, open, satisfaction, visits] = await Promise.all([
    call("ListPendingVisits", body),
    call("ListCommitments", { ...body, onlyOverdue: true }),
    call("ListCommitments", body),
    call("GetRepSatisfaction", body),
    call("ListVisits", { ...body, page: { pageSize: 50 } }),
  ]);
  const stars = Number(satisfaction.averageStars);
  return [
    figure("今日待拜访", pending.items.length, () =>
      showRecords(`今日待拜访(${pending.planDate})`, table(ITEM_COLUMNS, pending.items)),
      "pending-visits"),
    figure("逾期承诺", overdue.commitments.length, () =>
      showRecords("逾期未闭环的承诺", table(COMMITMENT_COLUMNS, overdue.commitments)),
      "overdue-commitments"),
    figure("未闭环承诺", open.commitments.length, () =>
      showRecords("未闭环的承诺", table(COMMITMENT_COLUMNS, open.commitments)),
      "open-commitments"),
    figure(`本周满意度(${satisfaction.ratings} 条评分)`,
      satisfaction.ratings === "0" ? "—" : `${stars.toFixed(1)} 星`, () =>
        showRatings(body.repId, satisfaction), "satisfaction"),
    figure("最近拜访", visits.visits.length, () =>
      showRecords("最近的拜访卡", table(VISIT_COLUMNS, visits.visits)), "visits"),
  ];
}
