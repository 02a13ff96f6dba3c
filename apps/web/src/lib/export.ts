// Bicluster and biomarker exports built in the browser (CSV, JSON, GMT). Pure functions.

export interface BiclusterExport {
  id: string;
  runId: string;
  index: number;
  genes: { gene: string; silhouette: number | null; status: string | null }[];
  conditions: string[];
  msr: number;
  silhouette: number | null;
  pValue: number | null;
  meanProfile: number[];
}

/**
 * Text that a spreadsheet would run as a formula (= + - @, or a tab/CR before one) gets a leading
 * apostrophe (OWASP's CSV-injection advice): a gene named "=HYPERLINK(...)" or a note starting
 * with "@SUM" stays text. Numbers are written as they are (-1.5 stays a number).
 */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; text escaped against formulas. */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? "" : typeof value === "string" ? escapeFormula(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** One row per member gene. */
export function biclusterCsv(b: BiclusterExport): string {
  return toCsv(
    ["bicluster", "gene", "gene_silhouette", "annotation_status", "conditions"],
    b.genes.map((g) => [`bicluster-${b.index + 1}`, g.gene, g.silhouette ?? "", g.status ?? "", b.conditions.join(";")]),
  );
}

export function biclusterJson(b: BiclusterExport): string {
  return JSON.stringify(
    {
      format: "exprlab-bicluster",
      version: 1,
      id: b.id,
      runId: b.runId,
      index: b.index,
      msr: b.msr,
      silhouette: b.silhouette,
      pValue: b.pValue,
      conditions: b.conditions,
      meanProfile: b.meanProfile,
      genes: b.genes,
    },
    null,
    2,
  );
}

/** GMT (gene set) line: name, description, then the genes, tab-separated. Tabs/newlines in names are replaced. */
export function biclusterGmt(b: BiclusterExport, runLabel: string): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, " ");
  const name = clean(`${runLabel}_bicluster_${b.index + 1}`);
  const description = clean(`ExprLab ${b.genes.length} genes x ${b.conditions.length} conditions; MSR ${b.msr.toFixed(4)}`);
  return [name, description, ...b.genes.map((g) => clean(g.gene))].join("\t") + "\n";
}

/** Starts a download of `content` in the browser. */
export function download(filename: string, content: string, mime: string): void {
  const blob = new Blob([content], { type: `${mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
