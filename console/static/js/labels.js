// Chinese labels of the contract's enum names, as the console shows them: one table each.
export const CUSTOMER_TYPE = {
  CUSTOMER_TYPE_KA: "KA 卖场", CUSTOMER_TYPE_BC: "BC 类门店", CUSTOMER_TYPE_CONVENIENCE: "便利店",
};
export const URGENCY = { URGENCY_RED: "红(30 分钟)", URGENCY_YELLOW: "黄", URGENCY_BLUE: "蓝" };
export const STRATEGY = {
  idle_recent_visit: "空闲优先、最近有效拜访优先", round_robin: "轮流分配",
  least_loaded: "负载最少优先", daily_quota: "每日配额",
};
export const ROUTE_CHANNEL = {
  ROUTE_CHANNEL_WECOM: "企业微信", ROUTE_CHANNEL_DINGTALK: "钉钉", ROUTE_CHANNEL_PREFERRED: "个人偏好渠道",
};
export const ROLE = {
  ROLE_REP: "业务员", ROLE_SUPERVISOR: "主管", ROLE_DIRECTOR: "总监", ROLE_FINANCE: "财务",
  ROLE_ADMIN: "管理员",
};

export function label(table, code) {
  return table[code] || code;
}
export const EVENT = {
  "lead.assigned": "线索已分配", "lead.sla_breached": "线索响应超时", "lead.waiting_too_long": "线索等待过久",
  "lead.reclaimed": "线索被收回", "commitment.overdue": "承诺逾期", "approval.pending": "特价待审批",
  "approval.decided": "特价已审批", "store.first_visit_overdue": "新店首访逾期",
  "score.threshold_crossed": "评分越过阈值",
};
export const DELIVERY_STATUS = {
  DELIVERY_STATUS_PENDING: "待发送", DELIVERY_STATUS_SENT: "已送达", DELIVERY_STATUS_FAILED: "失败(不再重试)",
  DELIVERY_STATUS_DEAD_LETTERED: "死信",
};
export const NOTIFY_CHANNEL = { NOTIFY_CHANNEL_WECOM: "企业微信", NOTIFY_CHANNEL_DINGTALK: "钉钉" };
