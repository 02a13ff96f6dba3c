// The static cost of a GraphQL operation, computed after graphql's own validation and before any
// resolver runs. One unit is roughly one resolved field, or 100 matrix cells read and serialised.
// Heavy fields cost by the cells they touch, bounded by their arguments (and by an assumed width
// where the number of conditions is only known at run time: the resolvers then charge the real
// figure to the request's WorkBudget, see work-budget.ts); paginated fields multiply their
// selection by `first`. Fragments are costed once each (memoised), so the walk is linear in the
// size of the document: a "fragment bomb" (fragments spreading the next one twice, 2^n fields)
// is refused in microseconds instead of being expanded.
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from "graphql";
import { DEFAULT_PAGE_SIZE } from "../services/pagination.ts";
import { MAX_HEATMAP_GENES } from "../services/compute-heatmap.ts";
import { MAX_BICLUSTER_ROWS } from "../services/read-bicluster-matrix.ts";
import { MAX_SLICE_GENES, MAX_SLICE_VALUES } from "../services/read-matrix-slice.ts";
import { MAX_PAGE_SIZE } from "../services/pagination.ts";

/** Conditions assumed where a field's width is only known at run time (the resolver charges the real one). */
export const ASSUMED_CONDITIONS = 100;
/** Items assumed in a list field that has no `first` argument and no entry below. */
export const ASSUMED_LIST_SIZE = 5;
/** Matrix cells per cost unit. */
export const CELLS_PER_UNIT = 100;

type Args = Record<string, unknown>;
interface FieldRule {
  /** The field's own cost (default 1). */
  cost?: (args: Args) => number;
  /** How many times its selection is paid for (default: `first`, or ASSUMED_LIST_SIZE for lists, else 1). */
  multiplier?: (args: Args) => number;
}

/**
 * A size argument, clamped to the field's own maximum: a value past it is refused by the service
 * with BAD_USER_INPUT naming the argument, which says more than "too complex".
 */
const int = (value: unknown, fallback: number, max = Number.POSITIVE_INFINITY): number =>
  Math.min(max, typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback);
const cells = (n: number): number => Math.ceil(n / CELLS_PER_UNIT);

/**
 * Fields whose work is not "one item": by "Type.field". Keep in step with the services' caps
 * (read-matrix-slice, compute-heatmap, read-bicluster-matrix, compare-runs).
 */
export const FIELD_RULES: Record<string, FieldRule> = {
  // Reads every row of the dataset (variance), clusters up to 200 genes (O(n^2) correlations).
  "Query.heatmap": {
    cost: (a) => {
      const genes = int(a.maxGenes, 50, MAX_HEATMAP_GENES);
      return 500 + cells(2 * genes * ASSUMED_CONDITIONS) + Math.ceil(genes ** 2 / 20);
    },
  },
  "Query.matrixSlice": {
    cost: (a) => {
      const genes = Array.isArray(a.genes) && a.genes.length > 0 ? Math.min(a.genes.length, MAX_SLICE_GENES) : int(a.geneLimit, 50, MAX_SLICE_GENES);
      const span =
        typeof a.conditionEnd === "number" ? Math.max(1, a.conditionEnd - (typeof a.conditionStart === "number" ? a.conditionStart : 0)) : 10 * ASSUMED_CONDITIONS;
      return 1 + cells(Math.min(MAX_SLICE_VALUES, genes * span));
    },
  },
  // Matches every bicluster of one run against every one of the other (Hungarian).
  "Query.compareRuns": { cost: () => 500 },
  "Query.geneSearch": { cost: () => 20, multiplier: (a) => int(a.limit, 20, MAX_PAGE_SIZE) },
  "Query.estimateRun": { cost: () => 10 },
  "Bicluster.memberProfiles": { cost: (a) => 1 + cells(2 * int(a.limit, 200, MAX_BICLUSTER_ROWS) * ASSUMED_CONDITIONS) },
  "Bicluster.matrix": { cost: (a) => 1 + cells(int(a.limit, 500, MAX_BICLUSTER_ROWS) * 20) },
  // All genes when `first` is omitted: assume 50 (the work budget charges the real count).
  "Bicluster.genes": { multiplier: (a) => (typeof a.first === "number" ? int(a.first, 50, 10_000) : 50) },
  "Dataset.conditions": { multiplier: () => ASSUMED_CONDITIONS },
};

/** The operation `operationName` (or the only one) of a validated document. */
export function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Cost of one operation of a document that passed graphql's validation. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> = {},
): number {
  const operation = selectOperation(document, operationName);
  if (!operation) return 0;
  const root = operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  const variables = coerced.coerced ?? rawVariables;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentCosts = new Map<string, number>();

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    fragmentCosts.set(name, 0); // a cycle (refused by validation already) costs nothing more
    const fragment = fragments.get(name);
    const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    const cost = fragment && type && isCompositeType(type) ? selectionCost(type, fragment.selectionSet) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };

  const selectionCost = (parent: GraphQLCompositeType, set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += fragmentCost(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(type, selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (name.startsWith("__")) continue; // __typename; introspection is gated separately
        const fields = "getFields" in parent ? parent.getFields() : {};
        const field = fields[name] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        let args: Args = {};
        try {
          args = getArgumentValues(field, selection, variables as Record<string, unknown>);
        } catch {
          // One argument that does not coerce (a missing required variable) must not drop the
          // others: a literal `first: 100` next to it still prices the page at 100.
          args = {};
          for (const node of selection.arguments ?? []) {
            const def = field.args.find((a) => a.name === node.name.value);
            const value = def ? valueFromAST(node.value, def.type, variables as Record<string, unknown>) : undefined;
            if (value !== undefined) args[node.name.value] = value;
          }
        }
        const named = getNamedType(field.type);
        const child = selection.selectionSet && isCompositeType(named) ? selectionCost(named, selection.selectionSet) : 0;
        const rule = FIELD_RULES[`${parent.name}.${name}`];
        const own = rule?.cost ? rule.cost(args) : 1;
        let multiplier = 1;
        if (rule?.multiplier) multiplier = rule.multiplier(args);
        else if (name === "nodes" && parent.name.endsWith("Connection")) multiplier = 1; // the page's `first` counts them
        // Pagination's `first` is an Int (computeDifferentialExpression's `first` is a group name).
        else if (field.args.some((a) => a.name === "first" && getNamedType(a.type).name === "Int")) multiplier = int(args.first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        else if (isListType(getNullableType(field.type)) && isCompositeType(named)) multiplier = ASSUMED_LIST_SIZE;
        total += own + multiplier * child;
      }
    }
    return total;
  };

  return selectionCost(root, operation.selectionSet);
}
