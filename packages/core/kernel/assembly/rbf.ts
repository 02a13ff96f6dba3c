// RBF kernel values exp(-gamma ||x - s||^2) of a block of points against all support vectors, in
// f32x4, for the SVM refinement's predictions (src/cluster/rbf-predictor.ts). Dimensions are
// padded by the caller to a multiple of 4 and support vectors to a multiple of 4 (zeros), so the
// loops have no tails. A separate module from the LSTM kernel: nothing is shared but math.ts.
import { vexp } from "./math";

let D: i32 = 0; // padded dimension
let NSV: i32 = 0; // padded support vectors
let ROWS: i32 = 0;
let pSV: usize = 0;
let pX: usize = 0;
let pKV: usize = 0;

const BASE: usize = (__heap_base + 15) & ~(<usize>15);

/** Room for nsv support vectors and blocks of `rows` points of `dim` values (both padded by the caller). */
export function configure(dim: i32, nsv: i32, rows: i32): void {
  D = dim;
  NSV = nsv;
  ROWS = rows;
  pSV = BASE;
  pX = pSV + <usize>(nsv * dim) * 4;
  pKV = pX + <usize>(rows * dim) * 4;
  const end = pKV + <usize>(rows * nsv) * 4;
  const pages = <i32>((end + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have) memory.grow(pages - have);
}

export function supportVectors(): usize {
  return pSV;
}
export function points(): usize {
  return pX;
}
export function kernelValues(): usize {
  return pKV;
}

/** kv[r, s] = exp(-gamma ||x_r - s_s||^2) for the first `rows` points (1 point x 4 vectors per block). */
export function rbf(rows: i32, gamma: f32): void {
  const row = <usize>D << 2;
  const g = f32x4.splat(-gamma);
  for (let r = 0; r < rows; r++) {
    const x = pX + <usize>r * row;
    const out = pKV + (<usize>(r * NSV) << 2);
    for (let s = 0; s < NSV; s += 4) {
      const s0 = pSV + <usize>s * row;
      const s1 = s0 + row;
      const s2 = s1 + row;
      const s3 = s2 + row;
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      for (let j: usize = 0; j < row; j += 16) {
        const xv = v128.load(x + j);
        let d = f32x4.sub(xv, v128.load(s0 + j));
        a0 = f32x4.add(a0, f32x4.mul(d, d));
        d = f32x4.sub(xv, v128.load(s1 + j));
        a1 = f32x4.add(a1, f32x4.mul(d, d));
        d = f32x4.sub(xv, v128.load(s2 + j));
        a2 = f32x4.add(a2, f32x4.mul(d, d));
        d = f32x4.sub(xv, v128.load(s3 + j));
        a3 = f32x4.add(a3, f32x4.mul(d, d));
      }
      // transpose-add the four accumulators into one vector of four sums
      const t0 = f32x4.add(v128.shuffle<f32>(a0, a1, 0, 1, 4, 5), v128.shuffle<f32>(a0, a1, 2, 3, 6, 7));
      const t1 = f32x4.add(v128.shuffle<f32>(a2, a3, 0, 1, 4, 5), v128.shuffle<f32>(a2, a3, 2, 3, 6, 7));
      const sums = f32x4.add(v128.shuffle<f32>(t0, t1, 0, 2, 4, 6), v128.shuffle<f32>(t0, t1, 1, 3, 5, 7));
      v128.store(out + (<usize>s << 2), vexp(f32x4.mul(g, sums)));
    }
  }
}
