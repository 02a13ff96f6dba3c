// Named synthetic designs (`exprlab synth --design <name>`, the planted-suite bench, the
// baselines' benchmark): one entry point over the three generators, common options mapped to
// each. Every design returns its ground truth in the same GroundTruth format.
import { InputError } from "../errors.ts";
import type { ExpressionMatrix } from "../types.ts";
import { generateSynthetic, type GroundTruth, type SynthOptions } from "./generate.ts";
import { generatePrelic, type PrelicKind } from "./prelic.ts";
import { generateTemporalDesign, type TemporalKind } from "./temporal.ts";

export const DESIGNS = [
  "temporal",
  "temporal-scattered",
  "constant",
  "additive",
  "multiplicative",
  "time-lagged",
  "phase-shifted",
  "order-only",
  "uneven-sampling",
] as const;
export type DesignName = (typeof DESIGNS)[number];

/** What the designs have in common; anything unset keeps the design's own default. */
export interface DesignOptions {
  genes?: number;
  /** Time points (temporal designs) or samples (Prelic-style designs). */
  conditions?: number;
  biclusters?: number;
  genesPerBicluster?: number;
  /** Conditions per bicluster (Prelic-style count; temporal: count or fraction, the window length). */
  conditionsPerBicluster?: number;
  noiseSd?: number;
  /** Fraction of each bicluster's genes shared with the previous one. */
  overlap?: number;
  missingFraction?: number;
  seed?: number | string;
}

/** One line per design (CLI help, bench headings). */
export const DESIGN_HELP: Record<DesignName, string> = {
  temporal: "time course, planted patterns on contiguous windows (generateSynthetic)",
  "temporal-scattered": "time course, planted patterns on scattered (non-contiguous) time points",
  constant: "Prelic-style constant biclusters on unordered samples, rows and columns shuffled",
  additive: "Prelic-style additive (shift) biclusters, rows and columns shuffled",
  multiplicative: "Prelic-style multiplicative (scale) biclusters, rows and columns shuffled",
  "time-lagged": "co-regulated genes whose shared shape is delayed by 0-3 time points per gene",
  "phase-shifted": "co-regulated genes on a shared wave with per-gene phase offsets",
  "order-only": "pairs of biclusters with the same values on the same window in reverse order",
  "uneven-sampling": "time points at geometrically growing intervals, patterns in real time",
};

export function isDesign(name: string): name is DesignName {
  return (DESIGNS as readonly string[]).includes(name);
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function generateDesign(design: string, options: DesignOptions = {}): { matrix: ExpressionMatrix; truth: GroundTruth } {
  if (!isDesign(design)) throw new InputError(`unknown design "${design}" (one of ${DESIGNS.join(", ")})`, { field: "design" });
  const o = options;
  switch (design) {
    case "temporal":
    case "temporal-scattered": {
      const s: SynthOptions = defined({
        genes: o.genes,
        timePoints: o.conditions,
        biclusters: o.biclusters,
        genesPerBicluster: o.genesPerBicluster,
        conditionsPerBicluster: o.conditionsPerBicluster,
        noiseSd: o.noiseSd,
        overlap: o.overlap,
        missingFraction: o.missingFraction,
        seed: o.seed,
      });
      return generateSynthetic({ ...s, contiguous: design === "temporal" });
    }
    case "constant":
    case "additive":
    case "multiplicative":
      return generatePrelic({
        kind: design as PrelicKind,
        ...defined({
          genes: o.genes,
          conditions: o.conditions,
          biclusters: o.biclusters,
          genesPerBicluster: o.genesPerBicluster,
          conditionsPerBicluster: o.conditionsPerBicluster,
          noiseSd: o.noiseSd,
          overlap: o.overlap,
          missingFraction: o.missingFraction,
          seed: o.seed,
        }),
      });
    default:
      return generateTemporalDesign({
        kind: design as TemporalKind,
        ...defined({
          genes: o.genes,
          timePoints: o.conditions,
          biclusters: o.biclusters,
          genesPerBicluster: o.genesPerBicluster,
          windowLength: o.conditionsPerBicluster,
          noiseSd: o.noiseSd,
          overlap: o.overlap,
          missingFraction: o.missingFraction,
          seed: o.seed,
        }),
      });
  }
}
