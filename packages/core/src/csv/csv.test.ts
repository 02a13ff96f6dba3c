import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, escapeFormula, startsLikeFormula, toCsv, toCsvRows } from "./index.ts";
import { toCsvRowsReference } from "./stringify.ts";

describe("CSV writer", () => {
  it("quotes only when needed (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("a,b\n1,x\n");
  });

  it("escapes formula-like text with a single quote (OWASP), never numbers", () => {
    for (const s of ["=SUM(A1:A2)", "+1", "-1", "@cmd", "\tx", "\rx"]) {
      expect(startsLikeFormula(s)).toBe(true);
      expect(escapeFormula(s)).toBe(`'${s}`);
    }
    expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("-3")).toBe("'-3");
    expect(csvField(-3)).toBe("-3");
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("=x", { escapeFormulas: false })).toBe("=x");
  });

  it("numbers: NaN as NA by default, custom formatting and delimiter", () => {
    expect(toCsvRows([[Number.NaN, 1 / 3, true]], { formatNumber: (v) => v.toPrecision(3) })).toBe("NA,0.333,true\n");
    expect(toCsvRows([["a;b", 1.5]], { delimiter: ";" })).toBe('"a;b";1.5\n');
  });

  it("csv-parse reads back exactly what was written (apart from the formula quote)", () => {
    const rows = [
      ["g,1", 'say "hi"', "multi\nline", "", "ü→✓"],
      ["=cmd", "x", "y", "z", "w"],
    ];
    const back = parse(toCsvRows(rows), { relax_column_count: false }) as string[][];
    expect(back[0]).toEqual(rows[0]);
    expect(back[1]![0]).toBe("'=cmd");
  });

  it("property: the fast path writes what csv-stringify writes, and csv-parse reads it back", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", ",", ";", '"', "\n", "\r", " ", "=", "-", "é", "\t"), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(",", ";", "\t"), (rows, delimiter) => {
        const written = toCsvRows(rows, { delimiter, escapeFormulas: false });
        // csv-stringify alone leaves a lone CR unquoted (csv-parse then reads it as a line break);
        // ours quotes it. Everywhere else the two must agree.
        if (!rows.some((r) => r.some((c) => c.includes("\r")))) expect(written).toBe(toCsvRowsReference(rows, delimiter));
        expect(parse(written, { delimiter, relax_column_count: true })).toEqual(rows);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
