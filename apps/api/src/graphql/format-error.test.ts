import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { AppError, conflict } from "../errors.ts";
import { createFormatError } from "./format-error.ts";

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ["x"] });
}

describe("formatError (the one place mapping errors to extensions.code)", () => {
  it("maps AppError to its code, user message and safe extensions; logs only internal details", () => {
    const logged: unknown[] = [];
    const format = createFormatError((e) => logged.push(e));
    const err = conflict("Someone else saved first.", { currentVersion: 3 });
    const out = format({ message: err.message, path: ["x"] }, resolverError(err));
    expect(out).toEqual({ message: "Someone else saved first.", path: ["x"], extensions: { currentVersion: 3, code: "CONFLICT" } });
    expect(logged).toEqual([]);
    const internal = new AppError("INTERNAL_SERVER_ERROR", "Try again.", { internal: "pg-boss down" });
    expect(format({ message: "x" }, resolverError(internal)).extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(logged).toEqual([internal]);
  });

  it("masks unexpected errors and logs them", () => {
    const logged: unknown[] = [];
    const format = createFormatError((e) => logged.push(e));
    const boom = new Error('relation "Secret" does not exist at 10.0.0.3');
    const out = format({ message: boom.message, path: ["x"] }, resolverError(boom));
    expect(out).toEqual({ message: "Internal server error.", path: ["x"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logged).toEqual([boom]);
  });

  it("passes GraphQL's own errors through", () => {
    const format = createFormatError(() => {});
    const formatted = { message: "Cannot query field", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    expect(format(formatted, new GraphQLError("Cannot query field"))).toBe(formatted);
  });
});
