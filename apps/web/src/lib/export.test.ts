import { describe, expect, it } from "vitest";
import { biclusterCsv, biclusterGmt, biclusterJson, csvField, type BiclusterExport } from "./export.ts";

const b: BiclusterExport = {
  id: "b1",
  runId: "r1",
  index: 2,
  genes: [
    { gene: "TP53", silhouette: 0.5, status: "CANDIDATE" },
    { gene: 'odd,"name"', silhouette: null, status: null },
  ],
  conditions: ["t0", "t2h"],
  msr: 0.12345,
  silhouette: 0.4,
  pValue: 0.001,
  meanProfile: [1, -1],
};

describe("exports", () => {
  it("quotes CSV fields only when needed", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe("");
  });

  it("escapes cells a spreadsheet would run as formulas (OWASP), not negative numbers", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-gene")).toBe("'-gene");
    expect(csvField(-0.5)).toBe("-0.5");
    const csv = biclusterCsv({ ...b, genes: [{ gene: "+AKT1", silhouette: -0.2, status: null }] });
    expect(csv.trimEnd().split("\n")[1]).toBe("bicluster-3,'+AKT1,-0.2,,t0;t2h");
  });

  it("writes one CSV row per gene with a header", () => {
    const lines = biclusterCsv(b).trimEnd().split("\n");
    expect(lines[0]).toBe("bicluster,gene,gene_silhouette,annotation_status,conditions");
    expect(lines[1]).toBe("bicluster-3,TP53,0.5,CANDIDATE,t0;t2h");
    expect(lines[2]).toBe('bicluster-3,"odd,""name""",,,t0;t2h');
    expect(lines).toHaveLength(3);
  });

  it("writes a GMT line: name, description, genes", () => {
    const fields = biclusterGmt(b, "run\tA").trimEnd().split("\t");
    expect(fields[0]).toBe("run A_bicluster_3");
    expect(fields[1]).toContain("2 genes x 2 conditions");
    expect(fields.slice(2)).toEqual(["TP53", 'odd,"name"']);
  });

  it("round-trips JSON", () => {
    const parsed = JSON.parse(biclusterJson(b)) as { genes: unknown[]; format: string; index: number };
    expect(parsed.format).toBe("exprlab-bicluster");
    expect(parsed.index).toBe(2);
    expect(parsed.genes).toHaveLength(2);
  });
});
