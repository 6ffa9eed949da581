// The supervisor's page (SPEC S3): the team heatmap, reps x the three PHI parts. Built on
// scoring's gateway calls once that branch is merged.
import { section } from "../ui.js";
import { el } from "../ui.js";

export async function render(main) {
  main.append(section("团队热力图", el("p", { class: "hint" }, "等待 scoring 接口")));
}
