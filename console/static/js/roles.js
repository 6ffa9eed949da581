// Each role: its Chinese label and its page, in the order a person with several roles is
// sent to one. The one table of roles the console knows.
export const ROLES = [
  { code: "ROLE_ADMIN", label: "管理员", page: "/admin" },
  { code: "ROLE_DIRECTOR", label: "总监", page: "/director" },
  { code: "ROLE_SUPERVISOR", label: "主管", page: "/supervisor" },
  { code: "ROLE_FINANCE", label: "财务", page: "/finance" },
  { code: "ROLE_REP", label: "业务员", page: "/rep" },
];

export function rolesOf(person) {
  return ROLES.filter((role) => (person.roles || []).includes(role.code));
}

export function homeOf(person) {
  const [first] = rolesOf(person);
  return first ? first.page : "/rep";
}
