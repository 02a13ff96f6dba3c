// The Pothos schema builder: code-first, one typed context, every root field declares authScopes.
//   public   - anyone (signUp, login, health, methods)
//   loggedIn - a valid session or API token (team checks then happen in the services)
//   internal - a server-to-server call carrying INTERNAL_SECRET (the web app's next-auth)
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { GraphQLError, Kind, type ValueNode } from "graphql";
import { unauthenticated, forbidden } from "../errors.ts";
import type { AuthedContext, Context } from "./context.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { public: boolean; loggedIn: boolean; internal: boolean };
  AuthContexts: { loggedIn: AuthedContext };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ScopeAuthPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      public: true,
      loggedIn: context.caller !== null,
      internal: context.internal,
    }),
    unauthorizedError: (_parent, context, _info, result) => {
      void result;
      return context.caller === null ? unauthenticated() : forbidden();
    },
  },
});

builder.queryType({});
builder.mutationType({});

builder.scalarType("DateTime", {
  description: "An ISO-8601 timestamp.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError("DateTime: not an ISO-8601 timestamp");
    return date;
  },
});

function literalToJson(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      throw new GraphQLError("JSON: variables are not allowed inside JSON literals");
  }
}

builder.scalarType("JSON", {
  description: "Arbitrary JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => literalToJson(node),
});
