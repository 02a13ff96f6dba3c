// Fused LSTM kernel (WebAssembly SIMD): see layout.ts for memory, cell.ts for one step and
// train.ts for whole passes. The host (src/lstm/kernel/) writes inputs and weights at the
// exported addresses and reads results from them.
export { configure } from "./layout";
export { gradient, applyShards, trainStep, forward, rowsCapacity } from "./train";
import { N_ALL, N_BASE, O_B, O_BC, O_BO, O_WC, O_WH, O_WO, O_WX, pGS, pLAB, pM, pOUT, pP, pPRED, pRES, pRSSE, pV, pX } from "./layout";

export function params(): usize { return pP; }
export function adamFirst(): usize { return pM; }
export function adamSecond(): usize { return pV; }
export function shardGradient(slot: i32): usize { return pGS + (<usize>slot * <usize>N_ALL << 2); }
export function input(): usize { return pX; }
export function labels(): usize { return pLAB; }
export function output(): usize { return pOUT; }
export function rowErrors(): usize { return pRSSE; }
export function forecasts(): usize { return pPRED; }
export function results(): usize { return pRES; }
export function paramCount(): i32 { return N_ALL; }
export function baseParamCount(): i32 { return N_BASE; }
/** Offsets (floats) of Wx, Wh, b, Wo, bo, Wc, bc. */
export function offset(which: i32): i32 {
  switch (which) {
    case 0: return O_WX;
    case 1: return O_WH;
    case 2: return O_B;
    case 3: return O_WO;
    case 4: return O_BO;
    case 5: return O_WC;
    default: return O_BC;
  }
}
