// Public exports of src/csv, also reachable as "@exprlab/core/csv": browser-safe (no Node APIs),
// so the web app imports the same writer without pulling in the engine.
export type { CsvOptions, CsvValue } from "./stringify.ts";
export { toCsv, toCsvRows, csvField } from "./stringify.ts";
export { FORMULA_PREFIXES, startsLikeFormula, escapeFormula } from "./formula.ts";
