// `npx tsx bench/io.ts` (packages/core): figures for the io / enrichment / heatmap parts; never
// part of the tests. Prints: enrichment of 50 gene lists against 5,000 GO BP sets; import of a
// 20,000 x 50 matrix as CSV, decimal-comma CSV and .xlsx (+ writing them); UPGMA heatmap order.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { enrichPrepared, loadGeneSetLibrary, prepareGeneSets } from "../src/enrichment/index.ts";
import { clusterOrder } from "../src/heatmap/index.ts";
import { zscoreRow } from "../src/stats/index.ts";
import { previewMatrix, readMatrix, writeMatrixCsv } from "../src/io/index.ts";
import { createRng } from "../src/random.ts";

const seconds = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(2);
const rng = createRng("bench-io");
const dir = mkdtempSync(join(tmpdir(), "exprlab-bench-io-"));

async function enrichment(): Promise<void> {
  const { sets } = await loadGeneSetLibrary("go-bp-human");
  const library = sets.slice(0, 5000);
  const universe = [...new Set(sets.flatMap((s) => s.genes))];
  let t0 = performance.now();
  const prepared = prepareGeneSets(library, universe);
  console.log(`enrichment: prepare ${library.length} sets against a universe of ${universe.length} genes: ${seconds(t0)} s (${prepared.sets.length} tested)`);
  // Each list: 8 genes of one set (planted) plus 50-299 random genes of the universe.
  const plantedSets = Array.from({ length: 50 }, (_, b) => library[(b * 97) % library.length]!);
  const lists = plantedSets.map((set, b) => {
    const size = 50 + ((b * 37) % 250);
    return [...set.genes.slice(0, 8), ...rng.sample(universe.length, size).map((i) => universe[i]!)];
  });
  t0 = performance.now();
  const results = lists.map((q) => enrichPrepared(q, prepared));
  const time = seconds(t0);
  const significant = results.reduce((a, r) => a + r.terms.filter((t) => t.qValue < 0.05).length, 0);
  const recovered = results.filter((r, b) => r.terms.some((t) => t.name === plantedSets[b]!.name && t.qValue < 0.05)).length;
  console.log(
    `enrichment: 50 lists (58-307 genes) x ${prepared.sets.length} sets: ${time} s; planted set at q < 0.05 in ${recovered}/50 lists; ${significant} set-list pairs with q < 0.05 in all`,
  );
}

async function imports(): Promise<void> {
  const n = 20_000;
  const m = 50;
  const genes = Array.from({ length: n }, (_, i) => `g${i}`);
  const conditions = Array.from({ length: m }, (_, j) => ({ id: `t${j}` }));
  const values = Float64Array.from({ length: n * m }, () => Math.round(rng.normal() * 1e4) / 1e3);
  const csv = join(dir, "m.csv");
  let t0 = performance.now();
  await writeMatrixCsv({ genes, conditions, values }, csv);
  console.log(`write CSV ${n} x ${m}: ${seconds(t0)} s (${(statSync(csv).size / 1e6).toFixed(1)} MB)`);
  const semi = join(dir, "m-decimal-comma.csv");
  const lines = [["gene", ...conditions.map((c) => c.id)].join(";")];
  for (let i = 0; i < n; i++) {
    const row = [genes[i]!];
    for (let j = 0; j < m; j++) row.push(String(values[i * m + j]).replace(".", ","));
    lines.push(row.join(";"));
  }
  writeFileSync(semi, lines.join("\r\n") + "\r\n");
  const xlsx = join(dir, "m.xlsx");
  t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet("data");
  ws.addRow(["gene", ...conditions.map((c) => c.id)]).commit();
  for (let i = 0; i < n; i++) ws.addRow([genes[i]!, ...values.subarray(i * m, i * m + m)]).commit();
  ws.commit();
  await wb.commit();
  console.log(`write .xlsx ${n} x ${m} (exceljs streaming writer): ${seconds(t0)} s (${(statSync(xlsx).size / 1e6).toFixed(1)} MB)`);
  for (const [label, path] of [
    ["CSV", csv],
    ["decimal-comma CSV", semi],
    [".xlsx", xlsx],
  ] as const) {
    t0 = performance.now();
    const { matrix } = await readMatrix(path);
    const same = matrix.values.every((v, k) => v === values[k]);
    console.log(`read ${label} ${n} x ${m}: ${seconds(t0)} s; identical to the source matrix: ${same}; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    t0 = performance.now();
    await previewMatrix(path);
    console.log(`preview ${label}: ${seconds(t0)} s`);
  }
}

function heatmap(): void {
  for (const n of [200, 400, 2000, 20_000]) {
    const items = Array.from({ length: n }, () => zscoreRow(Float64Array.from({ length: 50 }, () => rng.normal())));
    const t0 = performance.now();
    clusterOrder(items);
    console.log(`heatmap order ${n} rows x 50: ${seconds(t0)} s${n > 400 ? " (400 clustered exactly, the rest placed by nearest)" : ""}`);
  }
}

try {
  await enrichment();
  await imports();
  heatmap();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
