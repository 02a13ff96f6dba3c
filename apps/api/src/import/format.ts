// Which matrix format an uploaded file is, from its name. The parser (core's parseMatrixRows)
// sniffs gzip by its magic bytes and can tell formats apart itself; the name is a hint that
// also decides what we record in Dataset.format when the parser does not say.
export type MatrixFormat = "csv" | "tsv" | "gct" | "geo-series-matrix";

const GZIP_SUFFIX = /\.(gz|gzip)$/i;

/** The format implied by a file name (ignoring a .gz suffix), or undefined when unknown. */
export function formatFromFilename(filename: string): MatrixFormat | undefined {
  const name = filename.replace(GZIP_SUFFIX, "").toLowerCase();
  if (/series_matrix\.txt$/.test(name) || name.endsWith(".soft")) return "geo-series-matrix";
  if (name.endsWith(".gct")) return "gct";
  if (name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt")) return "tsv";
  if (name.endsWith(".csv")) return "csv";
  return undefined;
}

export function isGzipName(filename: string): boolean {
  return GZIP_SUFFIX.test(filename);
}
