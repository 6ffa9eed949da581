// The data-credit breakdown of a rep (SPEC S2). Built on scoring's gateway call once that
// branch is merged; see the note in the report.
import { call } from "../api.js";
import { el } from "../ui.js";

export async function creditPanel(repId) {
  const stats = await call("GetRepStats", { repId });
  return el("p", { class: "hint" },
    `拜访 ${stats.visitsTotal} 次,承诺 ${stats.commitmentsTotal} 项(未闭环 ${stats.commitmentsOpen} 项)。`);
}
