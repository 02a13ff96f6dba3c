// What other workspaces may use of the GraphQL layer in their tests: the schema and a context for
// a known caller (e.g. the web app renders its forms from a real `methods` answer).
export { schema } from "./schema.ts";
export { contextFor } from "./context.ts";
export type { Context, ContextDeps } from "./context.ts";
export type { Caller } from "../auth/caller.ts";
export { createApollo } from "../server/app.ts";
