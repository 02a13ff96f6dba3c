// The API's one application error type. Deep code throws AppError with a code and a message that
// is safe to show to the user; `internal` carries details for logs only. The GraphQL layer maps
// `code` to `extensions.code` in exactly one place (src/graphql/format-error.ts); any other
// thrown error is masked as INTERNAL_SERVER_ERROR.

export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  CONFLICT: "CONFLICT",
  /** A request over a cost limit of the installation (a run's estimated time or memory, queued runs). */
  LIMIT_EXCEEDED: "LIMIT_EXCEEDED",
  /** Too many attempts (sign-in, sign-up, tokens, uploads): retry after extensions.retryAfterSeconds. */
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for non-GraphQL routes (upload, health) that throw AppError. */
export const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 422,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export interface AppErrorOptions {
  /** Details for logs only; never sent to clients. */
  internal?: string;
  /** Extra, user-safe fields copied into GraphQL `extensions` (e.g. `field`, `currentVersion`). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the user. */
  readonly userMessage: string;
  readonly internal: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, userMessage: string, options: AppErrorOptions = {}) {
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.internal = options.internal;
    this.extensions = options.extensions ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

// Small constructors so call sites read as sentences and messages stay uniform.

export function unauthenticated(message = "You must be signed in."): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message);
}

export function forbidden(message = "You do not have permission to do this."): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}

/** `what` is the kind of object ("Dataset"); the id is never echoed, so existence does not leak. */
export function notFound(what: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
}

/** Bad input, naming the offending field (also in `extensions.field`). */
export function badInput(field: string, message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { extensions: { field, ...extensions } });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.CONFLICT, message, { extensions });
}

/** Over a limit of the installation; `extensions.limit` names it. */
export function limitExceeded(limit: string, message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.LIMIT_EXCEEDED, message, { extensions: { limit, ...extensions } });
}

/**
 * Too many attempts. `extensions.http` makes Apollo answer HTTP 429 with Retry-After (it is not
 * copied into the response's extensions); retryAfterSeconds is.
 */
export function rateLimited(retryAfterSeconds: number, message = "Too many attempts. Please wait and try again."): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(ErrorCode.RATE_LIMITED, `${message} (retry in ${seconds} s)`, {
    extensions: { retryAfterSeconds: seconds, http: { status: 429, headers: new Map([["retry-after", String(seconds)]]) } },
  });
}
