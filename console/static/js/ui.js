// Small DOM helpers shared by the pages: elements, cards with a figure that opens its
// records, record tables, refusals, dates in Asia/Shanghai.
import { refusalText } from "./api.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "onclick" || key === "onsubmit" || key === "onchange") node[key] = value;
    else if (key === "class") node.className = value;
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function section(title, ...body) {
  return el("section", { class: "panel" }, el("h2", {}, title), ...body);
}

// A figure people can click: it opens the records it counts.
export function figure(label, value, open, testid) {
  return el(
    "button",
    { class: "figure", type: "button", onclick: open, "data-testid": testid },
    el("span", { class: "figure-value" }, value),
    el("span", { class: "figure-label" }, label),
  );
}

export function refusal(error) {
  return el("div", { class: "refusal", role: "alert", "data-status": error.status || "" },
    error.status ? refusalText(error) : `出错了:${error.message}`);
}

export function table(columns, rows, empty = "暂无记录") {
  if (!rows.length) return el("p", { class: "empty" }, empty);
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      { class: "records" },
      el("thead", {}, el("tr", {}, columns.map(([label]) => el("th", {}, label)))),
      el("tbody", {}, rows.map((row) =>
        el("tr", {}, columns.map(([, cell]) => el("td", {}, cell(row)))))),
    ),
  );
}

// The records behind a figure, in a dialog (a sheet from the bottom on a phone).
export function showRecords(title, content) {
  let dialog = document.getElementById("records");
  if (!dialog) {
    dialog = el("dialog", { id: "records", class: "records-dialog" });
    document.body.append(dialog);
  }
  dialog.replaceChildren(
    el("header", {}, el("h3", {}, title),
      el("button", { class: "close", type: "button", onclick: () => dialog.close() }, "关闭")),
    el("div", { class: "records-body" }, content),
  );
  if (!dialog.open) dialog.showModal();
  return dialog;
}

// Fill `target` with what `work` makes, or with the refusal it met. A node with `onMount`
// (a chart) is drawn once it is in the page and has its size; a chart that cannot be drawn
// is a refusal of its panel like a refused call.
// Each filled panel is stamped with when it was drawn (ms since navigation started), which
// bench/console.py reads as the page's last panel drawn.
export async function guarded(target, work) {
  try {
    const nodes = [await work()].flat().filter((node) => node !== null && node !== undefined);
    target.replaceChildren(...nodes);
    await Promise.all(nodes.filter((node) => node.onMount).map((node) => node.onMount()));
  } catch (error) {
    target.replaceChildren(refusal(error));
  }
  target.dataset.drawnMs = String(Math.round(performance.now()));
}

const SHANGHAI = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", hour12: false,
});

export function when(timestamp) {
  if (!timestamp) return "—";
  return SHANGHAI.format(new Date(timestamp));
}

const CNY = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });

export function yuan(fen) {
  return CNY.format(Number(fen) / 100);
}

export function pct(value, digits = 1) {
  return `${Number(value).toFixed(digits)}`;
}
