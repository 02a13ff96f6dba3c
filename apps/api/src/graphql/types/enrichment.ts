// Gene-set enrichment: libraries (built in and imported), a bicluster's enrichment, a run's top
// terms per bicluster. Imports of GMT files go through POST /upload/gene-sets (multipart).
import type { GeneSetLibrary } from "@exprlab/db";
import { notFound } from "../../errors.ts";
import { enrichBicluster, enrichBiclustersOfRun, type EnrichmentView, type StoredTerm } from "../../services/enrich-biclusters.ts";
import { deleteGeneSetLibrary, listGeneSetLibraries } from "../../services/gene-set-libraries.ts";
import { builder } from "../builder.ts";
import { BiclusterRef } from "./biclusters.ts";
import { loadUser, UserRef } from "./common.ts";
import { RunRef } from "./runs.ts";

/** Most biclusters of one run enriched in one request. */
const MAX_RUN_BICLUSTERS = 500;

export const GeneSetLibraryRef = builder.objectRef<GeneSetLibrary>("GeneSetLibrary").implement({
  description: "A gene-set library (GMT) for enrichment: built in (every team) or imported by a team.",
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId", { nullable: true, description: "Null for built-in libraries." }),
    builtIn: t.boolean({ resolve: (l) => l.teamId === null }),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    source: t.exposeString("source", { description: "Origin and release of the sets (or the imported file's name)." }),
    licence: t.exposeString("licence"),
    setCount: t.exposeInt("setCount"),
    geneCount: t.exposeInt("geneCount", { description: "Distinct genes over all sets." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (l, _a, ctx) => (l.createdById ? loadUser(ctx, l.createdById) : null) }),
  }),
});

const EnrichmentTermRef = builder.objectRef<StoredTerm>("EnrichmentTerm").implement({
  description: "One gene set tested against a bicluster's genes (one-sided hypergeometric test, universe = the dataset's genes).",
  fields: (t) => ({
    name: t.exposeString("name", { description: "Set id or name (e.g. GO:0006955)." }),
    description: t.exposeString("description"),
    setSize: t.exposeInt("setSize", { description: "Genes in the set as the library lists it." }),
    setSizeInUniverse: t.exposeInt("setSizeInUniverse", { description: "K: genes of the set measured in the dataset." }),
    overlap: t.exposeInt("overlap", { description: "k: genes of the set in the bicluster." }),
    overlapGenes: t.exposeStringList("overlapGenes"),
    expected: t.exposeFloat("expected", { description: "n K / N: the overlap expected by chance." }),
    foldEnrichment: t.float({ nullable: true, description: "Observed over expected overlap.", resolve: (x) => x.foldEnrichment ?? null }),
    pValue: t.exposeFloat("pValue", { description: "P(X >= k), X ~ Hypergeometric(N, K, n)." }),
    qValue: t.float({ nullable: true, description: "Benjamini-Hochberg q-value across the sets tested.", resolve: (x) => x.qValue ?? null }),
  }),
});

const BiclusterEnrichmentRef = builder.objectRef<EnrichmentView>("BiclusterEnrichment").implement({
  description: "Over-representation of a bicluster's genes in the sets of a library (computed once, then kept).",
  fields: (t) => ({
    biclusterId: t.exposeID("biclusterId"),
    library: t.field({ type: GeneSetLibraryRef, resolve: (e) => e.library }),
    universeSize: t.exposeInt("universeSize", { description: "N: distinct genes of the dataset." }),
    queryInUniverse: t.exposeInt("queryInUniverse", { description: "n: the bicluster's genes in the universe." }),
    tested: t.exposeInt("tested", { description: "Sets tested (10 to 500 genes in the universe): the BH family." }),
    seconds: t.exposeFloat("seconds", { description: "Time the computation took." }),
    computedAt: t.expose("computedAt", { type: "DateTime" }),
    terms: t.field({
      type: [EnrichmentTermRef],
      description: `The most significant terms first (at most ${100} are kept); filter with maxQValue, limit with first.`,
      args: { maxQValue: t.arg.float(), first: t.arg.int() },
      resolve: (e, args) => {
        const max = args.maxQValue ?? 1;
        const first = Math.max(0, Math.min(args.first ?? 100, 100));
        return e.terms.filter((x) => (x.qValue ?? 1) <= max).slice(0, first);
      },
    }),
  }),
});

builder.objectField(BiclusterRef, "enrichment", (t) =>
  t.field({
    type: BiclusterEnrichmentRef,
    description: "Gene-set enrichment of the bicluster's genes in a library (default: the built-in GO biological processes).",
    args: { libraryId: t.arg.id() },
    resolve: (b, args, ctx) => enrichBicluster(ctx.prisma, b, args.libraryId == null ? null : String(args.libraryId)),
  }),
);

builder.objectField(RunRef, "enrichment", (t) =>
  t.field({
    type: [BiclusterEnrichmentRef],
    description: `Enrichment of every bicluster of the run (at most ${MAX_RUN_BICLUSTERS}, in run order) in a library (default: the built-in GO biological processes).`,
    args: { libraryId: t.arg.id() },
    resolve: async (run, args, ctx) => {
      if (!ctx.caller || !ctx.caller.teamIds.includes(run.teamId)) throw notFound("Run");
      const biclusters = await ctx.prisma.bicluster.findMany({ where: { runId: run.id, teamId: run.teamId }, orderBy: { index: "asc" }, take: MAX_RUN_BICLUSTERS });
      return enrichBiclustersOfRun(ctx.prisma, run, biclusters, args.libraryId == null ? null : String(args.libraryId));
    },
  }),
);

builder.queryFields((t) => ({
  geneSetLibraries: t.withAuth({ loggedIn: true }).field({
    type: [GeneSetLibraryRef],
    description: "Gene-set libraries a team can use: the built-in ones, then the team's imported ones (POST /upload/gene-sets).",
    args: { teamId: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => listGeneSetLibraries(ctx.prisma, ctx.caller, String(args.teamId)),
  }),
}));

builder.mutationFields((t) => ({
  deleteGeneSetLibrary: t.withAuth({ loggedIn: true }).id({
    description: "Deletes a team's imported library and its cached enrichments (members and up). Returns its id.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_p, args, ctx) => (await deleteGeneSetLibrary(ctx.prisma, ctx.caller, String(args.id))).id,
  }),
}));
