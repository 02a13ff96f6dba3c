// Property-based tests (fast-check) of every importer in src/io and src/enrichment: a generated
// matrix (or gene-set library, or sample sheet) written in a format must import exactly; a
// corrupted file must either import or fail with an InputError that says where (line, and column
// for a cell) in printable text. Never any other exception.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsvRows } from "../csv/index.ts";
import { parseGmt } from "../enrichment/gmt.ts";
import { InputError } from "../errors.ts";
import type { ExpressionMatrix } from "../types.ts";
import { parseSampleSheet, readMatrix } from "./index.ts";

const RUNS = 120;

// Text of ids: delimiters, quotes, formula starts, non-ASCII; no control characters.
const idChar = fc.constantFrom("a", "B", "z", "0", "7", " ", ",", ";", '"', "'", "=", "+", "-", "@", ".", "#", "é", "β", "✓", "_", "/", "(", ")");
const id = fc.string({ unit: idChar, minLength: 1, maxLength: 8 }).map((s) => s.trim()).filter((s) => s.length > 0);
const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

/** A matrix with unique gene and condition ids; ids avoiding `forbidden` (a format's reserved starts). */
function matrixArb(forbidden?: RegExp): fc.Arbitrary<ExpressionMatrix> {
  const ok = forbidden ? id.filter((s) => !forbidden.test(s)) : id;
  return fc
    .tuple(fc.uniqueArray(ok, { minLength: 1, maxLength: 6 }), fc.uniqueArray(ok, { minLength: 1, maxLength: 5 }))
    .chain(([genes, conds]) =>
      fc.array(value, { minLength: genes.length * conds.length, maxLength: genes.length * conds.length }).map((vals) => ({
        genes,
        conditions: conds.map((c) => ({ id: c })),
        values: Float64Array.from(vals),
      })),
    );
}

const row = (m: ExpressionMatrix, i: number): number[] => Array.from(m.values.subarray(i * m.conditions.length, (i + 1) * m.conditions.length));

function delimited(m: ExpressionMatrix, delimiter: string, decimalComma = false): string {
  const fmt = decimalComma ? (v: number) => String(v).replace(".", ",") : String;
  const rows = [["gene", ...m.conditions.map((c) => c.id)], ...m.genes.map((g, i) => [g, ...row(m, i)])];
  return toCsvRows(rows, { delimiter, escapeFormulas: false, formatNumber: fmt });
}

const tsvCell = (s: string): string => toCsvRows([[s]], { delimiter: "\t", escapeFormulas: false }).slice(0, -1);

function gct(m: ExpressionMatrix): string {
  const lines = ["#1.2", `${m.genes.length}\t${m.conditions.length}`, ["Name", "Description", ...m.conditions.map((c) => tsvCell(c.id))].join("\t")];
  m.genes.forEach((g, i) => lines.push([tsvCell(g), "desc", ...row(m, i).map((v) => (Number.isNaN(v) ? "NA" : String(v)))].join("\t")));
  return lines.join("\n") + "\n";
}

function geo(m: ExpressionMatrix): string {
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const lines = ['!Series_title\t"generated"', `!Sample_geo_accession\t${m.conditions.map((c) => q(c.id)).join("\t")}`, "!series_matrix_table_begin"];
  lines.push(['"ID_REF"', ...m.conditions.map((c) => q(c.id))].join("\t"));
  m.genes.forEach((g, i) => lines.push([q(g), ...row(m, i).map((v) => (Number.isNaN(v) ? "null" : String(v)))].join("\t")));
  lines.push("!series_matrix_table_end");
  return lines.join("\n") + "\n";
}

const FORMATS: [string, (m: ExpressionMatrix) => string, RegExp | undefined][] = [
  ["CSV", (m) => delimited(m, ","), undefined],
  ["TSV", (m) => delimited(m, "\t"), undefined],
  ["semicolon + decimal comma", (m) => delimited(m, ";", true), /[,;]/],
  ["GCT", gct, undefined],
  ["GEO series matrix", geo, /^!/],
];

const stream = (text: string | Buffer): Readable => Readable.from([typeof text === "string" ? Buffer.from(text) : text]);

function expectSame(got: ExpressionMatrix, want: ExpressionMatrix): void {
  expect(got.genes).toEqual(want.genes);
  expect(got.conditions.map((c) => c.id)).toEqual(want.conditions.map((c) => c.id));
  expect(got.values.length).toBe(want.values.length);
  want.values.forEach((v, k) => (Number.isNaN(v) ? expect(Number.isNaN(got.values[k])).toBe(true) : expect(got.values[k]).toBe(v)));
}

/** A located, printable InputError. */
function expectLocated(err: unknown): void {
  if (!(err instanceof InputError)) throw err;
  expect(err.location.line ?? err.location.field).toBeDefined();
  // eslint-disable-next-line no-control-regex
  expect(err.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
}

/** Random damage: insert, delete or replace characters with nasty ones. */
const nasty = fc.constantFrom(",", ";", "\t", '"', "\n", "\r", " ", "x", "1,5", "1e300", "-", "=", "!", "#1.2", "\u0000", "\u0007", "\uFFFD", "NA", "");
const damage = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), nasty), { minLength: 1, maxLength: 4 });
function applyDamage(text: string, edits: [number, number, string][]): string {
  let s = text;
  for (const [pos, del, ins] of edits) {
    const p = s.length === 0 ? 0 : pos % (s.length + 1);
    s = s.slice(0, p) + ins + s.slice(p + del);
  }
  return s;
}

describe("matrix importers: properties", () => {
  for (const [name, write, forbidden] of FORMATS) {
    it(`${name}: a generated matrix imports exactly`, async () => {
      await fc.assert(
        fc.asyncProperty(matrixArb(forbidden), async (m) => {
          const { matrix } = await readMatrix(stream(write(m)), { annotationColumns: [] });
          expectSame(matrix, m);
        }),
        { numRuns: RUNS, seed: 1 },
      );
    });

    it(`${name}: a damaged file imports or fails with a located, printable InputError`, async () => {
      await fc.assert(
        fc.asyncProperty(matrixArb(forbidden), damage, async (m, edits) => {
          try {
            await readMatrix(stream(applyDamage(write(m), edits)));
          } catch (err) {
            expectLocated(err);
          }
        }),
        { numRuns: RUNS, seed: 2 },
      );
    });
  }

  it("a value beyond float32 is refused at its line and column", async () => {
    await fc.assert(
      fc.asyncProperty(matrixArb(), fc.nat(), fc.constantFrom(1e39, -1e300, 3.5e38), async (m, at, big) => {
        const k = at % m.values.length;
        const values = Float64Array.from(m.values);
        values[k] = big;
        const c = m.conditions.length;
        const err = await readMatrix(stream(delimited({ ...m, values }, ",")), { annotationColumns: [] }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InputError);
        expect((err as InputError).location).toMatchObject({ line: Math.floor(k / c) + 2, column: (k % c) + 2 });
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it(".xlsx: a generated matrix imports exactly (numbers as numbers, NaN as an empty cell)", async () => {
    await fc.assert(
      fc.asyncProperty(matrixArb(), async (m) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("m");
        ws.addRow(["gene", ...m.conditions.map((c) => c.id)]);
        m.genes.forEach((g, i) => ws.addRow([g, ...row(m, i).map((v) => (Number.isNaN(v) ? null : v))]));
        const buffer = Buffer.from(await wb.xlsx.writeBuffer());
        const { matrix, report } = await readMatrix(stream(buffer), { annotationColumns: [] });
        expect(report.format).toBe("xlsx");
        expectSame(matrix, m);
      }),
      { numRuns: 25, seed: 9 },
    );
  });

  it("random bytes never crash the reader", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 200 }), async (bytes) => {
        try {
          await readMatrix(stream(Buffer.from(bytes)));
        } catch (err) {
          expectLocated(err);
        }
      }),
      { numRuns: RUNS, seed: 4 },
    );
  });
});

describe("GMT parser: properties", () => {
  const gene = fc.string({ unit: idChar, minLength: 1, maxLength: 6 }).map((s) => s.trim()).filter((s) => s.length > 0 && !s.startsWith("#"));
  const library = fc.uniqueArray(
    fc.record({ name: gene, description: fc.string({ unit: idChar, maxLength: 10 }).map((s) => s.trim()), genes: fc.uniqueArray(gene, { minLength: 1, maxLength: 6 }) }),
    { minLength: 1, maxLength: 6, selector: (s) => s.name },
  );
  const gmt = (sets: { name: string; description: string; genes: string[] }[]): string => sets.map((s) => [s.name, s.description, ...s.genes].join("\t")).join("\n") + "\n";

  it("a generated library parses exactly", () => {
    fc.assert(
      fc.property(library, (sets) => {
        expect(parseGmt(gmt(sets)).sets).toEqual(sets);
      }),
      { numRuns: RUNS, seed: 5 },
    );
  });

  it("damaged text parses or fails with a located InputError", () => {
    fc.assert(
      fc.property(library, damage, (sets, edits) => {
        try {
          parseGmt(applyDamage(gmt(sets), edits));
        } catch (err) {
          expectLocated(err);
        }
      }),
      { numRuns: RUNS, seed: 6 },
    );
  });
});

describe("sample sheets: properties", () => {
  const sheetRow = fc.record({
    time: fc.option(fc.tuple(fc.integer({ min: -100, max: 1000 }), fc.constantFrom("h", "min", "d", "s", "w")), { nil: undefined }),
    group: fc.option(id, { nil: undefined }),
  });
  const sheet = fc.uniqueArray(id, { minLength: 1, maxLength: 6 }).chain((ids) =>
    fc.array(sheetRow, { minLength: ids.length, maxLength: ids.length }).map((rows) => rows.map((r, i) => ({ id: ids[i]!, ...r }))),
  );
  const HOURS: Record<string, number> = { h: 1, min: 1 / 60, d: 24, s: 1 / 3600, w: 168 };
  const csv = (rows: { id: string; time?: [number, string]; group?: string }[]): string =>
    toCsvRows([["id", "time", "group"], ...rows.map((r) => [r.id, r.time ? `${r.time[0]} ${r.time[1]}` : "", r.group ?? ""])], { escapeFormulas: false });

  it("a generated sheet parses exactly (times in hours)", () => {
    fc.assert(
      fc.property(sheet, (rows) => {
        const parsed = parseSampleSheet(csv(rows));
        expect(parsed.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
        parsed.rows.forEach((r, i) => {
          const want = rows[i]!;
          if (want.time) expect(r.time).toBeCloseTo(want.time[0] * HOURS[want.time[1]]!, 9);
          else expect(r.time).toBeUndefined();
          expect(r.group).toBe(want.group);
        });
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it("damaged text parses or fails with a located InputError", () => {
    fc.assert(
      fc.property(sheet, damage, (rows, edits) => {
        try {
          parseSampleSheet(applyDamage(csv(rows), edits));
        } catch (err) {
          expectLocated(err);
        }
      }),
      { numRuns: RUNS, seed: 8 },
    );
  });
});
