// Result of a BENCHMARK run: every member (method x seed) scored, and per method the mean, sd,
// min and max of each score: the paper's comparison figures on the lab's own data.
import { SCORE_HELP, SCORE_NAMES, type BenchmarkResult, type ScoreName } from "@exprlab/core";
import { builder } from "../../builder.ts";
import { envelopeFields } from "./envelope.ts";

type P = BenchmarkResult["payload"];
type Summary = P["summary"][number]["scores"][ScoreName];

const ScoreSummaryRef = builder.objectRef<Summary & { name: string }>("ScoreSummary").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    n: t.exposeInt("n", { description: "Member runs with a value." }),
    mean: t.exposeFloat("mean", { nullable: true }),
    sd: t.exposeFloat("sd", { nullable: true, description: "Sample standard deviation over the seeds (null with fewer than 2)." }),
    min: t.exposeFloat("min", { nullable: true }),
    max: t.exposeFloat("max", { nullable: true }),
  }),
});

const MethodSummaryRef = builder.objectRef<P["summary"][number]>("BenchmarkMethodSummary").implement({
  fields: (t) => ({
    method: t.exposeString("method"),
    label: t.string({ resolve: (s, _a, ctx) => ctx.registry.get(s.method)?.label ?? s.method }),
    runs: t.exposeInt("runs"),
    failed: t.exposeInt("failed"),
    scores: t.field({ type: [ScoreSummaryRef], resolve: (s) => SCORE_NAMES.map((name) => ({ name, ...s.scores[name] })) }),
  }),
});

const MemberScoreRef = builder.objectRef<{ name: string; value: number | null }>("MemberScore").implement({
  fields: (t) => ({ name: t.exposeString("name"), value: t.exposeFloat("value", { nullable: true }) }),
});

const MemberRef = builder.objectRef<P["members"][number]>("BenchmarkMember").implement({
  fields: (t) => ({
    method: t.exposeString("method"),
    seed: t.exposeInt("seed"),
    error: t.string({ nullable: true, resolve: (m) => m.error ?? null }),
    warnings: t.exposeStringList("warnings"),
    scores: t.field({ type: [MemberScoreRef], nullable: true, resolve: (m) => (m.scores ? SCORE_NAMES.map((name) => ({ name, value: m.scores![name] })) : null) }),
  }),
});

const ScoreInfoRef = builder.objectRef<{ name: string; help: string }>("BenchmarkScoreInfo").implement({
  fields: (t) => ({ name: t.exposeString("name"), help: t.exposeString("help") }),
});

const TruthRef = builder.objectRef<NonNullable<P["truth"]>>("BenchmarkTruthInfo").implement({
  fields: (t) => ({
    source: t.exposeString("source", { description: "planted, truth-file or gene-classes." }),
    classes: t.exposeInt("classes"),
    labelledGenes: t.exposeInt("labelledGenes"),
    biclusters: t.exposeInt("biclusters", { nullable: true }),
  }),
});

export const BenchmarkRunResultRef = builder.objectRef<BenchmarkResult>("BenchmarkRunResult").implement({
  description: "Result of a BENCHMARK run (its member runs: Query.runs(parentId)).",
  fields: (t) => ({
    ...envelopeFields(t),
    methods: t.stringList({ resolve: (r) => r.payload.methods }),
    seeds: t.intList({ resolve: (r) => r.payload.seeds }),
    truth: t.field({ type: TruthRef, nullable: true, resolve: (r) => r.payload.truth }),
    scoreInfo: t.field({ type: [ScoreInfoRef], description: "What each score means.", resolve: () => SCORE_NAMES.map((name) => ({ name, help: SCORE_HELP[name] })) }),
    summary: t.field({ type: [MethodSummaryRef], resolve: (r) => r.payload.summary }),
    members: t.field({ type: [MemberRef], resolve: (r) => r.payload.members }),
  }),
});
