// Whole-sequence passes: the gradient of one shard of a batch (forward, loss, backpropagation
// through time), the fixed-order sum of shard gradients with the Adam update, and forward-only
// passes for embeddings, validation losses and forecasts.
import { accumulateWeights, backToHidden, cell, cellBackward, project } from "./cell";
import {
  CAP_ROWS, G, K, N_ALL, O_BC, O_BO, O_WC, O_WO, U,
  pA, pC, pDC, pDH, pDLOG, pDP, pGS, pGT, pH, pLAB, pM, pOUT, pP, pPRED, pRES, pRSSE, pTC, pV, pX, pXT,
} from "./layout";

@inline
function roundUp4(n: i32): i32 {
  return (n + 3) & ~3;
}

/** Copies rows r0..r1 of the row-major batch into time-major xt (padding rows = 0). */
function gather(L: i32, r0: i32, r1: i32, rows: i32): void {
  const n = r1 - r0;
  for (let t = 0; t < L; t++) {
    const out = pXT + (<usize>(t * rows) << 2);
    for (let r = 0; r < n; r++) store<f32>(out + (<usize>r << 2), load<f32>(pX + (<usize>((r0 + r) * L + t) << 2)));
    for (let r = n; r < rows; r++) store<f32>(out + (<usize>r << 2), 0);
  }
}

@inline
function dotU(a: usize, b: usize): f32 {
  let acc = f32x4.splat(0);
  const n = <usize>U << 2;
  for (let k: usize = 0; k < n; k += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), v128.load(b + k)));
  return f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
}

/** out[0..U) += s * v[0..U) */
@inline
function axpyU(out: usize, s: f32, v: usize): void {
  const sv = f32x4.splat(s);
  const n = <usize>U << 2;
  for (let k: usize = 0; k < n; k += 16) v128.store(out + k, f32x4.add(v128.load(out + k), f32x4.mul(sv, v128.load(v + k))));
}

/**
 * Label head on the final hidden states: masked softmax cross-entropy. Writes dL/dh into pDH
 * (0 for unlabelled rows), accumulates dWc, dbc into grad; returns the cross-entropy sum.
 */
function labelHead(n: i32, rows: i32, r0: i32, hL: usize, grad: usize, labelScale: f32): f64 {
  const rowU = <usize>U << 2;
  const wc = pP + (<usize>O_WC << 2);
  const bc = pP + (<usize>O_BC << 2);
  const gwc = grad + (<usize>O_WC << 2);
  const gbc = grad + (<usize>O_BC << 2);
  memory.fill(pDH, 0, <usize>rows * rowU);
  let ce: f64 = 0;
  for (let r = 0; r < n; r++) {
    const y = load<i32>(pLAB + (<usize>(r0 + r) << 2));
    if (y < 0) continue;
    const h = hL + <usize>r * rowU;
    const lg = pDLOG + (<usize>(r * K) << 2);
    let m: f32 = -Infinity;
    for (let c = 0; c < K; c++) {
      let s: f32 = load<f32>(bc + (<usize>c << 2));
      for (let k = 0; k < U; k++) s += load<f32>(h + (<usize>k << 2)) * load<f32>(wc + (<usize>(k * K + c) << 2));
      store<f32>(lg + (<usize>c << 2), s);
      if (s > m) m = s;
    }
    let sum: f32 = 0;
    for (let c = 0; c < K; c++) sum += Mathf.exp(load<f32>(lg + (<usize>c << 2)) - m);
    const lse = m + Mathf.log(sum);
    ce += <f64>(lse - load<f32>(lg + (<usize>y << 2)));
    const dh = pDH + <usize>r * rowU;
    for (let c = 0; c < K; c++) {
      const p = Mathf.exp(load<f32>(lg + (<usize>c << 2)) - lse);
      const d = (p - (c == y ? <f32>1 : <f32>0)) * labelScale;
      store<f32>(gbc + (<usize>c << 2), load<f32>(gbc + (<usize>c << 2)) + d);
      for (let k = 0; k < U; k++) {
        const gi = gwc + (<usize>(k * K + c) << 2);
        store<f32>(gi, load<f32>(gi) + load<f32>(h + (<usize>k << 2)) * d);
        const di = dh + (<usize>k << 2);
        store<f32>(di, load<f32>(di) + d * load<f32>(wc + (<usize>(k * K + c) << 2)));
      }
    }
  }
  return ce;
}

/**
 * Gradient of the batch loss restricted to rows r0..r1 of the batch in pX (B rows of L steps)
 * into gradient slot `slot`: forecasting MSE (scaled by mseScale = 1 / (B (L - 1))) plus, when
 * useLabels, cross-entropy of the label head on the final hidden state (scaled by labelScale =
 * labelWeight / labelled rows of the whole batch). Writes the squared-error sum and the
 * cross-entropy sum of these rows to results[0], results[1].
 */
export function gradient(L: i32, r0: i32, r1: i32, slot: i32, mseScale: f32, labelScale: f32, useLabels: bool): void {
  const grad = pGS + (<usize>slot * <usize>N_ALL << 2);
  memory.fill(grad, 0, <usize>N_ALL << 2);
  const n = r1 - r0;
  store<f64>(pRES, 0);
  store<f64>(pRES, 0, 8);
  if (n <= 0) return;
  const rows = roundUp4(n);
  const rowU = <usize>U << 2;
  const stepU = <usize>rows * rowU;
  const stepZ = <usize>rows * (<usize>G << 2);
  gather(L, r0, r1, rows);
  memory.fill(pH, 0, stepU);
  memory.fill(pC, 0, stepU);
  for (let t = 0; t < L; t++) {
    const xt = pXT + (<usize>(t * rows) << 2);
    const z = pA + <usize>t * stepZ;
    project(rows, xt, pH + <usize>t * stepU, z);
    cell(rows, z, pC + <usize>t * stepU, pC + <usize>(t + 1) * stepU, pTC + <usize>t * stepU, pH + <usize>(t + 1) * stepU);
  }
  // Forecasting head: h_t predicts x_{t+1}.
  const wo = pP + (<usize>O_WO << 2);
  const bo = load<f32>(pP + (<usize>O_BO << 2));
  const gwo = grad + (<usize>O_WO << 2);
  let sse: f64 = 0;
  let dbo: f32 = 0;
  for (let t = 0; t < L - 1; t++) {
    const h = pH + <usize>(t + 1) * stepU;
    const target = pXT + (<usize>((t + 1) * rows) << 2);
    const dp = pDP + (<usize>(t * rows) << 2);
    for (let r = 0; r < rows; r++) {
      if (r >= n) {
        store<f32>(dp + (<usize>r << 2), 0);
        continue;
      }
      const err = dotU(h + <usize>r * rowU, wo) + bo - load<f32>(target + (<usize>r << 2));
      sse += <f64>(err * err);
      const d = <f32>2 * err * mseScale;
      store<f32>(dp + (<usize>r << 2), d);
      dbo += d;
      axpyU(gwo, d, h + <usize>r * rowU);
    }
  }
  store<f32>(grad + (<usize>O_BO << 2), dbo);
  store<f64>(pRES, sse);
  // dL/dh of the last step: the label head (or nothing).
  if (useLabels && K > 0) store<f64>(pRES, labelHead(n, rows, r0, pH + <usize>L * stepU, grad, labelScale), 8);
  else memory.fill(pDH, 0, stepU);
  memory.fill(pDC, 0, stepU);
  for (let t = L - 1; t >= 0; t--) {
    if (t < L - 1) {
      const dp = pDP + (<usize>(t * rows) << 2);
      for (let r = 0; r < n; r++) axpyU(pDH + <usize>r * rowU, load<f32>(dp + (<usize>r << 2)), wo);
    }
    const z = pA + <usize>t * stepZ;
    cellBackward(rows, z, pC + <usize>t * stepU, pC + <usize>(t + 1) * stepU, pTC + <usize>t * stepU, pDH, pDC);
    accumulateWeights(rows, pXT + (<usize>(t * rows) << 2), pH + <usize>t * stepU, z, grad, t > 0);
    if (t > 0) backToHidden(rows, z, pDH);
  }
}

/**
 * Sums the gradients of slots 0..shards-1 in that order and applies one Adam step to the first
 * n parameters, with tfjs's formula and operation order (all f32):
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w += -lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 */
export function applyShards(shards: i32, n: i32, lr: f32, beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, oneMinusAcc1: f32, oneMinusAcc2: f32, eps: f32): void {
  const bytes = <usize>n << 2;
  const stride = <usize>N_ALL << 2;
  memory.copy(pGT, pGS, bytes);
  for (let s = 1; s < shards; s++) {
    const src = pGS + <usize>s * stride;
    for (let j: usize = 0; j < bytes; j += 16) v128.store(pGT + j, f32x4.add(v128.load(pGT + j), v128.load(src + j)));
  }
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(oneMinusBeta1);
  const c2 = f32x4.splat(oneMinusBeta2);
  const a1 = f32x4.splat(oneMinusAcc1);
  const a2 = f32x4.splat(oneMinusAcc2);
  const e = f32x4.splat(eps);
  const step = f32x4.splat(-lr);
  for (let j: usize = 0; j < bytes; j += 16) {
    const g = v128.load(pGT + j);
    const m = f32x4.add(f32x4.mul(v128.load(pM + j), b1), f32x4.mul(g, c1));
    const v = f32x4.add(f32x4.mul(v128.load(pV + j), b2), f32x4.mul(f32x4.mul(g, g), c2));
    v128.store(pM + j, m);
    v128.store(pV + j, v);
    const update = f32x4.div(f32x4.div(m, a1), f32x4.add(f32x4.sqrt(f32x4.div(v, a2)), e));
    v128.store(pP + j, f32x4.add(f32x4.mul(update, step), v128.load(pP + j)));
  }
}

/**
 * One training step on the B x L batch in pX, in ONE call: the gradients of `shards` fixed
 * shards of the batch (rows floor(s B / shards) .. floor((s + 1) B / shards)), summed in order,
 * then Adam on the first n parameters. Squared-error and cross-entropy sums go to results[2], [3].
 * The same shards computed on several threads and summed by applyShards give the same bits.
 */
export function trainStep(B: i32, L: i32, shards: i32, mseScale: f32, labelScale: f32, useLabels: bool, n: i32, lr: f32, beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, oneMinusAcc1: f32, oneMinusAcc2: f32, eps: f32): void {
  let sse: f64 = 0;
  let ce: f64 = 0;
  for (let s = 0; s < shards; s++) {
    gradient(L, (s * B) / shards, ((s + 1) * B) / shards, s, mseScale, labelScale, useLabels);
    sse += load<f64>(pRES);
    ce += load<f64>(pRES, 8);
  }
  applyShards(shards, n, lr, beta1, beta2, oneMinusBeta1, oneMinusBeta2, oneMinusAcc1, oneMinusAcc2, eps);
  store<f64>(pRES, sse, 16);
  store<f64>(pRES, ce, 24);
}

/** Forward flags: final hidden state / mean of the hidden states to pOUT, per-row squared error, forecasts. */
export const FWD_FINAL: i32 = 1;
export const FWD_MEAN: i32 = 2;
export const FWD_SSE: i32 = 4;
export const FWD_PRED: i32 = 8;

/**
 * Forward only over rows r0..r1 of the batch in pX (L steps), in chunks of at most CAP_ROWS rows.
 * Outputs are indexed by row - r0: pOUT (rows x U), pRSSE (f64 per row), pPRED (rows x (L - 1)).
 */
export function forward(L: i32, r0: i32, r1: i32, flags: i32): void {
  const n = r1 - r0;
  if (n <= 0) return;
  const rows = roundUp4(n);
  const rowU = <usize>U << 2;
  const stepU = <usize>rows * rowU;
  const h0 = pH;
  const h1 = pH + stepU;
  const wo = pP + (<usize>O_WO << 2);
  const bo = load<f32>(pP + (<usize>O_BO << 2));
  const wantHead = (flags & (FWD_SSE | FWD_PRED)) != 0;
  const mean = (flags & FWD_MEAN) != 0;
  gather(L, r0, r1, rows);
  memory.fill(h0, 0, stepU);
  memory.fill(pC, 0, stepU);
  if (mean) memory.fill(pOUT, 0, stepU);
  if (flags & FWD_SSE) memory.fill(pRSSE, 0, <usize>rows << 3);
  let h = h0;
  let hn = h1;
  for (let t = 0; t < L; t++) {
    project(rows, pXT + (<usize>(t * rows) << 2), h, pA);
    cell(rows, pA, pC, pC, pTC, hn);
    const tmp = h;
    h = hn;
    hn = tmp;
    if (mean) for (let r = 0; r < n; r++) axpyU(pOUT + <usize>r * rowU, 1, h + <usize>r * rowU);
    if (wantHead && t < L - 1) {
      const target = pXT + (<usize>((t + 1) * rows) << 2);
      for (let r = 0; r < n; r++) {
        const pred = dotU(h + <usize>r * rowU, wo) + bo;
        if (flags & FWD_PRED) store<f32>(pPRED + (<usize>(r * (L - 1) + t) << 2), pred);
        if (flags & FWD_SSE) {
          const err = pred - load<f32>(target + (<usize>r << 2));
          const at = pRSSE + (<usize>r << 3);
          store<f64>(at, load<f64>(at) + <f64>(err * err));
        }
      }
    }
  }
  if (flags & FWD_FINAL) memory.copy(pOUT, h, <usize>n * rowU);
  if (mean) {
    const inv = f32x4.splat(<f32>1 / <f32>L);
    for (let j: usize = 0; j < <usize>n * rowU; j += 16) v128.store(pOUT + j, f32x4.mul(v128.load(pOUT + j), inv));
  }
}

export function rowsCapacity(): i32 {
  return CAP_ROWS;
}
