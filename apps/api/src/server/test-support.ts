// Integration-test support: boots the real app on an ephemeral port against a test database, calls
// it over HTTP, and seed factories (random emails) that return what they created.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "@exprlab/core";
import { encodeRow, type Bicluster, type Dataset, type PrismaClient, type Role, type Run } from "@exprlab/db";
import type { RunEnqueuer, RunLimits } from "../graphql/context.ts";
import type { UploadLimits } from "../import/upload-limits.ts";
import { consoleMailer, type Mailer } from "../auth/mailer.ts";
import type { RateLimitSettings } from "../auth/rate-limits.ts";

/** Test files sign many users up from 127.0.0.1: generous limits unless a test asks for the real ones. */
export const TEST_RATE_LIMITS: Partial<RateLimitSettings> = {
  signUpPerIp: { points: 10_000, seconds: 3600 },
  loginPerIp: { points: 10_000, seconds: 900 },
  uploadsPerIp: { points: 10_000, seconds: 3600 },
  uploadsPerUser: { points: 10_000, seconds: 3600 },
  badTokenPerIp: { points: 10_000, seconds: 600 },
};
import { createApp } from "./app.ts";

/** Records the notifications createRun and cancelRun send (the worker side is tested in src/worker). */
export class MemoryRunQueue implements RunEnqueuer {
  readonly enqueued: string[] = [];
  readonly canceled: string[] = [];
  async enqueue(runId: string): Promise<void> {
    this.enqueued.push(runId);
  }
  async cancel(runId: string): Promise<void> {
    this.canceled.push(runId);
  }
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

export interface TestApi {
  url: string;
  queue: MemoryRunQueue;
  internalSecret: string;
  /** POST /graphql with `Authorization: Bearer <token>` when a token is given. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null, headers?: Record<string, string>): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export async function startTestApi(
  prisma: PrismaClient,
  options: {
    registry?: Registry;
    limits?: RunLimits;
    production?: boolean;
    uploadLimits?: Partial<UploadLimits>;
    rateLimits?: Partial<RateLimitSettings>;
    mailer?: Mailer;
    logError?: (error: unknown) => void;
  } = {},
): Promise<TestApi> {
  const queue = new MemoryRunQueue();
  const internalSecret = `test-internal-${randomBytes(8).toString("hex")}`;
  const errors: unknown[] = [];
  const { app, stop } = await createApp({
    prisma,
    queue,
    internalSecret,
    logError: (e) => errors.push(e),
    rateLimits: TEST_RATE_LIMITS,
    mailer: consoleMailer(() => {}),
    ...options,
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queue,
    internalSecret,
    async gql(query, variables = {}, token, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult<never>;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stop();
    },
  };
}

export function randomTag(): string {
  return randomBytes(5).toString("hex");
}

export interface SignedUp {
  userId: string;
  email: string;
  password: string;
  token: string;
  teamId: string;
}

/** Signs a new user up through the API (random email); returns the session token and personal team. */
export async function signUpUser(api: TestApi, name = "Test User"): Promise<SignedUp> {
  const email = `user-${randomTag()}@example.test`;
  const password = `pw-${randomTag()}-secret`;
  const res = await api.gql<{ signUp: { message: string } }>(
    `mutation($email: String!, $password: String!, $name: String!) { signUp(email: $email, password: $password, name: $name) { message } }`,
    { email, password, name },
  );
  if (!res.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
  const login = await api.gql<{ login: { token: string; user: { id: string } } }>(
    `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id } } }`,
    { email, password },
  );
  if (!login.data?.login) throw new Error(`login after signUp failed: ${JSON.stringify(login.errors)}`);
  const { token, user } = login.data.login;
  const teams = await api.gql<{ myTeams: { id: string }[] }>(`{ myTeams { id } }`, {}, token);
  const teamId = teams.data?.myTeams[0]?.id;
  if (!teamId) throw new Error("signUp: no personal team");
  return { userId: user.id, email, password, token, teamId };
}

/** Signs a new user up and adds them to `teamId` with `role` (directly in the database). */
export async function addMember(api: TestApi, prisma: PrismaClient, teamId: string, role: Role): Promise<SignedUp> {
  const user = await signUpUser(api, `${role.toLowerCase()} ${randomTag()}`);
  await prisma.membership.create({ data: { userId: user.userId, teamId, role } });
  return { ...user, teamId };
}

export interface SeededDataset {
  dataset: Dataset;
  genes: string[];
  values: number[][];
}

/** A dataset with `genes x conditions` deterministic values written as float32 rows. */
export async function seedDataset(
  prisma: PrismaClient,
  teamId: string,
  userId: string,
  options: { genes?: string[]; conditions?: number; kind?: "TIME_COURSE" | "SAMPLES"; name?: string } = {},
): Promise<SeededDataset> {
  const genes = options.genes ?? Array.from({ length: 12 }, (_, i) => `GENE${i + 1}`);
  const m = options.conditions ?? 6;
  const values = genes.map((_, i) => Array.from({ length: m }, (_, j) => (i % 3 === 0 ? j : i % 3 === 1 ? m - j : Math.sin(i + j)) + i * 0.01));
  const dataset = await prisma.dataset.create({
    data: {
      teamId,
      createdById: userId,
      name: options.name ?? `Dataset ${randomTag()}`,
      kind: options.kind ?? "TIME_COURSE",
      format: "csv",
      geneCount: genes.length,
      conditionCount: m,
      conditions: Array.from({ length: m }, (_, j) => ({ id: `t${j}`, time: j })),
      rows: { create: genes.map((gene, index) => ({ index, gene, values: encodeRow(values[index] as number[]) })) },
    },
  });
  return { dataset, genes, values };
}

export interface SeededRun {
  run: Run;
  biclusters: Bicluster[];
}

/** A SUCCEEDED run of `dataset` with biclusters over the given gene sets (indices into the dataset). */
export async function seedRun(
  prisma: PrismaClient,
  seeded: SeededDataset,
  userId: string,
  geneSets: number[][],
  extra: { msr?: number[]; pValue?: (number | null)[]; metrics?: Record<string, number> } = {},
): Promise<SeededRun> {
  const { dataset, genes } = seeded;
  const run = await prisma.run.create({
    data: {
      teamId: dataset.teamId,
      datasetId: dataset.id,
      createdById: userId,
      method: "lstm-svm",
      params: {},
      seed: 1,
      status: "SUCCEEDED",
      progress: 1,
      result: storedResultFixture(geneSets.length, dataset.geneCount, dataset.conditionCount, extra.metrics),
      startedAt: new Date(Date.now() - 2000),
      finishedAt: new Date(),
    },
  });
  const biclusters: Bicluster[] = [];
  for (const [index, set] of geneSets.entries()) {
    biclusters.push(
      await prisma.bicluster.create({
        data: {
          runId: run.id,
          teamId: dataset.teamId,
          index,
          geneCount: set.length,
          conditionCount: 3,
          conditions: [0, 1, 2],
          msr: extra.msr?.[index] ?? 0.1 * (index + 1),
          silhouette: 0.9 - 0.1 * index,
          pValue: extra.pValue ? (extra.pValue[index] ?? null) : 10 ** -(index + 2),
          meanProfile: Array.from({ length: dataset.conditionCount }, (_, j) => j / 10),
          genes: { create: set.map((gi) => ({ gene: genes[gi] as string, geneIndex: gi, silhouette: 0.5 })) },
        },
      }),
    );
  }
  return { run, biclusters };
}

/** A schemaVersion 2 result as the worker stores it (without bicluster rows). */
export function storedResultFixture(biclusters: number, genes: number, conditions: number, metrics: Record<string, number> = {}) {
  return {
    schemaVersion: 2,
    kind: "BICLUSTER",
    method: "lstm-svm",
    params: {},
    seed: 1,
    versions: { core: "0.1.0", node: process.version },
    backend: null,
    stages: [
      { id: "preprocess", label: "Preprocessing", seconds: 0.1 },
      { id: "kmeans", label: "Clustering (k-means)", seconds: 0.2 },
    ],
    totalSeconds: 0.3,
    warnings: [],
    resumed: [],
    payload: {
      input: { genes, conditions, timed: true },
      preprocess: { report: {}, keptGenes: genes },
      kChoice: { k: biclusters, auto: false, criterion: "given", reason: `K = ${biclusters} was given`, scores: [] },
      metrics: { silhouette: 0.5, msrMean: 0.1, pValueMedian: 0.01, biclusters, assignedGenes: genes, unassignedGenes: 0, ...metrics },
      details: {},
      biclusterCount: biclusters,
    },
  };
}
