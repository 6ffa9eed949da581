// The gateway's HTTP face: POST /api/v1/<Method> with a JSON body (protobuf's JSON mapping).
// The session cookie carries the token; a refusal comes back as the gRPC status it is.

export class ApiError extends Error {
  constructor(httpStatus, error) {
    super(error.message || `HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.status = error.status || "UNKNOWN";
    this.code = error.code;
    this.fields = error.fields || [];
  }
}

// A call that never reached the gateway (network down, server gone) is refused as
// UNAVAILABLE in Chinese, like the gateway's own refusals, not as the browser's English.
const UNREACHABLE = { status: "UNAVAILABLE", code: 14, message: "无法连接服务器,请检查网络后重试" };

export async function call(method, body = {}) {
  let response;
  try {
    response = await fetch(`/api/v1/${method}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, data.error || { message: `服务器应答 HTTP ${response.status}` });
  }
  return data;
}

export async function login(tenantId, personId) {
  const response = await fetch("/api/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenantId, personId }),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.error || {});
  return data.person;
}

export async function logout() {
  await fetch("/api/session", { method: "DELETE" });
}

// What a person reads when a call is refused: the gateway's own Chinese message, and the
// fields it names.
export const REFUSAL_ZH = {
  UNAUTHENTICATED: "请先登录",
  PERMISSION_DENIED: "无权查看",
  NOT_FOUND: "未找到",
  INVALID_ARGUMENT: "输入有误",
  FAILED_PRECONDITION: "当前状态不允许此操作",
  ALREADY_EXISTS: "已经处理过",
  UNAVAILABLE: "服务暂时不可用,请稍后重试",
  UNIMPLEMENTED: "此功能尚未上线",
};

// heads: a page's own words for some statuses (the rating page's reader has no login).
export function refusalText(error, heads = {}) {
  const head = heads[error.status] || REFUSAL_ZH[error.status] || "出错了";
  const fields = error.fields.map((f) => `${f.field}:${f.description}`).join(";");
  return `${head}(${error.status}):${error.message}${fields ? "。" + fields : ""}`;
}
