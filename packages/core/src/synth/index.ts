// Public exports of src/synth: planted-bicluster generator with ground truth.
export type { SynthOptions, GroundTruth, PlantedBicluster, CountOrFraction } from "./generate.ts";
export type { PatternName } from "./patterns.ts";
export type { GroundTruthJSON } from "./truth-json.ts";
export { generateSynthetic } from "./generate.ts";
export { PATTERNS, patternValues } from "./patterns.ts";
export { truthToJSON, truthFromJSON, TRUTH_KIND, TRUTH_VERSION } from "./truth-json.ts";
