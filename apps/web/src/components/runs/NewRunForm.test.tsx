// The new-run form is generated from the registry: a toy method registered in core (one folder +
// one registry line, here in the test) gets its fields from a real `methods` answer of the API's
// schema, with no edit in the web app.
import { contextFor, createApollo, type Caller } from "@exprlab/api/graphql";
import { BUILTIN_METHODS, createRegistry } from "@exprlab/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { toyMethod } from "../../../../../packages/core/test/fixtures/toy-method/index.ts";
import { graphql } from "../../generated/index.ts";
import type { ToyFormQuery } from "../../generated/graphql.ts";
import { NewRunForm } from "./NewRunForm.tsx";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {} }) }));

const ToyForm = graphql(`
  query ToyForm {
    methods(kind: BICLUSTER) {
      ...MethodFormView
    }
  }
`);

const caller: Caller = { userId: "u", email: "u@example.test", name: "U", via: "apiToken", credentialId: "t", memberships: [], teamIds: [] };

async function methodsFromApi(): Promise<ToyFormQuery["methods"]> {
  const registry = createRegistry([...BUILTIN_METHODS, toyMethod]);
  const contextValue = contextFor({ prisma: {} as never, queue: { enqueue: async () => {}, cancel: async () => {} }, registry }, caller);
  const apollo = createApollo({ logError: () => {} });
  await apollo.start();
  try {
    const res = await apollo.executeOperation({ query: ToyForm.toString() }, { contextValue });
    if (res.body.kind !== "single") throw new Error("unexpected incremental answer");
    expect(res.body.singleResult.errors).toBeUndefined();
    return (res.body.singleResult.data as ToyFormQuery).methods;
  } finally {
    await apollo.stop();
  }
}

describe("NewRunForm", () => {
  it("renders a registered method's fields with their labels, help, defaults and groups", async () => {
    const methods = await methodsFromApi();
    const toy = methods.find((m) => m.id === "toy-slices")!;
    expect(toy).toBeDefined();
    const html = renderToStaticMarkup(<NewRunForm datasetId="d1" methods={[{ ...toy, isDefault: true }, ...methods.filter((m) => m !== toy)]} />);
    expect(html).toContain("Toy slices");
    expect(html).toContain(">Slices<");
    expect(html).toContain("Genes are cut into this many groups by their mean.");
    expect(html).toContain("Default: 3.");
    expect(html).toContain("Range 2–9.");
    expect(html).toContain("Advanced parameters (1)");
    expect(html).toContain(">Shout<");
    // the LSTM-SVM's own fields are not rendered for the toy method
    expect(html).not.toContain("LSTM hidden units");
  });

  it("renders LSTM-SVM with K as automatic or a value, from the same generic code", async () => {
    const methods = await methodsFromApi();
    const html = renderToStaticMarkup(<NewRunForm datasetId="d1" methods={methods} />);
    expect(html).toContain("Number of clusters (K)");
    expect(html).toMatch(/<option value="auto" selected="">auto<\/option>/);
    expect(html).toContain("LSTM hidden units");
    expect(html).toContain("Training epochs");
  });
});
