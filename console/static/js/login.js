import { login, refusalText } from "./api.js";
import { homeOf } from "./roles.js";

const form = document.getElementById("login-form");
const tenant = document.getElementById("tenant");
const params = new URLSearchParams(location.search);
tenant.value = params.get("tenant") || localStorage.getItem("tenant") || "";

form.onsubmit = async (event) => {
  event.preventDefault();
  const error = document.getElementById("login-error");
  error.textContent = "";
  try {
    const person = await login(tenant.value.trim(), document.getElementById("person").value.trim());
    localStorage.setItem("tenant", tenant.value.trim());
    location.assign(params.get("next") || homeOf(person));
  } catch (refused) {
    error.textContent = refused.status ? refusalText(refused) : `登录失败:${refused.message}`;
  }
};
