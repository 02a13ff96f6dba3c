// What a team knows of one gene, for its page: its profile in every dataset of the team that has
// it (raw values and per-gene z-scores over the dataset's conditions), a description from the
// datasets' annotation columns when one has it, the built-in GO biological processes that list it,
// links out, and whether the team has it anywhere at all (a made-up symbol gets "not in your data",
// not an empty gene page).
import { zscoreRow } from "@exprlab/core";
import { decodeRow, type PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { ensureBuiltinLibraries } from "./gene-set-libraries.ts";
import { datasetConditions, type ConditionInfo } from "./get-dataset-or-throw.ts";
import { toNullable } from "./read-matrix-slice.ts";

/** Datasets whose profile is returned (newest first). */
const MAX_PROFILES = 20;
/** Annotation columns read as a gene's description (case-insensitive). */
const DESCRIPTION_COLUMNS = ["description", "gene_description", "gene description", "desc", "gene_title", "gene title", "name", "gene_name", "gene name", "definition"];

export interface GeneProfile {
  datasetId: string;
  datasetName: string;
  kind: "TIME_COURSE" | "SAMPLES";
  /** The gene's id as spelled in this dataset. */
  gene: string;
  rowIndex: number;
  conditions: ConditionInfo[];
  values: (number | null)[];
  zscores: (number | null)[];
  annotations: { name: string; value: string }[];
}

export interface GeneInfo {
  teamId: string;
  symbol: string;
  /** The team has the gene in a dataset, a bicluster, an annotation or a comment. */
  known: boolean;
  profiles: GeneProfile[];
  datasetCount: number;
  biclusterCount: number;
  description: string | null;
  descriptionSource: string | null;
  goTerms: { name: string; description: string; size: number }[];
  goTermCount: number;
  links: { name: string; url: string }[];
}

/** Spellings tried for a symbol: as given, upper case (human), capitalised (mouse), lower case. */
export function spellings(symbol: string): string[] {
  const cap = symbol.charAt(0).toUpperCase() + symbol.slice(1).toLowerCase();
  return [...new Set([symbol, symbol.toUpperCase(), cap, symbol.toLowerCase()])];
}

/** Search URLs of the main gene databases (searches, so they work for any species and id type). */
export function geneLinks(symbol: string): { name: string; url: string }[] {
  const q = encodeURIComponent(symbol);
  return [
    { name: "NCBI Gene", url: `https://www.ncbi.nlm.nih.gov/gene/?term=${q}` },
    { name: "Ensembl", url: `https://www.ensembl.org/Multi/Search/Results?q=${q}` },
    { name: "GeneCards", url: `https://www.genecards.org/cgi-bin/carddisp.pl?gene=${q}` },
    { name: "UniProt", url: `https://www.uniprot.org/uniprotkb?query=${q}` },
  ];
}

export async function geneInfo(prisma: PrismaClient, caller: Caller, args: { teamId: string; symbol: string }): Promise<GeneInfo> {
  await requireTeamRole(caller, args.teamId, "VIEWER");
  const symbol = args.symbol.trim();
  if (!symbol || symbol.length > 100) throw badInput("symbol", "must have 1 to 100 characters");
  const teamId = args.teamId;
  const names = spellings(symbol);
  const [rows, biclusterCount, annotation, comment] = await Promise.all([
    prisma.datasetRow.findMany({
      where: { gene: { in: names }, dataset: { teamId: { in: [teamId] } } },
      select: { datasetId: true, index: true, gene: true, values: true, annotations: true, dataset: { select: { id: true, name: true, kind: true, conditions: true, annotationColumns: true, createdAt: true } } },
      orderBy: { dataset: { createdAt: "desc" } },
    }),
    prisma.biclusterGene.count({ where: { gene: { in: names }, bicluster: { teamId: { in: [teamId] } } } }),
    prisma.annotation.findFirst({ where: { teamId: { in: [teamId] }, gene: { in: names } }, select: { id: true } }),
    prisma.comment.findFirst({ where: { teamId: { in: [teamId] }, target: "GENE", gene: { in: names } }, select: { id: true } }),
  ]);
  // One profile per dataset: the exact spelling wins over a case variant.
  const byDataset = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = byDataset.get(r.datasetId);
    if (!prev || names.indexOf(r.gene) < names.indexOf(prev.gene)) byDataset.set(r.datasetId, r);
  }
  // DE tables (logFC, p-values... per gene) have rows too, but no expression profile to draw.
  const all = [...byDataset.values()];
  const chosen = all.filter((r): r is typeof r & { dataset: { kind: "TIME_COURSE" | "SAMPLES" } } => r.dataset.kind !== "DE_TABLE");
  let description: string | null = null;
  let descriptionSource: string | null = null;
  const profiles: GeneProfile[] = chosen.slice(0, MAX_PROFILES).map((r) => {
    const values = decodeRow(r.values);
    const annotations = r.dataset.annotationColumns.map((name, k) => ({ name, value: r.annotations[k] ?? "" })).filter((a) => a.value !== "");
    if (description === null) {
      const hit = annotations.find((a) => DESCRIPTION_COLUMNS.includes(a.name.toLowerCase()) && a.value.toUpperCase() !== r.gene.toUpperCase());
      if (hit) {
        description = hit.value;
        descriptionSource = `${hit.name} column of ${r.dataset.name}`;
      }
    }
    return {
      datasetId: r.dataset.id,
      datasetName: r.dataset.name,
      kind: r.dataset.kind,
      gene: r.gene,
      rowIndex: r.index,
      conditions: datasetConditions(r.dataset),
      values: toNullable(values),
      zscores: toNullable(zscoreRow(values)),
      annotations,
    };
  });
  await ensureBuiltinLibraries(prisma);
  const go = await prisma.geneSet.findMany({
    where: { library: { builtinKey: "go-bp-human" }, genes: { hasSome: names } },
    select: { name: true, description: true, genes: true },
  });
  // The most specific processes (smallest sets) first.
  const goTerms = go.map((s) => ({ name: s.name, description: s.description, size: s.genes.length })).sort((a, b) => a.size - b.size || a.name.localeCompare(b.name));
  const spelled = chosen.find((r) => r.gene === symbol)?.gene ?? chosen[0]?.gene ?? symbol;
  return {
    teamId,
    symbol: spelled,
    known: all.length > 0 || biclusterCount > 0 || annotation !== null || comment !== null,
    profiles,
    datasetCount: chosen.length,
    biclusterCount,
    description,
    descriptionSource,
    goTerms: goTerms.slice(0, 30),
    goTermCount: goTerms.length,
    links: geneLinks(spelled),
  };
}
