import type { Membership } from "@exprlab/db";

/**
 * The authenticated user of one request. Memberships are loaded once, at authentication, and
 * are the request's view of which teams the caller may see; services put `teamId in teamIds`
 * into their queries.
 */
export interface Caller {
  userId: string;
  email: string;
  name: string;
  /** How the caller authenticated. */
  via: "session" | "apiToken";
  /** Id of the Session or ApiToken row that authenticated this request. */
  credentialId: string;
  memberships: Membership[];
  /** Ids of every team the caller belongs to (any role). */
  teamIds: string[];
}
