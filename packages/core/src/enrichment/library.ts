// Reading GMT files (plain or gzip) and the gene-set libraries shipped in packages/core/data.
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.ts";
import { openSource } from "../io/source.ts";
import type { MatrixSource } from "../io/source.ts";
import { parseGmt } from "./gmt.ts";
import type { GeneSet, GmtReport, ParseGmtOptions } from "./gmt.ts";

export interface GeneSetLibraryInfo {
  id: string;
  title: string;
  species: string;
  /** Where the sets come from, with versions. */
  source: string;
  licence: string;
  /** File under packages/core/data/gene-sets/. */
  file: string;
}

/** The libraries shipped with ExprLab (see packages/core/data/gene-sets/README.md). */
export const GENE_SET_LIBRARIES: Readonly<Record<string, GeneSetLibraryInfo>> = {
  "go-bp-human": {
    id: "go-bp-human",
    title: "GO biological process (human, 10-500 genes)",
    species: "Homo sapiens",
    source: "Gene Ontology go-basic.obo 2022-07-01 + NCBI Entrez Gene 2022-09-12, via Bioconductor GO.db / org.Hs.eg.db 3.16",
    licence: "CC BY 4.0 (Gene Ontology Consortium); cite the GO Consortium, Genetics 224(1), 2023",
    file: "go-bp-human.gmt.gz",
  },
};

/** Read a GMT file (path or stream; gzip detected by magic bytes; binary input refused by name). */
export async function readGmt(source: MatrixSource, options: ParseGmtOptions = {}): Promise<{ sets: GeneSet[]; report: GmtReport }> {
  const opened = await openSource(source);
  if (opened.kind !== "text") {
    opened.stream.destroy();
    throw new InputError("this is a ZIP archive (or .xlsx workbook), not a GMT text file", { line: 1, column: 1 });
  }
  const parts: Buffer[] = [];
  for await (const chunk of opened.stream) parts.push(chunk as Buffer);
  return parseGmt(Buffer.concat(parts).toString("utf8"), options);
}

const cache = new Map<string, Promise<{ sets: GeneSet[]; report: GmtReport; info: GeneSetLibraryInfo }>>();

/** Load a shipped library by id (parsed once per process, then shared: do not mutate it). */
export function loadGeneSetLibrary(id = "go-bp-human"): Promise<{ sets: GeneSet[]; report: GmtReport; info: GeneSetLibraryInfo }> {
  const info = GENE_SET_LIBRARIES[id];
  if (info === undefined) {
    return Promise.reject(new InputError(`unknown gene-set library "${id}"; available: ${Object.keys(GENE_SET_LIBRARIES).join(", ")}`, { field: "library" }));
  }
  let loaded = cache.get(id);
  if (loaded === undefined) {
    const path = fileURLToPath(new URL(`../../data/gene-sets/${info.file}`, import.meta.url));
    loaded = readGmt(path).then((r) => ({ ...r, info }));
    loaded.catch(() => cache.delete(id));
    cache.set(id, loaded);
  }
  return loaded;
}
