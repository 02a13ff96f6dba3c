import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { enrichGeneSets, loadGeneSetLibrary, readGmt } from "./index.ts";

describe("shipped gene-set library", () => {
  it("loads GO BP (human): thousands of 10-500-gene sets with term names, and finds a planted term", async () => {
    const { sets, report, info } = await loadGeneSetLibrary("go-bp-human");
    expect(info.licence).toMatch(/CC BY 4\.0/);
    expect(report.duplicateGeneCount).toBe(0);
    expect(report.emptySets).toEqual([]);
    expect(sets.length).toBeGreaterThan(5000);
    expect(sets.every((s) => s.genes.length >= 10 && s.genes.length <= 500)).toBe(true);
    const repair = sets.find((s) => s.name === "GO:0000012");
    expect(repair?.description).toBe("single strand break repair");
    expect(repair?.genes).toContain("XRCC1");
    // A universe of every gene in the library; the query is that term's genes: it must come first.
    const universe = [...new Set(sets.flatMap((s) => s.genes))];
    const r = enrichGeneSets(repair!.genes, sets, universe);
    expect(r.terms[0]!.name).toBe("GO:0000012");
    expect(r.terms[0]!.qValue).toBeLessThan(1e-10);
    expect(await loadGeneSetLibrary("go-bp-human")).toBe(await loadGeneSetLibrary());
  });

  it("readGmt reads gzip streams and refuses unknown libraries", async () => {
    const { sets } = await readGmt(Readable.from([gzipSync("S\td\tA\tB\n")]));
    expect(sets).toEqual([{ name: "S", description: "d", genes: ["A", "B"] }]);
    await expect(loadGeneSetLibrary("kegg")).rejects.toBeInstanceOf(InputError);
  });
});
