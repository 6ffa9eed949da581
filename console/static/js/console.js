// The console shell: who is logged in (WhoAmI), the pages their roles open, and the page
// the address names. Every figure comes from the gateway's HTTP face.
import { call, logout } from "./api.js";
import { ROLES, rolesOf } from "./roles.js";
import { el, refusal } from "./ui.js";

const PAGES = {
  "/rep": () => import("./pages/rep.js"),
  "/supervisor": () => import("./pages/supervisor.js"),
  "/director": () => import("./pages/director.js"),
  "/finance": () => import("./pages/finance.js"),
  "/admin": () => import("./pages/admin.js"),
};

async function start() {
  const main = document.getElementById("page");
  // the page's code loads while WhoAmI is asked, not after it
  const loading = PAGES[location.pathname]?.();
  let me;
  try {
    me = await call("WhoAmI");
  } catch (error) {
    if (error.httpStatus === 401) {
      location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    main.replaceChildren(refusal(error));
    return;
  }
  const mine = rolesOf(me);
  document.getElementById("me").textContent =
    `${me.name || me.personId}(${mine.map((r) => r.label).join("、") || "无角色"})`;
  document.getElementById("nav").replaceChildren(
    ...ROLES.filter((r) => mine.includes(r)).map((r) =>
      el("a", { href: r.page, class: location.pathname === r.page ? "active" : "" }, r.label)),
  );
  document.getElementById("logout").onclick = async () => {
    await logout();
    location.assign("/");
  };
  if (!loading) {
    main.replaceChildren(el("p", { class: "empty" }, "没有这个页面"));
    return;
  }
  const page = await loading;
  main.replaceChildren();
  const started = performance.now();
  await page.render(main, me, new URLSearchParams(location.search));
  document.body.dataset.ready = "1"; // tests and bench/console.py wait for this
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
}

start();
