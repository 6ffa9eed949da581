// The store's rating page from the QR code: no account, one tap per star. The token in the
// address is the credential (ADR 021); RateVisit is the gateway's one unauthenticated call.
import { call, refusalText } from "./api.js";

// What the store reads: it never logs in, so a bad or spent code is not "请先登录".
const RATING_REFUSAL_ZH = {
  UNAUTHENTICATED: "二维码无效或已过期", ALREADY_EXISTS: "本次拜访已经评过分", NOT_FOUND: "找不到这次拜访",
};

const token = new URLSearchParams(location.search).get("t") || "";
const stars = document.getElementById("stars");
const result = document.getElementById("result");

for (let n = 1; n <= 5; n += 1) {
  const star = document.createElement("button");
  star.type = "button";
  star.className = "star";
  star.textContent = "★";
  star.setAttribute("aria-label", `${n} 星`);
  star.dataset.stars = String(n);
  star.onclick = () => rate(n);
  stars.append(star);
}

async function rate(n) {
  for (const star of stars.children) {
    star.classList.toggle("on", Number(star.dataset.stars) <= n);
    star.disabled = true;
  }
  try {
    await call("RateVisit", { token, stars: n, comment: document.getElementById("comment").value });
    result.className = "done";
    result.textContent = `谢谢!您给了 ${n} 星。`;
  } catch (error) {
    result.className = "refusal";
    result.textContent = error.status ? refusalText(error, RATING_REFUSAL_ZH) : `提交失败:${error.message}`;
    if (error.status === "INVALID_ARGUMENT" || error.status === "UNAVAILABLE") {
      for (const star of stars.children) star.disabled = false;
    }
  }
}
