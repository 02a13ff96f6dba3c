// The one place where errors become GraphQL responses: AppError -> message = userMessage and
// extensions.code = code (+ its user-safe extensions); GraphQL's own errors (parse, validation,
// variables, limits) pass through; anything else is logged and masked.
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ErrorCode, isAppError } from "../errors.ts";

export type ErrorLogger = (error: unknown) => void;

export function createFormatError(logError: ErrorLogger = (e) => console.error("[graphql]", e)) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    if (isAppError(original)) {
      if (original.internal) logError(original);
      const { http: _http, ...extensions } = original.extensions; // status/headers for Apollo, not for the body
      return {
        message: original.userMessage,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...extensions, code: original.code },
      };
    }
    // Errors GraphQL or Apollo produced themselves (syntax, validation, variable coercion, our limits)
    // wrap nothing but other GraphQLErrors and are safe to show.
    if (original instanceof GraphQLError && (!original.originalError || original.originalError instanceof GraphQLError)) {
      return formatted;
    }
    logError(original);
    return {
      message: "Internal server error.",
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
