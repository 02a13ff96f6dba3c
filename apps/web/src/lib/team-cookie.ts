export const TEAM_COOKIE = "exprlab-team";
