// Numbers in exports: a stored value is float32, so it is written with the fewest significant
// digits that read back to the same float32 (0.3 rather than 0.30000001192092896), and any
// reader (R, pandas, our importer) gets exactly the stored value back.

/** The shortest decimal text of `v` that rounds to the same float32 (NaN: ""). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return "";
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const text = f.toPrecision(p);
    if (Math.fround(Number(text)) === f) return String(Number(text));
  }
  return String(f);
}
