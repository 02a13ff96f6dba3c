// A gene's page: its profiles in the team's datasets, description, GO processes, links; following it.
import { notFound } from "../../errors.ts";
import { requireTeamRole } from "../../auth/authorize.ts";
import { geneInfo, type GeneInfo, type GeneProfile } from "../../services/gene-info.ts";
import { isFollowing, setFollow } from "../../services/notifications.ts";
import { builder } from "../builder.ts";
import { ConditionRef, DatasetKindEnum } from "./common.ts";

const NamedValueRef = builder.objectRef<{ name: string; value: string }>("NamedValue").implement({
  fields: (t) => ({ name: t.exposeString("name"), value: t.exposeString("value") }),
});
const LinkRef = builder.objectRef<{ name: string; url: string }>("ExternalLink").implement({
  fields: (t) => ({ name: t.exposeString("name"), url: t.exposeString("url") }),
});
const GoTermRef = builder.objectRef<GeneInfo["goTerms"][number]>("GeneGoTerm").implement({
  fields: (t) => ({
    name: t.exposeString("name", { description: "GO id." }),
    description: t.exposeString("description"),
    size: t.exposeInt("size", { description: "Genes in the term (smaller = more specific)." }),
  }),
});

const GeneProfileRef = builder.objectRef<GeneProfile>("GeneProfile").implement({
  description: "A gene's row in one dataset.",
  fields: (t) => ({
    datasetId: t.exposeID("datasetId"),
    datasetName: t.exposeString("datasetName"),
    kind: t.field({ type: DatasetKindEnum, resolve: (p) => p.kind }),
    gene: t.exposeString("gene", { description: "The id as spelled in this dataset." }),
    rowIndex: t.exposeInt("rowIndex"),
    conditions: t.field({ type: [ConditionRef], resolve: (p) => p.conditions }),
    values: t.field({ type: t.listRef("Float", { nullable: true }), description: "Raw values over the dataset's conditions.", resolve: (p) => p.values }),
    zscores: t.field({ type: t.listRef("Float", { nullable: true }), description: "The same, z-scored for the gene (population sd).", resolve: (p) => p.zscores }),
    annotations: t.field({ type: [NamedValueRef], description: "The dataset's annotation columns for this gene.", resolve: (p) => p.annotations }),
  }),
});

const GeneInfoRef = builder.objectRef<GeneInfo>("GeneInfo").implement({
  description: "What a team knows of a gene.",
  fields: (t) => ({
    symbol: t.exposeString("symbol", { description: "As spelled in the team's data (case variants are matched)." }),
    known: t.exposeBoolean("known", { description: "False: no dataset, bicluster, annotation or comment of the team has this gene." }),
    datasetCount: t.exposeInt("datasetCount"),
    biclusterCount: t.exposeInt("biclusterCount"),
    profiles: t.field({ type: [GeneProfileRef], description: "Its profile in each dataset that has it (newest first, at most 20).", resolve: (g) => g.profiles }),
    description: t.exposeString("description", { nullable: true, description: "From a description column of a dataset, when one has it." }),
    descriptionSource: t.exposeString("descriptionSource", { nullable: true }),
    goTerms: t.field({ type: [GoTermRef], description: "Built-in GO biological processes listing the gene, most specific first (at most 30).", resolve: (g) => g.goTerms }),
    goTermCount: t.exposeInt("goTermCount"),
    links: t.field({ type: [LinkRef], description: "Searches for the symbol in NCBI Gene, Ensembl, GeneCards and UniProt.", resolve: (g) => g.links }),
    followed: t.boolean({
      description: "The caller follows the gene (annotation changes are notified).",
      resolve: (g, _a, ctx) => (ctx.caller ? isFollowing(ctx.prisma, ctx.caller.userId, g.teamId, g.symbol) : false),
    }),
  }),
});

builder.queryFields((t) => ({
  gene: t.withAuth({ loggedIn: true }).field({
    type: GeneInfoRef,
    description: "A gene in a team: profiles, description, GO processes, links (known = false for a symbol the team does not have).",
    args: { teamId: t.arg.id({ required: true }), symbol: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => geneInfo(ctx.prisma, ctx.caller, { teamId: String(args.teamId), symbol: args.symbol }),
  }),
}));

builder.mutationFields((t) => ({
  followGene: t.withAuth({ loggedIn: true }).boolean({
    description: "Follows (or, with follow: false, unfollows) a gene of a team: changes to its annotation notify you. Any role. Returns the new state.",
    args: { teamId: t.arg.id({ required: true }), gene: t.arg.string({ required: true }), follow: t.arg.boolean({ required: true }) },
    resolve: async (_p, args, ctx) => {
      const teamId = String(args.teamId);
      await requireTeamRole(ctx.caller, teamId, "VIEWER");
      const gene = args.gene.trim();
      if (!gene || gene.length > 100) throw notFound("Gene");
      await setFollow(ctx.prisma, ctx.caller.userId, teamId, gene, args.follow);
      return args.follow;
    },
  }),
}));
