// The method registry is the API's only source of methods: a toy method registered next to the
// built-in ones (one folder + one registry line, here in the test) is listed by `methods` with its
// parameters and stages, and createRun validates against its schema, with no other edit.
import { BUILTIN_METHODS, createRegistry } from "@exprlab/core";
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toyMethod } from "../../../../packages/core/test/fixtures/toy-method/index.ts";
import { seedDataset, signUpUser, startTestApi, type SignedUp, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let user: SignedUp;
let datasetId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma, { registry: createRegistry([...BUILTIN_METHODS, toyMethod]) });
  user = await signUpUser(api);
  datasetId = (await seedDataset(db.prisma, user.teamId, user.userId, { genes: Array.from({ length: 30 }, (_, i) => `G${i}`) })).dataset.id;
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe("a method registered in core", () => {
  it("is listed by `methods` with its labelled parameters and stages", async () => {
    const res = await api.gql<{ methods: { id: string; label: string; params: { name: string; label: string; group: string; default: unknown; min: number }[]; stages: { id: string }[] }[] }>(
      `{ methods(kind: BICLUSTER) { id label params { name label group default min } stages { id } } }`,
      {},
      user.token,
    );
    const toy = res.data?.methods.find((m) => m.id === "toy-slices");
    expect(toy).toMatchObject({ label: "Toy slices" });
    expect(toy?.params).toEqual([
      { name: "slices", label: "Slices", group: "MAIN", default: 3, min: 2 },
      { name: "shout", label: "Shout", group: "ADVANCED", default: false, min: null },
    ]);
    expect(toy?.stages.map((s) => s.id)).toEqual(["preprocess", "slice", "bicluster", "score"]);
  });

  it("is validated by createRun against its own schema, and queued with its defaults", async () => {
    const create = `mutation($d: ID!, $p: JSON) { createRun(datasetId: $d, method: "toy-slices", params: $p) { id kind method methodLabel params estimatedSeconds parameters { name display isDefault } } }`;
    const bad = await api.gql(create, { d: datasetId, p: { slices: 99 } }, user.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "params.slices" });
    const foreign = await api.gql(create, { d: datasetId, p: { epochs: 5 } }, user.token);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "params.epochs" });
    const ok = await api.gql<{ createRun: { kind: string; methodLabel: string; params: unknown; estimatedSeconds: number; parameters: { name: string; isDefault: boolean }[] } }>(
      create,
      { d: datasetId, p: { shout: true } },
      user.token,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.createRun).toMatchObject({ kind: "BICLUSTER", methodLabel: "Toy slices", params: { slices: 3, shout: true } });
    expect(ok.data?.createRun.estimatedSeconds).toBeCloseTo(1 + 30 / 1e5, 6);
    expect(ok.data?.createRun.parameters).toEqual([
      { name: "slices", display: "3", isDefault: true },
      { name: "shout", display: "true", isDefault: false },
    ]);
  });
});

describe("run cost", () => {
  it("estimateRun reports time, memory and the budget; createRun refuses a run over the budget with LIMIT_EXCEEDED", async () => {
    const small = await startTestApi(db.prisma, { limits: { runMaxSeconds: 5, runMaxMemoryMb: 4096, teamMaxQueued: 50 } });
    try {
      const est = await small.gql<{ estimateRun: { seconds: number; withinBudget: boolean; budgetSeconds: number; message: string | null } }>(
        `query($d: ID!) { estimateRun(datasetId: $d, method: "lstm-svm", params: { epochs: 300, units: 256 }) { seconds withinBudget budgetSeconds message } }`,
        { d: datasetId },
        user.token,
      );
      expect(est.data?.estimateRun).toMatchObject({ withinBudget: false, budgetSeconds: 5 });
      expect(est.data?.estimateRun.message).toMatch(/budget of 5 s/);
      const refused = await small.gql(
        `mutation($d: ID!) { createRun(datasetId: $d, method: "lstm-svm", params: { epochs: 300, units: 256 }) { id } }`,
        { d: datasetId },
        user.token,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "time" });
      expect(await db.prisma.run.count({ where: { datasetId, method: "lstm-svm" } })).toBe(0);
    } finally {
      await small.close();
    }
  });
});
