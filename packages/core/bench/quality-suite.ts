// The planted suite of issue 9 (bench/quality.ts scores it).
import type { DesignOptions } from "../src/synth/index.ts";

export interface SuiteEntry {
  name: string;
  design: string;
  options: DesignOptions;
}

/** The planted suite of issue 9. */
export const SUITE: SuiteEntry[] = [
  { name: "temporal-20", design: "temporal", options: { genes: 500, conditions: 20, biclusters: 4 } },
  { name: "scattered-20", design: "temporal-scattered", options: { genes: 500, conditions: 20, biclusters: 4 } },
  { name: "temporal-8", design: "temporal", options: { genes: 1000, conditions: 8, biclusters: 4, genesPerBicluster: 80 } },
  { name: "temporal-30", design: "temporal", options: { genes: 2000, conditions: 30, biclusters: 8, genesPerBicluster: 120 } },
  { name: "overlap-20%", design: "temporal", options: { genes: 2000, conditions: 30, biclusters: 8, genesPerBicluster: 120, overlap: 0.2 } },
  { name: "missing-5%", design: "temporal", options: { genes: 500, conditions: 20, biclusters: 4, missingFraction: 0.05 } },
  { name: "time-lagged", design: "time-lagged", options: { genes: 500, conditions: 20, biclusters: 4 } },
  { name: "phase-shifted", design: "phase-shifted", options: { genes: 500, conditions: 20, biclusters: 4 } },
  { name: "order-only", design: "order-only", options: { genes: 500, conditions: 20, biclusters: 4 } },
  { name: "uneven", design: "uneven-sampling", options: { genes: 500, conditions: 20, biclusters: 4 } },
  { name: "prelic-constant", design: "constant", options: {} },
  { name: "prelic-additive", design: "additive", options: {} },
  { name: "prelic-multiplicative", design: "multiplicative", options: {} },
];

