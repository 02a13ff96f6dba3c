// Public exports of src/synth: planted-bicluster generators with ground truth.
export type { SynthOptions, GroundTruth, PlantedBicluster, CountOrFraction } from "./generate.ts";
export type { PatternName } from "./patterns.ts";
export type { GroundTruthJSON } from "./truth-json.ts";
export type { PrelicOptions, PrelicKind } from "./prelic.ts";
export type { TemporalDesignOptions, TemporalKind } from "./temporal.ts";
export type { DesignName, DesignOptions } from "./designs.ts";
export { generateSynthetic } from "./generate.ts";
export { generatePrelic, PRELIC_KINDS } from "./prelic.ts";
export { generateTemporalDesign, TEMPORAL_KINDS } from "./temporal.ts";
export { generateDesign, DESIGNS, DESIGN_HELP, isDesign } from "./designs.ts";
export { PATTERNS, patternValues } from "./patterns.ts";
export { truthToJSON, truthFromJSON, TRUTH_KIND, TRUTH_VERSION } from "./truth-json.ts";
