// Vector (f32x4) and scalar exp, sigmoid and tanh, with the same polynomial (Cephes expf, ~1 ulp)
// so SIMD lanes and scalar code agree. tanh(x) = 2 sigmoid(2x) - 1: absolute error ~1e-7 near 0,
// which is all an LSTM gate needs.

@inline const EXP_HI: f32 = 88.0;
@inline const EXP_LO: f32 = -87.0;
@inline const LOG2E: f32 = 1.44269504088896341;
@inline const LN2_HI: f32 = 0.693359375;
@inline const LN2_LO: f32 = -2.12194440e-4;
@inline const P0: f32 = 1.9875691500e-4;
@inline const P1: f32 = 1.3981999507e-3;
@inline const P2: f32 = 8.3334519073e-3;
@inline const P3: f32 = 4.1665795894e-2;
@inline const P4: f32 = 1.6666665459e-1;
@inline const P5: f32 = 5.0000001201e-1;

@inline
export function vexp(x0: v128): v128 {
  const x = f32x4.min(f32x4.max(x0, f32x4.splat(EXP_LO)), f32x4.splat(EXP_HI));
  const fx = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(fx, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(P0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  const y = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fx), i32x4.splat(127)), 23);
  return f32x4.mul(y, scale);
}

@inline
export function vsigmoid(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, vexp(f32x4.neg(x))));
}

@inline
export function vtanh(x: v128): v128 {
  const one = f32x4.splat(1);
  const two = f32x4.splat(2);
  return f32x4.sub(f32x4.div(two, f32x4.add(one, vexp(f32x4.mul(x, f32x4.splat(-2))))), one);
}

export function sexp(x0: f32): f32 {
  const x = min<f32>(max<f32>(x0, EXP_LO), EXP_HI);
  const fx = nearest<f32>(x * LOG2E);
  let r = x - fx * LN2_HI;
  r = r - fx * LN2_LO;
  let p = P0;
  p = p * r + P1;
  p = p * r + P2;
  p = p * r + P3;
  p = p * r + P4;
  p = p * r + P5;
  const y = p * (r * r) + r + 1;
  return y * reinterpret<f32>((<i32>fx + 127) << 23);
}
