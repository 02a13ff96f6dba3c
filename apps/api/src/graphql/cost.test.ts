// The cost model: linear in the document (fragments memoised), heavy fields by their arguments,
// and every operation the web app sends stays inside the limits (so tightening a limit that would
// break a page fails here rather than in a browser).
import { Kind, parse, specifiedRules, validate, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { operationCost } from "./cost.ts";
import { LIMITS } from "./limits.ts";
import { schema } from "./schema.ts";

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), undefined, variables);

describe("operationCost", () => {
  it("charges scalars 1 and multiplies a page by first", () => {
    expect(cost("{ health }")).toBe(1);
    // datasets (1) + first x (nodes (1) + id (1))
    expect(cost(`{ datasets(teamId: "t", first: 10) { nodes { id } } }`)).toBe(1 + 10 * 2);
    expect(cost(`query($n: Int) { datasets(teamId: "t", first: $n) { nodes { id } } }`, { n: 100 })).toBe(1 + 100 * 2);
    // A String argument named `first` (a DE test's reference group) is not a page size.
    expect(cost(`mutation { computeDifferentialExpression(datasetId: "d", labelColumn: "g", first: "A", second: "B") { id } }`)).toBe(2);
  });

  it("charges heavy fields by the cells their arguments allow", () => {
    expect(cost(`{ heatmap(datasetId: "d", maxGenes: 200) { genes } }`)).toBeGreaterThan(cost(`{ heatmap(datasetId: "d", maxGenes: 20) { genes } }`));
    const slice = (limit: number) => cost(`{ matrixSlice(datasetId: "d", geneLimit: ${limit}) { values } }`);
    expect(slice(1000)).toBeGreaterThanOrEqual(2_500); // 250,000 cells
    expect(slice(10)).toBeLessThan(200);
    expect(cost(`{ matrixSlice(datasetId: "d", geneLimit: 1000, conditionStart: 0, conditionEnd: 2) { values } }`)).toBe(2 + 20);
  });

  it("costs each fragment once: a 40-level fragment bomb is priced in microseconds, at 2^39 fields", () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => (i === levels - 1 ? `fragment F${i} on Query { health }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`));
    const document = parse(`query { ...F0 } ${fragments.join(" ")}`);
    expect(operationCost(schema, document, undefined, {})).toBe(2 ** (levels - 1));
  });
});

// Every operation of the web app exactly as it is sent: codegen's documents (each carries the
// fragments it spreads). Reading the graphql(`...`) sources instead once priced the run page at
// 8,824 while the document sent cost 10,504 and was refused (and a missing required variable
// made the walk drop every argument of a field, literal page sizes included).
import * as generated from "../../../web/src/generated/graphql.ts";

function webDocuments(): { name: string; document: DocumentNode }[] {
  return Object.entries(generated)
    .filter(([name, value]) => name.endsWith("Document") && value !== null && typeof value === "object")
    .map(([name, value]) => ({ name, document: parse(String(value)) }));
}

describe("the web app's operations", () => {
  const documents = webDocuments();

  it("are found", () => {
    expect(documents.length).toBeGreaterThan(15);
  });

  it("each passes validation, depth, aliases and cost with page sizes at their maximum", () => {
    for (const { name, document } of documents) {
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (!operation) continue;
      expect(validate(schema, document, specifiedRules), name).toEqual([]);
      const refusals: string[] = [];
      const onReject = [(_c: unknown, e: Error) => refusals.push(e.message)];
      validate(schema, document, [
        maxDepthRule({ n: LIMITS.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject }) as never,
        maxAliasesRule({ n: LIMITS.maxAliases, propagateOnRejection: false, onReject }) as never,
      ]);
      expect(refusals, name).toEqual([]);
      const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.variable.name.value === "first" ? 100 : undefined]));
      expect(operationCost(schema, document, operation.name?.value, variables), name).toBeLessThanOrEqual(LIMITS.maxCost);
    }
  });
});
