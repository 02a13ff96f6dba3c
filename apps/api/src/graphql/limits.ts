// Query depth and complexity limits. Complexity: each field costs 1; a paginated field (one with a
// `first` argument) multiplies its children by `first` (default page size when absent).
import type { ApolloServerPlugin } from "@apollo/server";
import depthLimit from "graphql-depth-limit";
import { GraphQLError, type GraphQLSchema, type ValidationRule } from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "../services/pagination.ts";

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 10_000;

export const depthLimitRule: ValidationRule = depthLimit(MAX_DEPTH) as ValidationRule;

const paginationEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((a) => a.name === "first")) return undefined;
  const first = typeof args.first === "number" && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * first;
};

export function operationComplexity(schema: GraphQLSchema, query: Parameters<typeof getComplexity>[0]["query"], variables: Record<string, unknown>): number {
  return getComplexity({
    schema,
    query,
    variables,
    estimators: [paginationEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

export function complexityLimitPlugin(schema: GraphQLSchema, max = MAX_COMPLEXITY): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = operationComplexity(schema, document, request.variables ?? {});
          if (complexity > max) {
            throw new GraphQLError(`Query is too complex: ${complexity} > ${max}. Ask for fewer items or fields.`, {
              extensions: { code: "QUERY_TOO_COMPLEX", complexity, max },
            });
          }
        },
      };
    },
  };
}
