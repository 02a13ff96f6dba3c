// What one GraphQL request may ask for, checked in this order:
//   1. tokens, while parsing (graphql's own parser limit: a huge document is not even parsed);
//   2. graphql's built-in validation (Apollo), so fragment cycles and unknown fields are plain 400s;
//   3. then, in didResolveOperation, once per request and BEFORE any resolver runs:
//      introspection (off in production and for anonymous callers), GraphQL Armor's depth, alias
//      and directive limits, the static cost model (cost.ts), and NUL characters in strings
//      (PostgreSQL cannot store them);
//   4. at run time, heavy resolvers charge the request's WorkBudget (work-budget.ts).
// Every refusal is a 400 with extensions.code. Running our limits after graphql's validation
// matters: graphql-depth-limit, which ran before it, expanded fragments on every spread (a
// 939-byte fragment bomb took 2.9 s) and recursed forever on a fragment cycle (HTTP 500).
// "Did you mean ...?" suggestions are removed for anonymous callers and in production.
import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  validate,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import type { Context } from "./context.ts";
import { operationCost } from "./cost.ts";

export const LIMITS = {
  /** Lexer tokens per document (the largest page query of the web app has about 300). */
  maxTokens: 5_000,
  /** Field nesting; fragments do not add levels (the web app's deepest query has 7). */
  maxDepth: 10,
  /** Aliased fields per operation (the web app uses 2). */
  maxAliases: 20,
  /** Directives per operation. */
  maxDirectives: 30,
  /** Static cost units (cost.ts; the web app's dearest page costs about 3,000). */
  maxCost: 10_000,
};

export type LimitCode = "QUERY_TOO_DEEP" | "TOO_MANY_ALIASES" | "TOO_MANY_DIRECTIVES" | "QUERY_TOO_COMPLEX" | "INTROSPECTION_DISABLED" | "BAD_USER_INPUT";

function refusal(code: LimitCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

type ArmorRule = (options: {
  n: number;
  propagateOnRejection: boolean;
  onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[];
  flattenFragments?: boolean;
}) => (context: ValidationContext) => unknown;

/** GraphQL Armor's rules (fragment-memoised, linear), reporting which limit was hit. */
function armorRules(limits: typeof LIMITS, refusals: GraphQLError[]): ValidationRule[] {
  const onReject = (code: LimitCode) => [
    (_context: ValidationContext | null, error: GraphQLError) => {
      refusals.push(refusal(code, error.message.replace(/^Syntax Error: /, "")));
    },
  ];
  const rule = (make: ArmorRule, n: number, code: LimitCode, extra: { flattenFragments?: boolean } = {}): ValidationRule =>
    make({ n, propagateOnRejection: false, onReject: onReject(code), ...extra }) as unknown as ValidationRule;
  return [
    rule(maxDepthRule as ArmorRule, limits.maxDepth, "QUERY_TOO_DEEP", { flattenFragments: true }),
    rule(maxAliasesRule as ArmorRule, limits.maxAliases, "TOO_MANY_ALIASES"),
    rule(maxDirectivesRule as ArmorRule, limits.maxDirectives, "TOO_MANY_DIRECTIVES"),
  ];
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object") return Object.values(value).some(hasNul);
  return false;
}

function literalHasNul(node: ValueNode): boolean {
  switch (node.kind) {
    case Kind.STRING:
      return node.value.includes("\u0000");
    case Kind.LIST:
      return node.values.some(literalHasNul);
    case Kind.OBJECT:
      return node.fields.some((f) => literalHasNul(f.value));
    default:
      return false;
  }
}

/** The argument or variable whose string holds a NUL character, if any. */
export function nulField(document: DocumentNode, variables: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(variables)) if (hasNul(value)) return name;
  let found: string | undefined;
  visit(document, {
    Argument(node) {
      if (found === undefined && literalHasNul(node.value)) found = node.name.value;
    },
  });
  return found;
}

export interface RequestLimitsOptions {
  schema: GraphQLSchema;
  /** Production: no introspection and no suggestions for anyone. */
  production: boolean;
  limits?: Partial<typeof LIMITS>;
}

/** The checks of step 3 and the suggestion masking (see the header). */
export function requestLimitsPlugin(options: RequestLimitsOptions): ApolloServerPlugin<Context> {
  const limits = { ...LIMITS, ...options.limits };
  const { schema, production } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue, operationName }) {
          if (production || !contextValue.caller) {
            const introspection = validate(schema, document, [NoSchemaIntrospectionCustomRule]);
            if (introspection.length > 0) {
              throw refusal(
                "INTROSPECTION_DISABLED",
                production ? "Introspection is disabled on this server: the schema is published as schema.graphql." : "Sign in to introspect the schema (or read schema.graphql).",
              );
            }
          }
          const refusals: GraphQLError[] = [];
          validate(schema, document, armorRules(limits, refusals));
          if (refusals[0]) throw refusals[0];
          const variables = request.variables ?? {};
          const cost = operationCost(schema, document, operationName, variables);
          if (cost > limits.maxCost) {
            throw refusal("QUERY_TOO_COMPLEX", `Query is too complex: cost ${Math.round(cost)} > ${limits.maxCost}. Ask for fewer items or fields, or split the query.`, {
              cost: Math.round(cost),
              max: limits.maxCost,
            });
          }
          const field = nulField(document, variables);
          if (field !== undefined) throw refusal("BAD_USER_INPUT", `${field}: must not contain NUL characters`, { field });
        },
        async didEncounterErrors({ errors, contextValue }) {
          if (!production && contextValue.caller) return;
          for (const error of errors) {
            // Suggestions name fields and types: for anonymous callers they map the schema.
            if (/Did you mean/.test(error.message)) error.message = error.message.replace(/ ?Did you mean .*\?$/, "");
          }
        },
      };
    },
  };
}
