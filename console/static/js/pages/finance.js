// Finance (SPEC V4): the special prices waiting in the regions they cover, fast lane first;
// approve, or reject with a comment (required; the gateway refuses an empty one too). Each
// row names its rep (visits fills repName for the whole page in one directory read; the id,
// also on hover, when the directory has no name).
import { call } from "../api.js";
import { el, guarded, refusal, section, table, when, yuan } from "../ui.js";

const REP = (a) => el("span", { title: a.repId, "data-testid": `rep-${a.approvalId}` },
  a.repName || a.repId);
const LINE = (l) => `${l.sku} ×${l.quantity}:${yuan(l.listPriceFen)} → ${yuan(l.requestedPriceFen)}`;

export async function render(main) {
  const queue = el("div");
  main.append(section("待审批的特价申请", queue));
  queue.closest(".panel").classList.add("wide");
  await guarded(queue, () => listQueue(queue));
}

async function listQueue(queue) {
  const listed = await call("ListApprovalQueue", { page: { pageSize: 100 } });
  return table([
    ["门店", (a) => a.storeName], ["业务员", REP], ["区域", (a) => a.regionCode],
    ["明细", (a) => a.lines.map(LINE).join(";")], ["优惠合计", (a) => yuan(a.discountFen)],
    ["申请时间", (a) => when(a.requestedAt)],
    ["通道", (a) => (a.fastLane ? "绿色通道" : "普通")], ["状态", (a) => a.statusLabel],
    ["处理", (a) => actions(a, queue)],
  ], listed.approvals, "没有待审批的申请");
}

function actions(approval, queue) {
  const comment = el("textarea", { rows: 1, placeholder: "审批意见(驳回时必填)",
    "data-testid": `comment-${approval.approvalId}` });
  const message = el("div");
  const decide = (decision) => async () => {
    message.replaceChildren();
    if (decision === "APPROVAL_DECISION_REJECT" && !comment.value.trim()) {
      message.replaceChildren(el("div", { class: "refusal" }, "驳回时必须填写意见"));
      return;
    }
    try {
      if (approval.status === "APPROVAL_STATUS_AWAITING_REVIEW") {
        await call("ReviewApproval", { approvalId: approval.approvalId, comment: comment.value });
      }
      await call("DecideApproval", { approvalId: approval.approvalId, decision,
        comment: comment.value });
      await guarded(queue, () => listQueue(queue));
    } catch (error) {
      message.replaceChildren(refusal(error));
    }
  };
  return el("div", { class: "actions" }, comment,
    el("button", { type: "button", class: "primary", onclick: decide("APPROVAL_DECISION_APPROVE"),
      "data-testid": `approve-${approval.approvalId}` }, "批准"),
    el("button", { type: "button", onclick: decide("APPROVAL_DECISION_REJECT"),
      "data-testid": `reject-${approval.approvalId}` }, "驳回"),
    message);
}
