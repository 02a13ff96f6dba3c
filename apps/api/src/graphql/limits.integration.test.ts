// Hostile GraphQL requests against the real app and PostgreSQL (issue 12, findings 1-3, 5, 12, 13,
// 15): each is refused quickly with a 400 and a code, and /health keeps answering meanwhile.
// Timing bounds: the targets are the (heatmap bomb refused < 100 ms, fragment bomb < 50 ms,
// /health < 50 ms). The machine's 2 cores are shared with other test processes (load averages of
// 10+ were seen), which slows every request alike, so each bound is the target plus a few times
// a yardstick measured just before: the median of trivial `{ health }` round trips. Unloaded the
// yardstick is ~3 ms and the bounds are the targets; before the fix these requests took seconds
// to minutes, so the bounds tell the two apart by orders of magnitude either way.
import { performance } from "node:perf_hooks";
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heatmapBuilds } from "../services/compute-heatmap.ts";
import { seedDataset, seedRun, signUpUser, startTestApi, type SeededDataset, type SignedUp, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let prod: TestApi;
let u: SignedUp;
let ds: SeededDataset;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma, { production: false });
  prod = await startTestApi(db.prisma, { production: true });
  u = await signUpUser(api, "Limits");
  ds = await seedDataset(db.prisma, u.teamId, u.userId, { genes: Array.from({ length: 300 }, (_, i) => `G${i}`), conditions: 12 });
});

afterAll(async () => {
  await api?.close();
  await prod?.close();
  await db?.drop();
});

interface Posted {
  status: number;
  ms: number;
  text: string;
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

async function post(target: TestApi, body: string, token?: string, contentType = "application/json"): Promise<Posted> {
  const t0 = performance.now();
  const res = await fetch(`${target.url}/graphql`, {
    method: "POST",
    headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let json: Posted["json"];
  try {
    json = JSON.parse(text) as Posted["json"];
  } catch {
    json = undefined;
  }
  return { status: res.status, ms, text, json };
}

const gqlBody = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** Median round trip of a trivial GraphQL request (ms): how slow the machine is right now. */
async function yardstick(token?: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push((await post(api, gqlBody("{ health }"), token)).ms);
  return times.sort((a, b) => a - b)[2] as number;
}

/** `targetMs` stretched by the current slowness of the machine (see the header). */
async function bound(targetMs: number, token?: string, stretch = 3): Promise<number> {
  return targetMs + stretch * (await yardstick(token));
}

/** `n` sequential /health probes (ms), slowest last. */
async function healthProbes(n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${api.url}/health`);
    await res.text();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

describe("finding 1: aliased heatmaps", () => {
  it("refuses 1,000 aliases of heatmap(maxGenes: 200) in well under 100 ms while /health answers", async () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `h${i}: heatmap(datasetId: "${ds.dataset.id}", maxGenes: 200) { genes }`).join(" ");
    // /health: the second-slowest of 8 probes (one GC pause of this process, which is client and
    // server at once, may land in any probe); before the fix it did not answer for about 4 minutes.
    const [refuseBound, healthBound] = [await bound(100, u.token), await bound(50, undefined, 6)];
    const health = healthProbes(8).then((t) => t[6] as number);
    const tries: Posted[] = [];
    for (let i = 0; i < 3; i++) tries.push(await post(api, gqlBody(`{ ${fields} }`), u.token));
    const worstHealth = await health;
    const best = Math.min(...tries.map((t) => t.ms));
    console.log(`[limits] 1,000 aliased heatmaps: refused in ${best.toFixed(0)} ms (best of 3; bound ${refuseBound.toFixed(0)}); /health second-slowest of 8 ${worstHealth.toFixed(0)} ms (bound ${healthBound.toFixed(0)})`);
    for (const res of tries) {
      expect(res.status).toBe(400);
      expect(res.json?.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_PARSE_FAILED|TOO_MANY_ALIASES|QUERY_TOO_COMPLEX/);
    }
    expect(best).toBeLessThan(refuseBound);
    expect(worstHealth).toBeLessThan(healthBound);
  });

  it("names the alias limit and the cost limit for smaller versions of the same attack", async () => {
    const aliases = (n: number, maxGenes: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `h${i}: heatmap(datasetId: "${ds.dataset.id}", maxGenes: ${maxGenes}) { genes }`).join(" ")} }`;
    const many = await post(api, gqlBody(aliases(25, 10)), u.token);
    expect(many.status).toBe(400);
    expect(many.json?.errors?.[0]?.extensions?.code).toBe("TOO_MANY_ALIASES");
    const dear = await post(api, gqlBody(aliases(4, 200)), u.token);
    expect(dear.status).toBe(400);
    expect(dear.json?.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", max: 10_000 });
  });

  it("builds one heatmap for identical requests in flight together", async () => {
    const before = heatmapBuilds;
    const q = `query($d: ID!) { a: heatmap(datasetId: $d, maxGenes: 37) { genes } b: heatmap(datasetId: $d, maxGenes: 37) { genes } }`;
    const [r1, r2] = await Promise.all([post(api, gqlBody(q, { d: ds.dataset.id }), u.token), post(api, gqlBody(q, { d: ds.dataset.id }), u.token)]);
    expect(r1.json?.errors).toBeUndefined();
    expect(r2.json?.errors).toBeUndefined();
    expect(heatmapBuilds - before).toBe(1);
  });
});

describe("finding 2: aliased matrix slices", () => {
  it("refuses 50 aliases of matrixSlice(geneLimit: 1000), and already 5, by cost, with a short answer", async () => {
    const slices = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: matrixSlice(datasetId: "${ds.dataset.id}", geneLimit: 1000) { values }`).join(" ")} }`;
    for (const n of [50, 5]) {
      const res = await post(api, gqlBody(slices(n)), u.token);
      expect(res.status, `${n} aliases`).toBe(400);
      expect(res.json?.errors?.[0]?.extensions?.code).toMatch(n > 20 ? /TOO_MANY_ALIASES|QUERY_TOO_COMPLEX/ : /QUERY_TOO_COMPLEX/);
      expect(res.text.length).toBeLessThan(2_000);
    }
    const one = await post(api, gqlBody(slices(1)), u.token);
    expect(one.json?.errors).toBeUndefined();
  });
});

describe("finding 3: fragment bombs and cycles", () => {
  const bomb = (levels: number) => {
    const fragments = Array.from({ length: levels }, (_, i) => (i === levels - 1 ? `fragment F${i} on Query { health }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`));
    return `query { ...F0 } ${fragments.join(" ")}`;
  };

  it("refuses an anonymous 23- and 30-level fragment bomb in under 50 ms", async () => {
    for (const levels of [23, 30]) {
      const limit = await bound(50);
      const tries: Posted[] = [];
      for (let i = 0; i < 3; i++) tries.push(await post(api, gqlBody(bomb(levels))));
      const best = Math.min(...tries.map((t) => t.ms));
      console.log(`[limits] ${levels}-level fragment bomb (${bomb(levels).length} bytes): refused in ${best.toFixed(0)} ms (best of 3; bound ${limit.toFixed(0)})`);
      for (const res of tries) {
        expect(res.status, `${levels} levels`).toBe(400);
        expect(res.json?.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
      }
      expect(best, `${levels} levels`).toBeLessThan(limit);
    }
  });

  it("answers a fragment cycle with a 400 validation error, not a 500", async () => {
    const res = await post(api, gqlBody(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A health }`));
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses deep queries and documents with too many tokens", async () => {
    const deep = await post(
      api,
      gqlBody(`{ bicluster(id: "x") { run { biclusters { nodes { run { biclusters { nodes { run { biclusters { nodes { run { id } } } } } } } } } } } }`),
      u.token,
    );
    expect(deep.status).toBe(400);
    expect(deep.json?.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
    const tokens = await post(api, gqlBody(`{ ${"health ".repeat(6_000)} }`));
    expect(tokens.status).toBe(400);
    expect(tokens.json?.errors?.[0]?.message).toMatch(/tokens/);
  });
});

describe("finding 5: other unbounded work", () => {
  it("refuses to compare two runs with more than 90,000 bicluster pairs", async () => {
    const many = async () => {
      const { run } = await seedRun(db.prisma, ds, u.userId, []);
      await db.prisma.bicluster.createMany({
        data: Array.from({ length: 301 }, (_, index) => ({
          runId: run.id,
          teamId: u.teamId,
          index,
          geneCount: 1,
          conditionCount: 1,
          conditions: [0],
          msr: 0,
          meanProfile: [],
        })),
      });
      return run.id;
    };
    const [a, b] = [await many(), await many()];
    const res = await post(api, gqlBody(`query($a: ID!, $b: ID!) { compareRuns(a: $a, b: $b) { pairs { jaccard } } }`, { a, b }), u.token);
    expect(res.json?.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "comparePairs" });
  });

  it("charges the real width at run time: profiles of a wide dataset over the request's budget are LIMIT_EXCEEDED", async () => {
    const wide = await seedDataset(db.prisma, u.teamId, u.userId, { genes: Array.from({ length: 2_000 }, (_, i) => `W${i}`), conditions: 600 });
    const { biclusters } = await seedRun(db.prisma, wide, u.userId, [Array.from({ length: 2_000 }, (_, i) => i)]);
    const res = await post(api, gqlBody(`query($id: ID!) { bicluster(id: $id) { memberProfiles(limit: 2000) { gene } } }`, { id: biclusters[0]!.id }), u.token);
    expect(res.json?.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "work" });
  });
});

describe("finding 12: error pages and production mode", () => {
  it("answers malformed and oversized JSON with a JSON 400/413 without stack traces or paths", async () => {
    for (const target of [api, prod]) {
      const bad = await post(target, '{"query": "{ health }"');
      expect(bad.status).toBe(400);
      expect(bad.json?.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
      expect(bad.text).not.toMatch(/\bat \w|node_modules|\/work\/|<html|<pre/i);
      const big = await post(target, JSON.stringify({ query: "{ health }", variables: { pad: "x".repeat(2 * 1024 * 1024) } }));
      expect(big.status).toBe(413);
      expect(big.json?.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
      expect(big.text).not.toMatch(/node_modules|\/work\//);
    }
    const unknown = await fetch(`${prod.url}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
  });

  it("answers a limit refusal with HTTP 400, never 500", async () => {
    const q = `{ ${Array.from({ length: 4 }, (_, i) => `h${i}: heatmap(datasetId: "${ds.dataset.id}", maxGenes: 200) { genes }`).join(" ")} }`;
    const res = await post(prod, gqlBody(q), u.token);
    expect(res.status).toBe(400);
  });
});

describe("finding 13: bad values are clean 400s naming the field", () => {
  it("a NUL character in a gene id, a forged cursor and a huge geneOffset are BAD_USER_INPUT", async () => {
    const nul = await post(api, gqlBody(`query($t: ID!, $q: String!) { geneSearch(teamId: $t, query: $q) { gene } }`, { t: u.teamId, q: "TP\u000053" }), u.token);
    expect(nul.status).toBe(400);
    expect(nul.json?.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "q" });
    const literal = await post(api, gqlBody(`{ geneSearch(teamId: "${u.teamId}", query: "TP\\u000053") { gene } }`), u.token);
    expect(literal.json?.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });

    const forged = [
      Buffer.from(JSON.stringify([{ d: "not a date" }, "x"])).toString("base64url"),
      Buffer.from(JSON.stringify(["a string where a date belongs", "x"])).toString("base64url"),
      Buffer.from(JSON.stringify([1, "x\u0000"])).toString("base64url"),
      "%%%not-base64",
    ];
    for (const after of forged) {
      const res = await post(api, gqlBody(`query($t: ID!, $a: String) { datasets(teamId: $t, after: $a) { nodes { id } } }`, { t: u.teamId, a: after }), u.token);
      expect(res.json?.errors?.[0]?.extensions, after).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    const offset = await post(api, gqlBody(`query($d: ID!) { matrixSlice(datasetId: $d, geneOffset: 2147483647) { genes } }`, { d: ds.dataset.id }), u.token);
    expect(offset.json?.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "geneOffset" });
  });
});

describe("finding 15: introspection and suggestions", () => {
  const introspect = gqlBody(`{ __schema { types { name } } }`);

  it("refuses introspection to anonymous callers, and to everyone in production", async () => {
    const anonymous = await post(api, introspect);
    expect(anonymous.status).toBe(400);
    expect(anonymous.json?.errors?.[0]?.extensions?.code).toBe("INTROSPECTION_DISABLED");
    const signedIn = await post(api, introspect, u.token);
    expect(signedIn.json?.errors).toBeUndefined();
    const production = await post(prod, introspect, u.token);
    expect(production.status).toBe(400);
  });

  it("gives no 'Did you mean' suggestions to anonymous callers or in production", async () => {
    const typo = gqlBody(`{ healt }`);
    expect((await post(api, typo, u.token)).text).toMatch(/Did you mean/);
    expect((await post(api, typo)).text).not.toMatch(/Did you mean/);
    expect((await post(prod, typo, u.token)).text).not.toMatch(/Did you mean/);
  });
});
