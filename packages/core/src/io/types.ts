// Shapes shared by the io readers: options, streamed events and the read report.
import type { Condition } from "../types.ts";

/** Matrix file formats understood by the readers. */
export type MatrixFormat = "csv" | "tsv" | "gct" | "geo-series-matrix" | "xlsx";

export interface ReadMatrixOptions {
  /**
   * Force a text format instead of detecting it. Default: detected (a zip = .xlsx workbook by its
   * magic bytes; `#1.2` = GCT, `!` = GEO series matrix; else the delimiter found by detectDialect:
   * tab = TSV, comma or semicolon = CSV), falling back to the file extension.
   */
  format?: MatrixFormat;
  /**
   * Force the field delimiter for CSV/TSV (e.g. ";"). Default: detected from the header and the
   * first rows (the one of tab, ";" and "," that splits them all into the same number of fields).
   */
  delimiter?: string;
  /**
   * Decimal mark of numeric cells. Default: detected from the first rows ("," when cells such as
   * "1,5" dominate and the delimiter is ";" or tab; refused as ambiguous when every such cell
   * looks like "1,234" in a tab file). With ",", a dot in a number is an error, never a guess.
   */
  decimal?: "." | ",";
  /** Worksheet of an .xlsx workbook: name or 1-based position. Default: the first. */
  sheet?: string | number;
  /**
   * Non-numeric columns (by header name) kept as annotations rather than conditions.
   * When given, this list is authoritative and no auto-detection happens.
   * Default: auto-detected from the first `annotationSampleRows` data rows: a column whose
   * every non-missing cell in that window is non-numeric is an annotation column.
   */
  annotationColumns?: string[];
  /** Rows inspected for annotation auto-detection (default 200). */
  annotationSampleRows?: number;
  /** Numeric time per condition, in condition order (length must match). Default: none. */
  times?: number[];
  /**
   * Parse times from condition ids ("t0", "2h", "30min", "day3", "0.5"; units converted to
   * hours, a bare number is taken as is). For GEO files a "time: ..." characteristic wins.
   * Default false.
   */
  parseTimes?: boolean;
  /**
   * Cell values meaning "missing" (compared after trimming, case-sensitive).
   * Default: "", "NA", "NaN", "nan", "null", "-", plus "N/A", "NULL", "na".
   */
  missingValues?: string[];
}

export interface MatrixHeaderEvent {
  type: "header";
  format: MatrixFormat;
  /** Whether the source was gzip-compressed (detected by magic bytes). */
  gzip: boolean;
  delimiter: string;
  /** Header name of the gene id column ("gene" when the header cell is empty). */
  geneColumn: string;
  conditions: Condition[];
  annotationColumns: string[];
  /** How annotation columns were chosen. */
  annotationSource: "explicit" | "auto" | "format";
  /** Decimal mark of the numeric cells ("." for xlsx, GCT and GEO). */
  decimal: "." | ",";
  /** Condition ids starting with = + - @ (exports prefix them with a quote; see src/csv). */
  formulaLikeConditions: string[];
  /** Number of data rows announced by the file (GCT dims line), when known. */
  expectedRows?: number;
  /** GEO `!Series_*` lines: key without the `!Series_` prefix -> values. */
  seriesMetadata?: Record<string, string[]>;
  /** GEO `!Sample_*` lines: key without the `!Sample_` prefix -> one value per sample. */
  sampleMetadata?: Record<string, string[]>;
}

export interface MatrixDataEvent {
  type: "row";
  /** 1-based line of the row in the (decompressed) source. */
  line: number;
  gene: string;
  /** One value per condition, NaN when missing. A fresh array per event. */
  values: Float64Array;
  /** One value per annotation column, in header order. */
  annotations: string[];
  /** Number of missing cells in this row. */
  missing: number;
  /** Set when the gene id starts with = + - @ (exports prefix it with a quote; see src/csv). */
  formulaLike?: true;
}

export type MatrixRowEvent = MatrixHeaderEvent | MatrixDataEvent;

export interface ReadReport {
  format: MatrixFormat;
  gzip: boolean;
  /** Field delimiter ("" for xlsx). */
  delimiter: string;
  decimal: "." | ",";
  /**
   * Ids that start like a spreadsheet formula (= + - @): imported as they are, but CSV exports
   * write them with a leading single quote (OWASP). Up to 20 examples, genes then conditions.
   */
  formulaLikeIds: { count: number; examples: string[] };
  genes: number;
  conditions: number;
  /** Missing cells (NaN in the matrix). */
  missingValues: number;
  annotationColumns: string[];
  annotationSource: "explicit" | "auto" | "format";
  /** Time per condition when known (from `times` or `parseTimes`), else null. */
  times: number[] | null;
}
