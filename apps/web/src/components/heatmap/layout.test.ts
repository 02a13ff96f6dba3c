import { describe, expect, it } from "vitest";
import { activeTracks, axisUnit, categoryColors, colorOf, columnLayout, domainOf, heatmapSvg, narrowest, timeTicks, timeToX } from "./layout.ts";

describe("heatmap layout", () => {
  it("spaces columns by time, replicates sharing their time's slot", () => {
    const conds = [0, 1, 1, 4].map((time, k) => ({ id: `c${k}`, time }));
    const boxes = columnLayout(conds, 100, "time");
    // Distinct times 0, 1, 4: pad = (4 - 0) / 2 / 2 = 1, axis [-1, 5] over 100 px.
    expect(boxes[0]!.x).toBeCloseTo(0);
    expect(boxes[0]!.w).toBeCloseTo((0.5 - -1) / 6 * 100);
    expect(boxes[1]!.w).toBeCloseTo(boxes[2]!.w);
    expect(boxes[2]!.x).toBeCloseTo(boxes[1]!.x + boxes[1]!.w);
    expect(boxes[3]!.x + boxes[3]!.w).toBeCloseTo(100);
    // The centre of the t = 4 column is proportionally further than t = 1's.
    expect(timeToX(conds, boxes, 4)).toBeCloseTo(boxes[3]!.x + boxes[3]!.w / 2);
    expect(narrowest(boxes)).toBeGreaterThan(0);
  });

  it("falls back to even spacing without times", () => {
    const boxes = columnLayout([{ id: "a" }, { id: "b", time: 2 }], 50, "time");
    expect(boxes).toEqual([{ x: 0, w: 25 }, { x: 25, w: 25 }]);
  });

  it("colours z-scores symmetrically and marks missing values grey", () => {
    const d = domainOf("ZSCORE", { p02: -1.5, p98: 2, min: -3, max: 4 });
    expect(d).toEqual([-2, 2]);
    expect(colorOf("ZSCORE", d, 0)).toEqual([247, 247, 247]);
    expect(colorOf("ZSCORE", d, 5)).toEqual([178, 24, 43]);
    expect(colorOf("ZSCORE", d, null)).toEqual([208, 213, 221]);
    expect(domainOf("RAW", { p02: 3, p98: 9, min: 0, max: 12 })).toEqual([3, 9]);
  });

  it("picks round time ticks in the conditions' unit", () => {
    expect(timeTicks(0, 24, "h", 6)).toEqual([0, 5, 10, 15, 20]);
    expect(timeTicks(0, 96, "d", 4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisUnit([{ id: "a", time: 0.5, timeUnit: "min" }, { id: "b", time: 1, timeUnit: "min" }])).toBe("min");
    expect(axisUnit([{ id: "a", time: 0 }, { id: "b", time: 120 }])).toBe("d");
  });

  it("keeps only tracks with values and colours categories in order", () => {
    expect(activeTracks([{ id: "a", group: "ctrl" }, { id: "b", group: "drug", subject: "m1" }])).toEqual(["group", "subject"]);
    expect([...categoryColors(["ctrl", "drug", "ctrl", null]).keys()]).toEqual(["ctrl", "drug"]);
  });

  it("exports an SVG naming the scale, escaping labels", () => {
    const svg = heatmapSvg({
      title: "Bicluster <1>",
      rowLabels: ["TP53", "MYC"],
      conditions: [{ id: "t0", time: 0, group: "ctrl" }, { id: "t1", time: 1, group: "drug" }],
      values: [[1, -1], [null, 0]],
      scale: "ZSCORE",
      domain: [-2, 2],
      mode: "time",
      tracks: ["group"],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Bicluster &#60;1&#62;");
    expect(svg).toContain("z-score (per gene, over all conditions)");
    expect(svg).toContain(">TP53</text>");
    expect(svg.match(/<rect [^>]*height="14"/g)).toHaveLength(4);
  });
});
