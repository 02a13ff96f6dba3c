import { describe, expect, it } from "vitest";
import { parseSampleSheet } from "../io/sample-sheet.ts";
import { classBalance, labelsFromSheet } from "./labels.ts";

describe("labels from a sample sheet", () => {
  const sheet = parseSampleSheet("sample,class,batch\ns1,B,1\ns2,T,1\ns3,NA,2\ns4,B,2\nextra,T,2\n");

  it("aligns labels to the matrix samples (missing and NA cells are unlabelled), from any column", () => {
    const { labels, unmatched } = labelsFromSheet(sheet, ["s4", "s1", "s2", "s3", "s9"], "class");
    expect(labels).toEqual(["B", "B", "T", null, null]);
    expect(unmatched).toEqual(["extra"]);
    expect(labelsFromSheet(sheet, ["s1"], "batch").labels).toEqual(["1"]);
  });

  it("reports class balance", () => {
    expect(classBalance(["B", "T", null, "B"])).toEqual([
      { class: "B", count: 2, fraction: 2 / 3 },
      { class: "T", count: 1, fraction: 1 / 3 },
    ]);
  });

  it("reads tab-separated sheets", () => {
    const s = parseSampleSheet("id\tgroup\na\tx\nb\ty\n");
    expect(labelsFromSheet(s, ["b", "a"], "group").labels).toEqual(["y", "x"]);
  });

  it("names the missing column and the mismatch", () => {
    expect(() => labelsFromSheet(sheet, ["s1"], "diagnosis")).toThrow(/no label column "diagnosis"; columns: class, batch/);
    expect(() => labelsFromSheet(sheet, ["x1", "x2"], "class")).toThrow(/no sample of the matrix is in the sample sheet/);
  });
});
