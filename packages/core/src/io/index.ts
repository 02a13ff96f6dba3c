// Public exports of src/io: streaming readers for CSV/TSV(.gz; comma or semicolon, decimal point
// or comma), .xlsx, GCT and GEO series matrices; previews; sample sheets; the matrix CSV writer.
export type {
  MatrixFormat,
  ReadMatrixOptions,
  MatrixHeaderEvent,
  MatrixDataEvent,
  MatrixRowEvent,
  ReadReport,
} from "./types.ts";
export type { MatrixSource } from "./source.ts";
export type { DetectedFormat } from "./detect.ts";
export type { WriteCsvOptions } from "./write-csv.ts";
export { parseMatrixRows } from "./parse-rows.ts";
export { readMatrix } from "./read-matrix.ts";
export { detectFormat, formatFromPath } from "./detect.ts";
export { parseTime, DEFAULT_MISSING } from "./cells.ts";
export { writeMatrixCsv } from "./write-csv.ts";
export type { Dialect } from "./detect.ts";
export type { MatrixPreview, PreviewOptions } from "./preview.ts";
export { detectDialect } from "./detect.ts";
export { previewMatrix } from "./preview.ts";
export { FLOAT32_MAX } from "./ids.ts";
export type { SampleSheet, SampleSheetRow, SampleSheetOptions, SampleSheetMatch } from "./sample-sheet.ts";
export { parseSampleSheet, readSampleSheet, matchSampleSheet, applySampleSheet, parseTimeCell, sampleSheetColumn, sampleSheetColumnNames } from "./sample-sheet.ts";
