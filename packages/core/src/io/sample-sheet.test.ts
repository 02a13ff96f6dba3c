import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { applySampleSheet, matchSampleSheet, parseSampleSheet, parseTimeCell, readSampleSheet } from "./index.ts";

function err(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("sample sheets", () => {
  it("reads roles by header name, times with units in the cell, free columns as text", () => {
    const sheet = parseSampleSheet(
      "sample,time,group,replicate,patient,batch\nS1,0h,ctrl,1,P1,b1\nS2,30 min,ctrl,2,P1,b1\n\nS3,\"1,5 d\",drug,1,P2,b2\nS4,NA,drug,2,P2,\n",
    );
    expect(sheet.columns).toEqual({ id: "sample", time: "time", group: "group", replicate: "replicate", subject: "patient" });
    expect(sheet.fieldColumns).toEqual(["batch"]);
    expect(sheet.rows).toEqual([
      { id: "S1", line: 2, time: 0, timeUnit: "h", group: "ctrl", replicate: "1", subject: "P1", fields: { batch: "b1" } },
      { id: "S2", line: 3, time: 0.5, timeUnit: "min", group: "ctrl", replicate: "2", subject: "P1", fields: { batch: "b1" } },
      { id: "S3", line: 5, time: 36, timeUnit: "d", group: "drug", replicate: "1", subject: "P2", fields: { batch: "b2" } },
      { id: "S4", line: 6, group: "drug", replicate: "2", subject: "P2", fields: { batch: "" } },
    ]);
  });

  it("time + unit columns, a unit in the header, TSV, and the first column as id", () => {
    const a = parseSampleSheet("cond\ttime\tunit\nc1\t2\tmin\nc2\t1.5\th\n");
    expect(a.delimiter).toBe("\t");
    expect(a.columns).toMatchObject({ id: "cond", time: "time", unit: "unit" });
    expect(a.rows.map((r) => [r.time, r.timeUnit])).toEqual([
      [2 / 60, "min"],
      [1.5, "h"],
    ]);
    const b = parseSampleSheet("x;time (min);group\nc1;90;a\n");
    expect(b.rows[0]).toMatchObject({ id: "c1", time: 1.5, timeUnit: "min", group: "a" });
    expect(parseSampleSheet("id,hours\nc1,3\n").rows[0]).toMatchObject({ time: 3, timeUnit: "h" });
    expect(parseTimeCell("2h")).toEqual({ hours: 2, unit: "h" });
    expect(parseTimeCell("-1 days")).toEqual({ hours: -24, unit: "d" });
    expect(parseTimeCell("12")).toEqual({ hours: 12 });
    expect(parseTimeCell("2 fortnights")).toBeUndefined();
    // Long cells and headers are handled in linear time (anchored patterns, whitespace collapsed).
    expect(parseTimeCell(`${"1".repeat(40_000)}x!`)).toBeUndefined();
    expect(parseSampleSheet(`id,time${" ".repeat(40_000)}!\nA,1\n`).columns.time).toBeUndefined();
    expect(parseSampleSheet("id,time   (  min )\nA,90\n").rows[0]).toMatchObject({ time: 1.5 });
  });

  it("errors name line and column", () => {
    expect(err(() => parseSampleSheet("id,time\nA,2h\nB,soon\n")).location).toEqual({ line: 3, column: 2, field: "time" });
    expect(err(() => parseSampleSheet("id,time,unit\nA,2,parsecs\n")).location).toEqual({ line: 2, column: 3, field: "unit" });
    const dup = err(() => parseSampleSheet("id,g\nA,1\nB,2\nA,3\n"));
    expect(dup.location).toEqual({ line: 4, column: 1, field: "id" });
    expect(dup.message).toContain("first on line 2");
    expect(err(() => parseSampleSheet("id,g\nA,1,extra\n")).location).toEqual({ line: 2, column: 3 });
    expect(err(() => parseSampleSheet("id,g\n,1\n")).location).toMatchObject({ line: 2, column: 1 });
    expect(err(() => parseSampleSheet("id,G,g\nA,1,2\n")).location).toMatchObject({ line: 1, column: 3 });
    expect(err(() => parseSampleSheet("id,g\n")).location).toEqual({ line: 2, column: 1 });
    expect(err(() => parseSampleSheet('id,g\n"A\u0001",1\n')).message).toMatch(/U\+0001/);
  });

  it("matches the matrix's condition ids: missing, extra and likely spellings reported", () => {
    const sheet = parseSampleSheet("id,time,group\nt0,0h,a\nt2,2h,a\nX4h,4h,b\nspare,8h,b\n");
    const conditions = [{ id: "t0" }, { id: "t2" }, { id: "4h" }, { id: "T9" }];
    const m = matchSampleSheet(sheet, conditions);
    expect(m.conditions[0]).toEqual({ id: "t0", time: 0, timeUnit: "h", group: "a" });
    expect(m.missing).toEqual(["4h", "T9"]);
    expect(m.extra).toEqual(["X4h", "spare"]);
    expect(m.suggestions).toEqual({ "4h": "X4h" });
    const e = err(() => applySampleSheet(sheet, conditions));
    expect(e.message).toMatch(/2 of 4 matrix conditions have no row.*"4h" \(sheet has "X4h"\), "T9"/);
    const ok = applySampleSheet(sheet, [{ id: "t0" }, { id: "t2" }], { allowExtra: true });
    expect(ok.conditions.map((c) => c.time)).toEqual([0, 2]);
    const extra = err(() => applySampleSheet(sheet, [{ id: "t0" }, { id: "t2" }, { id: "X4h" }]));
    expect(extra.location).toMatchObject({ line: 5, field: "id" });
  });

  it("readSampleSheet checks the bytes like the matrix reader", async () => {
    const s = await readSampleSheet(Readable.from([Buffer.from("\uFEFFid\tgroup\r\nA\tx\r\n")]));
    expect(s.rows).toEqual([{ id: "A", line: 2, group: "x" }]);
    await expect(readSampleSheet(Readable.from([Buffer.from("id,g\nA\u0000,1\n")]))).rejects.toThrow(/NUL/);
  });
});
