// Errors from the GraphQL API, with the API's `extensions.code` kept so pages can tell
// "not found" from "someone else saved first" and say so in words.

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR"
  | "NETWORK";

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.extensions = extensions;
  }
}

const KNOWN = new Set<string>([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "INTERNAL_SERVER_ERROR",
]);

export function toApiError(error: GraphQLErrorJson): ApiError {
  const raw = error.extensions?.code;
  const code = (typeof raw === "string" && KNOWN.has(raw) ? raw : "INTERNAL_SERVER_ERROR") as ErrorCode;
  const { code: _c, ...rest } = error.extensions ?? {};
  return new ApiError(code, error.message, rest);
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A sentence for the user: the API's own message when it has one, else a plain description. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "NETWORK") return "The ExprLab server could not be reached. Check your connection and try again.";
    if (error.code === "UNAUTHENTICATED") return "Your session has ended. Please sign in again.";
    if (error.code === "INTERNAL_SERVER_ERROR") return "Something went wrong on the server. Please try again.";
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}
