// The cost model: linear in the document (fragments memoised), heavy fields by their arguments,
// and every operation the web app sends stays inside the limits (so tightening a limit that would
// break a page fails here rather than in a browser).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse, specifiedRules, validate, type DefinitionNode, type FragmentDefinitionNode } from "graphql";
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

// Every graphql(`...`) document of the web app, with the fragments it spreads.
const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web/src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function webDocuments(): { file: string; definitions: readonly DefinitionNode[] }[] {
  const out: { file: string; definitions: readonly DefinitionNode[] }[] = [];
  for (const file of sourceFiles(webSrc)) {
    for (const match of readFileSync(file, "utf8").matchAll(/graphql\(\s*`([^`]*)`/g)) {
      out.push({ file: path.relative(webSrc, file), definitions: parse(match[1] as string).definitions });
    }
  }
  return out;
}

describe("the web app's operations", () => {
  const documents = webDocuments();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of documents) for (const def of d.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  it("are found", () => {
    expect(documents.length).toBeGreaterThan(15);
  });

  it("each passes validation, depth, aliases and cost with page sizes at their maximum", () => {
    for (const { file, definitions } of documents) {
      for (const operation of definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const used = new Map<string, FragmentDefinitionNode>();
        const collect = (text: string) => {
          for (const m of text.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)) {
            const f = fragments.get(m[1] as string);
            if (f && !used.has(f.name.value)) {
              used.set(f.name.value, f);
              collect(f.loc?.source.body.slice(f.loc.start, f.loc.end) ?? "");
            }
          }
        };
        collect(operation.loc?.source.body.slice(operation.loc.start, operation.loc.end) ?? "");
        const document = { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] } as const;
        const name = `${file}: ${operation.name?.value ?? "anonymous"}`;
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
    }
  });
});
