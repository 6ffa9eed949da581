// The data-credit breakdown of a rep this month (SPEC S2): the score, its three dimensions,
// and every deduction with its cause, each opening the visit it came from.
import { call } from "../api.js";
import { el, figure, showRecords, table, when } from "../ui.js";

const DEDUCTION_COLUMNS = [
  ["原因", (d) => d.ruleLabel], ["扣分", (d) => `-${d.points}`], ["门店", (d) => d.storeName],
  ["说明", (d) => d.detail], ["时间", (d) => when(d.occurredAt)],
];

export async function creditPanel(repId) {
  const [credit, listed] = await Promise.all([
    call("GetDataCredit", { repId }),
    call("ListCreditDeductions", { repId, page: { pageSize: 200 } }),
  ]);
  const lane = credit.greenChannel ? "绿色通道:特价可快速审批" : "低于 85 分:特价快速通道暂停";
  const tiles = [
    figure(`${credit.month} 数据信用`, credit.scoreText, () =>
      showRecords(`${credit.month} 全部扣分`, table(DEDUCTION_COLUMNS, listed.deductions)),
      "credit-score"),
    ...credit.dimensions.map((d) => figure(`${d.label}(权重 ${d.weight})`, d.score, () =>
      showRecords(`${d.label}:扣 ${d.pointsLost} 分`,
        table(DEDUCTION_COLUMNS, listed.deductions.filter((x) => x.dimension === d.dimension))),
      `credit-${d.dimension}`)),
  ];
  return [
    el("div", { class: "figures" }, tiles),
    el("p", { class: "hint" }, `${lane}${credit.priority ? ";高于 95 分:新品资源优先" : ""}`),
    table(DEDUCTION_COLUMNS, listed.deductions, "本月没有扣分"),
  ];
}
