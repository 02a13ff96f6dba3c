// The hypergeometric distribution in log space, for over-representation tests: draw n genes
// (a bicluster) from N (the universe) of which K are in a gene set; X = genes of the set drawn.
// Terms are built from ln C(a, b) via ln Gamma, then summed along the SMALLER tail with the
// ratio of consecutive terms, so a p-value of 1e-300 is as accurate as one of 0.3.

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SMALL = 16;
const lnFactSmall: number[] = [0];
for (let i = 1; i <= SMALL; i++) lnFactSmall.push(lnFactSmall[i - 1]! + Math.log(i));

/**
 * ln Gamma(x) for x > 0: exact sums below 17 (via ln((x-1)!) when x is an integer), otherwise
 * shifted up to x >= 17 and the Stirling series with terms to x^-9 (error < 1e-16 relative there).
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (Number.isInteger(x) && x <= SMALL + 1) return lnFactSmall[x - 1]!;
  let shift = 0;
  let y = x;
  while (y < 17) {
    shift += Math.log(y);
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + series - shift;
}

/** ln C(n, k) (-Infinity outside 0 <= k <= n). */
export function lnChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (k === 0 || k === n) return 0;
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

function check(N: number, K: number, n: number): void {
  if (!(Number.isInteger(N) && Number.isInteger(K) && Number.isInteger(n) && N >= 0 && K >= 0 && n >= 0 && K <= N && n <= N)) {
    throw new RangeError(`hypergeometric needs integers 0 <= K, n <= N; got N=${N}, K=${K}, n=${n}`);
  }
}

/** ln P(X = x) for X ~ Hypergeometric(N, K, n). */
export function lnHypergeometricPmf(x: number, N: number, K: number, n: number): number {
  check(N, K, n);
  return lnChoose(K, x) + lnChoose(N - K, n - x) - lnChoose(N, n);
}

/**
 * P(X >= k): the one-sided (over-representation) p-value of Fisher's exact test for an overlap of
 * k genes. The mode m = floor((n+1)(K+1)/(N+2)) decides the tail: for k > m the upper tail is summed
 * directly (its terms fall from the first one); otherwise 1 - P(X <= k-1) with the lower tail,
 * which is then the smaller one, summed the same way.
 */
export function hypergeometricUpperTail(k: number, N: number, K: number, n: number): number {
  check(N, K, n);
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(K, n);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const mode = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  if (k > mode) return Math.exp(lnHypergeometricPmf(k, N, K, n)) * sumUp(k, hi, N, K, n);
  const lower = Math.exp(lnHypergeometricPmf(k - 1, N, K, n)) * sumDown(k - 1, lo, N, K, n);
  return Math.min(1, Math.max(0, 1 - lower));
}

/** sum_{x=from}^{hi} P(x) / P(from), by the ratio P(x+1)/P(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1)). */
function sumUp(from: number, hi: number, N: number, K: number, n: number): number {
  let term = 1;
  let sum = 1;
  for (let x = from; x < hi; x++) {
    term *= ((K - x) * (n - x)) / ((x + 1) * (N - K - n + x + 1));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** sum_{x=lo}^{from} P(x) / P(from), by the ratio P(x-1)/P(x) = x(N-K-n+x) / ((K-x+1)(n-x+1)). */
function sumDown(from: number, lo: number, N: number, K: number, n: number): number {
  let term = 1;
  let sum = 1;
  for (let x = from; x > lo; x--) {
    term *= (x * (N - K - n + x)) / ((K - x + 1) * (n - x + 1));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}
