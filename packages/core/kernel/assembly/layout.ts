// Shapes and the linear-memory layout. Everything is preallocated by configure(); the training
// and forward calls never allocate. Capacities only grow, and the parameter block (weights, Adam
// moments, gradients) comes first and depends only on units and classes, so growing the batch or
// sequence buffers never moves the weights or the optimiser state.
//
// Units are padded by the caller to a multiple of 8 (zero weights; padded units stay exactly 0
// and get zero gradients), rows to a multiple of 4 (zero inputs, excluded from every loss), so no
// vector loop has a scalar tail.

/** Hidden units (padded, multiple of 8). */
export let U: i32 = 0;
/** Gate width 4U, gates in the order i, f, g, o. */
export let G: i32 = 0;
/** Classes of the label head (0 = none). */
export let K: i32 = 0;
/** Cell activation: 0 tanh, 1 relu. */
export let ACT: i32 = 0;
/** Gradient slots (one per shard of a batch). */
export let SLOTS: i32 = 0;
/** Capacities: padded rows, sequence length, stored steps (for backpropagation through time). */
export let CAP_ROWS: i32 = 0;
export let CAP_LEN: i32 = 0;
export let CAP_STEPS: i32 = 0;

// Parameter offsets, in floats: [Wx G | Wh U*G | b G | Wo U | bo 4 | Wc U*K | bc K, padded to 4].
export let O_WX: i32 = 0;
export let O_WH: i32 = 0;
export let O_B: i32 = 0;
export let O_WO: i32 = 0;
export let O_BO: i32 = 0;
export let O_WC: i32 = 0;
export let O_BC: i32 = 0;
/** Floats of the LSTM and forecasting head; of everything including the label head. */
export let N_BASE: i32 = 0;
export let N_ALL: i32 = 0;

// Byte addresses.
export let pP: usize = 0; // parameters
export let pM: usize = 0; // Adam first moment
export let pV: usize = 0; // Adam second moment
export let pGT: usize = 0; // summed gradient
export let pGS: usize = 0; // per-shard gradients, SLOTS x N_ALL
export let pRES: usize = 0; // f64 results: [sse, cross-entropy sum, -, -]
export let pX: usize = 0; // batch input, rows x L (row-major, as given)
export let pLAB: usize = 0; // i32 labels per batch row (-1 = none)
export let pXT: usize = 0; // shard input, time-major L x rows (padded rows are 0)
export let pH: usize = 0; // hidden states, (steps + 1) x rows x U; step 0 is h_{-1} = 0
export let pC: usize = 0; // cell states, same shape
export let pTC: usize = 0; // act(c_t), steps x rows x U
export let pA: usize = 0; // gate activations (then their gradients), steps x rows x G
export let pDH: usize = 0; // dL/dh of the current step, rows x U
export let pDC: usize = 0; // dL/dc carried back, rows x U
export let pDP: usize = 0; // dL/dprediction, L x rows
export let pDLOG: usize = 0; // dL/dlogits, rows x K
export let pOUT: usize = 0; // embeddings, rows x U
export let pRSSE: usize = 0; // f64 squared forecasting error per row
export let pPRED: usize = 0; // forecasts, rows x (L - 1)

const BASE: usize = (__heap_base + 15) & ~(<usize>15);

function roundUp4(n: i32): i32 {
  return (n + 3) & ~3;
}

function place(): void {
  let p = BASE;
  const nAll = <usize>N_ALL << 2;
  pP = p; p += nAll;
  pM = p; p += nAll;
  pV = p; p += nAll;
  pGT = p; p += nAll;
  pGS = p; p += nAll * <usize>SLOTS;
  pRES = p; p += 64;
  const rows = <usize>CAP_ROWS;
  const len = <usize>CAP_LEN;
  const steps = <usize>max(CAP_STEPS, 1);
  const u = <usize>U;
  const g = <usize>G;
  pX = p; p += rows * len * 4;
  pLAB = p; p += rows * 4;
  pXT = p; p += len * rows * 4;
  pH = p; p += (steps + 1) * rows * u * 4;
  pC = p; p += (steps + 1) * rows * u * 4;
  pTC = p; p += steps * rows * u * 4;
  pA = p; p += steps * rows * g * 4;
  pDH = p; p += rows * u * 4;
  pDC = p; p += rows * u * 4;
  pDP = p; p += len * rows * 4;
  pDLOG = p; p += rows * <usize>roundUp4(max(K, 1)) * 4;
  pOUT = p; p += rows * u * 4;
  pRSSE = p; p += rows * 8;
  pPRED = p; p += rows * len * 4;
  const pages = <i32>((p + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have) memory.grow(pages - have);
}

/**
 * Sets the shapes and makes room for batches of `rows` rows (any count up to it; padded to 4
 * internally) of `len` steps, storing `steps` steps for backpropagation (0 = forward only).
 * Weights and Adam state are kept when units, classes and slots are unchanged.
 */
export function configure(units: i32, classes: i32, activation: i32, slots: i32, rows: i32, len: i32, steps: i32): void {
  const shapeChanged = units != U || classes != K || slots != SLOTS;
  if (shapeChanged) {
    U = units;
    G = 4 * units;
    K = classes;
    SLOTS = slots;
    O_WX = 0;
    O_WH = G;
    O_B = O_WH + U * G;
    O_WO = O_B + G;
    O_BO = O_WO + U;
    N_BASE = O_BO + 4;
    O_WC = N_BASE;
    O_BC = O_WC + U * K;
    N_ALL = roundUp4(O_BC + K);
    CAP_ROWS = 0;
    CAP_LEN = 0;
    CAP_STEPS = 0;
  }
  ACT = activation;
  const r = roundUp4(rows);
  if (shapeChanged || r > CAP_ROWS || len > CAP_LEN || steps > CAP_STEPS) {
    CAP_ROWS = max(CAP_ROWS, r);
    CAP_LEN = max(CAP_LEN, len);
    CAP_STEPS = max(CAP_STEPS, steps);
    place();
    if (shapeChanged) memory.fill(pP, 0, (<usize>N_ALL << 2) * 4);
  }
}
