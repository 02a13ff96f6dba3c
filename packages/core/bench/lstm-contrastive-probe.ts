// Probe (issue 9, not part of the product or the tests): would a lag-aware LSTM objective group
// time-lagged or phase-shifted genes that the profile does not? An LSTM (64 units, tanh) is trained
// contrastively (NT-Xent, temperature 0.2): two random crops of each gene's z-scored profile,
// shifted by 0..maxShift points, with a little noise, are pulled together, other genes pushed away.
// The embedding (hidden state averaged over every crop offset) is clustered by k-means (K planted,
// null centroid) and compared with k-means on the profile, on both together, and on the DFT
// magnitudes (shift-invariant, no learning); gene F1 against the planted groups, and consensus of
// step 6 with the clustering's genes kept (membership "cluster") and with the pattern model.
//   npx tsx bench/lstm-contrastive-probe.ts [design] [epochs] [maxShift] [seed]
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { generateDesign } from "../src/synth/index.ts";
import { SUITE } from "./quality-suite.ts";
import { KMeans } from "../src/cluster/index.ts";
import { refineClusters } from "../src/bicluster/index.ts";
import { consensusScore, matchedScores } from "../src/metrics/index.ts";
import { preprocessForClustering } from "../src/methods/shared/gene-cluster-steps.ts";
import { createRng } from "../src/random.ts";

await tf.setBackend("wasm");
const design = process.argv[2] ?? "time-lagged";
const epochs = Number(process.argv[3] ?? 30);
const maxShift = Number(process.argv[4] ?? 3);
const seed = Number(process.argv[5] ?? 1);
const e = SUITE.find((s) => s.name === design)!;
const { matrix, truth } = generateDesign(e.design, { ...e.options, seed: 1 });
const pre = preprocessForClustering(matrix, { transform: "none", impute: "knn" } as never, 1);
const { n, T } = pre;
const K = truth.biclusters.length;
const Lc = T - maxShift;
const rng = createRng(seed);

const lstm = tf.layers.lstm({ units: 64, activation: "tanh", returnSequences: false, inputShape: [null, 1], kernelInitializer: tf.initializers.glorotUniform({ seed }), recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }) });
const proj1 = tf.layers.dense({ units: 64, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) });
const proj2 = tf.layers.dense({ units: 32, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }) });
const opt = tf.train.adam(0.001);
const tau = 0.2;

function crops(genes: number[]): Float32Array {
  const x = new Float32Array(genes.length * Lc);
  genes.forEach((g, b) => {
    const off = rng.int(maxShift + 1);
    for (let t = 0; t < Lc; t++) x[b * Lc + t] = pre.values[g * T + off + t]! + 0.1 * rng.normal();
  });
  return x;
}
function embedHead(x: tf.Tensor3D) {
  const h = lstm.apply(x) as tf.Tensor2D;
  const z = proj2.apply(proj1.apply(h)) as tf.Tensor2D;
  return tf.div(z, tf.norm(z, 2, 1, true).add(1e-8));
}
const B = 64;
tf.tidy(() => embedHead(tf.zeros([1, Lc, 1]) as tf.Tensor3D));
const t0 = performance.now();
for (let ep = 0; ep < epochs; ep++) {
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  let total = 0;
  let steps = 0;
  for (let s = 0; s + B <= n; s += B) {
    const genes = order.slice(s, s + B);
    const a = tf.tensor3d(crops(genes), [B, Lc, 1]);
    const b = tf.tensor3d(crops(genes), [B, Lc, 1]);
    const loss = opt.minimize(() => {
      const za = embedHead(a);
      const zb = embedHead(b);
      const z = tf.concat([za, zb], 0); // 2B x d
      const sim = tf.div(tf.matMul(z, z, false, true), tau);
      const mask = tf.mul(tf.eye(2 * B), -1e9);
      const logits = tf.add(sim, mask);
      const idx = Array.from({ length: 2 * B }, (_, i) => (i < B ? i + B : i - B));
      const labels = tf.oneHot(tf.tensor1d(idx, "int32"), 2 * B);
      return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
    }, true)!;
    total += (await loss.data())[0]!;
    steps++;
    tf.dispose([a, b, loss]);
  }
  if (ep % 5 === 4 || ep === epochs - 1) console.log(`epoch ${ep + 1} loss ${(total / steps).toFixed(3)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
// Embedding: mean of h over every crop offset (shift-pooled), standardised.
const emb = new Float64Array(n * 64);
for (let off = 0; off <= maxShift; off++) {
  const x = new Float32Array(n * Lc);
  for (let g = 0; g < n; g++) for (let t = 0; t < Lc; t++) x[g * Lc + t] = pre.values[g * T + off + t]!;
  const h = tf.tidy(() => lstm.apply(tf.tensor3d(x, [n, Lc, 1])) as tf.Tensor2D);
  const d = await h.data();
  for (let i = 0; i < n * 64; i++) emb[i]! += d[i]! / (maxShift + 1);
  h.dispose();
}
for (let u = 0; u < 64; u++) {
  let m = 0, v = 0;
  for (let g = 0; g < n; g++) m += emb[g * 64 + u]! / n;
  for (let g = 0; g < n; g++) v += (emb[g * 64 + u]! - m) ** 2 / n;
  const sd = Math.sqrt(v) || 1;
  for (let g = 0; g < n; g++) emb[g * 64 + u] = (emb[g * 64 + u]! - m) / sd;
}
function score(name: string, data: Float64Array, dim: number, nullC: boolean) {
  const fit = new KMeans({ k: K, seed, nInit: 10, ...(nullC ? { nullCentroid: new Array(dim).fill(0) } : {}) }).fit(data, dim);
  const groups = new Map<number, number[]>();
  fit.labels.forEach((l, g) => { if (l >= 0) (groups.get(l) ?? groups.set(l, []).get(l)!).push(g); });
  const gs = [...groups.entries()].filter(([, g]) => g.length >= 5);
  const rc = refineClusters(pre.values, T, gs, { mode: "auto", minConditions: 2, membership: "cluster" } as never);
  const rm = refineClusters(pre.values, T, gs, { mode: "auto", minConditions: 2, membership: "model" } as never);
  const f1 = matchedScores(truth.labels, fit.labels, { unassignedIsBackground: true }).f1;
  console.log(`${name.padEnd(12)} geneF1 ${f1.toFixed(3)} consensus(cluster) ${consensusScore(rc, truth.biclusters).toFixed(3)} consensus(model) ${consensusScore(rm, truth.biclusters).toFixed(3)} background ${fit.labels.filter((l) => l < 0).length}`);
}
score("profile", pre.values, T, true);
score("contrastive", emb, 64, true);
const both = new Float64Array(n * (64 + T));
for (let g = 0; g < n; g++) { for (let u = 0; u < 64; u++) both[g * (64 + T) + u] = emb[g * 64 + u]! * Math.sqrt(T / 64); for (let t = 0; t < T; t++) both[g * (64 + T) + 64 + t] = pre.values[g * T + t]!; }
score("both(1:1)", both, 64 + T, true);
console.log("truth sizes", truth.biclusters.map((b) => b.genes.length).join(","), "n", n);
{
  const F = Math.floor(T / 2) + 1;
  const dft = new Float64Array(n * F);
  for (let g = 0; g < n; g++) for (let f = 0; f < F; f++) {
    let re = 0, im = 0;
    for (let t = 0; t < T; t++) { re += pre.values[g * T + t]! * Math.cos((2 * Math.PI * f * t) / T); im -= pre.values[g * T + t]! * Math.sin((2 * Math.PI * f * t) / T); }
    dft[g * F + f] = Math.sqrt(re * re + im * im) / Math.sqrt(T);
  }
  // centre columns so the null centroid (0) is the average gene
  for (let f = 0; f < F; f++) { let m = 0; for (let g = 0; g < n; g++) m += dft[g * F + f]! / n; for (let g = 0; g < n; g++) dft[g * F + f]! -= m; }
  score("dft-mag", dft, F, true);
}
