// Deny by default: every root field must declare authScopes, and the public ones are a short,
// reviewed list. Plus the printed-schema snapshot that the web app's codegen reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getIntrospectionQuery, type GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { createApollo } from "../server/app.ts";
import { contextFor } from "./context.ts";
import { printedSchema, schema } from "./schema.ts";

const PUBLIC_FIELDS = ["Query.health", "Query.invitationLanding", "Mutation.login", "Mutation.signUp", "Mutation.verifyEmail"];
const INTERNAL_FIELDS = ["Mutation.oauthSignIn"];

function rootFields(): { name: string; scopes: unknown }[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (t): t is GraphQLObjectType => t != null,
  );
  return roots.flatMap((type) =>
    Object.values(type.getFields()).map((field) => {
      const options = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions;
      return { name: `${type.name}.${field.name}`, scopes: options?.authScopes };
    }),
  );
}

describe("root field authorization", () => {
  const fields = rootFields();

  it("finds the root fields", () => {
    expect(fields.length).toBeGreaterThan(40);
  });

  it("every Query/Mutation field declares authScopes", () => {
    const missing = fields.filter((f) => f.scopes === undefined || f.scopes === null).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it("only the reviewed fields are public or internal", () => {
    const scopeOf = (f: { scopes: unknown }) => (typeof f.scopes === "object" && f.scopes ? Object.keys(f.scopes) : ["<function>"]);
    const publicFields = fields.filter((f) => scopeOf(f).includes("public")).map((f) => f.name).sort();
    const internalFields = fields.filter((f) => scopeOf(f).includes("internal")).map((f) => f.name).sort();
    expect(publicFields).toEqual([...PUBLIC_FIELDS].sort());
    expect(internalFields).toEqual(INTERNAL_FIELDS);
    const others = fields.filter((f) => !PUBLIC_FIELDS.includes(f.name) && !INTERNAL_FIELDS.includes(f.name));
    for (const f of others) expect(f.scopes, f.name).toEqual({ loggedIn: true });
  });
});

describe("schema.graphql", () => {
  it("matches the Pothos schema (run `npm run generate -w @exprlab/api` after changing it)", () => {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "schema.graphql");
    expect(readFileSync(file, "utf8")).toBe(printedSchema());
  });
});

describe("limits", () => {
  it("let the full introspection query through for signed-in callers (GraphiQL) but not for anonymous ones", async () => {
    const apollo = createApollo({ logError: () => {}, production: false });
    await apollo.start();
    try {
      const deps = { prisma: {} as never, queue: { enqueue: async () => {}, cancel: async () => {} } };
      const caller = { userId: "u", email: "u@x.test", name: "U", via: "session" as const, credentialId: "s", memberships: [], teamIds: [] };
      const signedIn = await apollo.executeOperation({ query: getIntrospectionQuery() }, { contextValue: contextFor(deps, caller) });
      expect(signedIn.body.kind === "single" && signedIn.body.singleResult.errors).toBeFalsy();
      const contextValue = contextFor(deps, null);
      const anonymous = await apollo.executeOperation({ query: getIntrospectionQuery() }, { contextValue });
      expect(anonymous.body.kind === "single" && anonymous.body.singleResult.errors?.[0]?.extensions?.code).toBe("INTROSPECTION_DISABLED");
      const me = await apollo.executeOperation({ query: "{ me { id } }" }, { contextValue });
      expect(me.body.kind === "single" && me.body.singleResult.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      await apollo.stop();
    }
  });
});
