// One LSTM step over a block of rows, forward and backward, in f32x4. Rows come in groups of 4
// and units in groups of 8 (see layout.ts), so every loop is a whole number of vectors.
import { vsigmoid, vtanh } from "./math";
import { ACT, G, O_B, O_WH, O_WX, U, pP } from "./layout";

/** z[r, :] = x[r] * Wx + b + h[r, :] Wh for `rows` rows (4 rows x 8 gate columns per block). */
export function project(rows: i32, xt: usize, h: usize, z: usize): void {
  const wx = pP + (<usize>O_WX << 2);
  const wh = pP + (<usize>O_WH << 2);
  const bias = pP + (<usize>O_B << 2);
  const rowH = <usize>U << 2;
  const rowZ = <usize>G << 2;
  for (let r = 0; r < rows; r += 4) {
    const x0 = v128.load32_splat(xt + (<usize>r << 2));
    const x1 = v128.load32_splat(xt + (<usize>r << 2) + 4);
    const x2 = v128.load32_splat(xt + (<usize>r << 2) + 8);
    const x3 = v128.load32_splat(xt + (<usize>r << 2) + 12);
    const h0 = h + <usize>r * rowH;
    const h1 = h0 + rowH;
    const h2 = h1 + rowH;
    const h3 = h2 + rowH;
    const z0 = z + <usize>r * rowZ;
    for (let j: usize = 0; j < rowZ; j += 32) {
      const wxa = v128.load(wx + j);
      const wxb = v128.load(wx + j, 16);
      const ba = v128.load(bias + j);
      const bb = v128.load(bias + j, 16);
      let a0 = f32x4.add(f32x4.mul(x0, wxa), ba);
      let b0 = f32x4.add(f32x4.mul(x0, wxb), bb);
      let a1 = f32x4.add(f32x4.mul(x1, wxa), ba);
      let b1 = f32x4.add(f32x4.mul(x1, wxb), bb);
      let a2 = f32x4.add(f32x4.mul(x2, wxa), ba);
      let b2 = f32x4.add(f32x4.mul(x2, wxb), bb);
      let a3 = f32x4.add(f32x4.mul(x3, wxa), ba);
      let b3 = f32x4.add(f32x4.mul(x3, wxb), bb);
      let w = wh + j;
      for (let k: usize = 0; k < rowH; k += 4) {
        const wa = v128.load(w);
        const wb = v128.load(w, 16);
        let s = v128.load32_splat(h0 + k);
        a0 = f32x4.add(a0, f32x4.mul(s, wa));
        b0 = f32x4.add(b0, f32x4.mul(s, wb));
        s = v128.load32_splat(h1 + k);
        a1 = f32x4.add(a1, f32x4.mul(s, wa));
        b1 = f32x4.add(b1, f32x4.mul(s, wb));
        s = v128.load32_splat(h2 + k);
        a2 = f32x4.add(a2, f32x4.mul(s, wa));
        b2 = f32x4.add(b2, f32x4.mul(s, wb));
        s = v128.load32_splat(h3 + k);
        a3 = f32x4.add(a3, f32x4.mul(s, wa));
        b3 = f32x4.add(b3, f32x4.mul(s, wb));
        w += rowZ;
      }
      v128.store(z0 + j, a0);
      v128.store(z0 + j, b0, 16);
      v128.store(z0 + rowZ + j, a1);
      v128.store(z0 + rowZ + j, b1, 16);
      v128.store(z0 + 2 * rowZ + j, a2);
      v128.store(z0 + 2 * rowZ + j, b2, 16);
      v128.store(z0 + 3 * rowZ + j, a3);
      v128.store(z0 + 3 * rowZ + j, b3, 16);
    }
  }
}

/**
 * Gates and cell update, in place on z: z becomes [i | f | g | o] (activated); c' = f c + i g,
 * tc = act(c'), h' = o tc. c and c' may be the same buffer.
 */
export function cell(rows: i32, z: usize, c: usize, cNext: usize, tc: usize, hNext: usize): void {
  const rowU = <usize>U << 2;
  const rowZ = <usize>G << 2;
  const relu = ACT == 1;
  const zero = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    const zr = z + <usize>r * rowZ;
    const off = <usize>r * rowU;
    for (let k: usize = 0; k < rowU; k += 16) {
      const i = vsigmoid(v128.load(zr + k));
      const f = vsigmoid(v128.load(zr + rowU + k));
      const zg = v128.load(zr + 2 * rowU + k);
      const g = relu ? f32x4.max(zg, zero) : vtanh(zg);
      const o = vsigmoid(v128.load(zr + 3 * rowU + k));
      v128.store(zr + k, i);
      v128.store(zr + rowU + k, f);
      v128.store(zr + 2 * rowU + k, g);
      v128.store(zr + 3 * rowU + k, o);
      const cn = f32x4.add(f32x4.mul(f, v128.load(c + off + k)), f32x4.mul(i, g));
      const t = relu ? f32x4.max(cn, zero) : vtanh(cn);
      v128.store(cNext + off + k, cn);
      v128.store(tc + off + k, t);
      v128.store(hNext + off + k, f32x4.mul(o, t));
    }
  }
}

/**
 * Backward through one step's gates, in place: z (activated gates) becomes dL/dz, dc becomes
 * dL/dc of the previous step. dh is dL/dh of this step, c the previous cell state, cNext this
 * step's, tc = act(cNext).
 */
export function cellBackward(rows: i32, z: usize, c: usize, cNext: usize, tc: usize, dh: usize, dc: usize): void {
  const rowU = <usize>U << 2;
  const rowZ = <usize>G << 2;
  const relu = ACT == 1;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    const zr = z + <usize>r * rowZ;
    const off = <usize>r * rowU;
    for (let k: usize = 0; k < rowU; k += 16) {
      const i = v128.load(zr + k);
      const f = v128.load(zr + rowU + k);
      const g = v128.load(zr + 2 * rowU + k);
      const o = v128.load(zr + 3 * rowU + k);
      const t = v128.load(tc + off + k);
      const d = v128.load(dh + off + k);
      const dO = f32x4.mul(d, t);
      const dAct = relu
        ? v128.and(f32x4.mul(d, o), f32x4.gt(v128.load(cNext + off + k), zero))
        : f32x4.mul(f32x4.mul(d, o), f32x4.sub(one, f32x4.mul(t, t)));
      const dcT = f32x4.add(v128.load(dc + off + k), dAct);
      const dI = f32x4.mul(dcT, g);
      const dG = f32x4.mul(dcT, i);
      const dF = f32x4.mul(dcT, v128.load(c + off + k));
      v128.store(dc + off + k, f32x4.mul(dcT, f));
      v128.store(zr + k, f32x4.mul(f32x4.mul(dI, i), f32x4.sub(one, i)));
      v128.store(zr + rowU + k, f32x4.mul(f32x4.mul(dF, f), f32x4.sub(one, f)));
      const dzg = relu ? v128.and(dG, f32x4.gt(g, zero)) : f32x4.mul(dG, f32x4.sub(one, f32x4.mul(g, g)));
      v128.store(zr + 2 * rowU + k, dzg);
      v128.store(zr + 3 * rowU + k, f32x4.mul(f32x4.mul(dO, o), f32x4.sub(one, o)));
    }
  }
}

/** dWh += h^T dz (4 units x 8 gate columns per block), dWx += x^T dz, db += sum dz. */
export function accumulateWeights(rows: i32, xt: usize, h: usize, dz: usize, grad: usize, withH: bool): void {
  const rowU = <usize>U << 2;
  const rowZ = <usize>G << 2;
  const gwh = grad + (<usize>O_WH << 2);
  if (withH) {
    for (let k: usize = 0; k < rowU; k += 16) {
      const g0 = gwh + (k >> 2) * rowZ;
      const g1 = g0 + rowZ;
      const g2 = g1 + rowZ;
      const g3 = g2 + rowZ;
      for (let j: usize = 0; j < rowZ; j += 32) {
        let a0 = v128.load(g0 + j);
        let b0 = v128.load(g0 + j, 16);
        let a1 = v128.load(g1 + j);
        let b1 = v128.load(g1 + j, 16);
        let a2 = v128.load(g2 + j);
        let b2 = v128.load(g2 + j, 16);
        let a3 = v128.load(g3 + j);
        let b3 = v128.load(g3 + j, 16);
        let hr = h + k;
        let d = dz + j;
        for (let r = 0; r < rows; r++) {
          const da = v128.load(d);
          const db = v128.load(d, 16);
          let s = v128.load32_splat(hr);
          a0 = f32x4.add(a0, f32x4.mul(s, da));
          b0 = f32x4.add(b0, f32x4.mul(s, db));
          s = v128.load32_splat(hr, 4);
          a1 = f32x4.add(a1, f32x4.mul(s, da));
          b1 = f32x4.add(b1, f32x4.mul(s, db));
          s = v128.load32_splat(hr, 8);
          a2 = f32x4.add(a2, f32x4.mul(s, da));
          b2 = f32x4.add(b2, f32x4.mul(s, db));
          s = v128.load32_splat(hr, 12);
          a3 = f32x4.add(a3, f32x4.mul(s, da));
          b3 = f32x4.add(b3, f32x4.mul(s, db));
          hr += rowU;
          d += rowZ;
        }
        v128.store(g0 + j, a0);
        v128.store(g0 + j, b0, 16);
        v128.store(g1 + j, a1);
        v128.store(g1 + j, b1, 16);
        v128.store(g2 + j, a2);
        v128.store(g2 + j, b2, 16);
        v128.store(g3 + j, a3);
        v128.store(g3 + j, b3, 16);
      }
    }
  }
  const gwx = grad + (<usize>O_WX << 2);
  const gb = grad + (<usize>O_B << 2);
  for (let j: usize = 0; j < rowZ; j += 16) {
    let ax = v128.load(gwx + j);
    let ab = v128.load(gb + j);
    let d = dz + j;
    for (let r = 0; r < rows; r++) {
      const v = v128.load(d);
      ax = f32x4.add(ax, f32x4.mul(v128.load32_splat(xt + (<usize>r << 2)), v));
      ab = f32x4.add(ab, v);
      d += rowZ;
    }
    v128.store(gwx + j, ax);
    v128.store(gb + j, ab);
  }
}

@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** dh[r, k] = sum_j dz[r, j] Wh[k, j] (4 rows x 2 units per block). */
export function backToHidden(rows: i32, dz: usize, dh: usize): void {
  const wh = pP + (<usize>O_WH << 2);
  const rowU = <usize>U << 2;
  const rowZ = <usize>G << 2;
  for (let r = 0; r < rows; r += 4) {
    const d0 = dz + <usize>r * rowZ;
    for (let k: usize = 0; k < <usize>U; k += 2) {
      const w0 = wh + k * rowZ;
      const w1 = w0 + rowZ;
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      let b0 = f32x4.splat(0);
      let b1 = f32x4.splat(0);
      let b2 = f32x4.splat(0);
      let b3 = f32x4.splat(0);
      for (let j: usize = 0; j < rowZ; j += 16) {
        const wa = v128.load(w0 + j);
        const wb = v128.load(w1 + j);
        let d = v128.load(d0 + j);
        a0 = f32x4.add(a0, f32x4.mul(d, wa));
        b0 = f32x4.add(b0, f32x4.mul(d, wb));
        d = v128.load(d0 + rowZ + j);
        a1 = f32x4.add(a1, f32x4.mul(d, wa));
        b1 = f32x4.add(b1, f32x4.mul(d, wb));
        d = v128.load(d0 + 2 * rowZ + j);
        a2 = f32x4.add(a2, f32x4.mul(d, wa));
        b2 = f32x4.add(b2, f32x4.mul(d, wb));
        d = v128.load(d0 + 3 * rowZ + j);
        a3 = f32x4.add(a3, f32x4.mul(d, wa));
        b3 = f32x4.add(b3, f32x4.mul(d, wb));
      }
      const o = dh + <usize>r * rowU + (k << 2);
      store<f32>(o, hsum(a0));
      store<f32>(o, hsum(b0), 4);
      store<f32>(o + rowU, hsum(a1));
      store<f32>(o + rowU, hsum(b1), 4);
      store<f32>(o + 2 * rowU, hsum(a2));
      store<f32>(o + 2 * rowU, hsum(b2), 4);
      store<f32>(o + 3 * rowU, hsum(a3));
      store<f32>(o + 3 * rowU, hsum(b3), 4);
    }
  }
}
