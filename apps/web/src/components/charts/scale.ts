// Label helpers shared by the charts (pure, unit-tested). The heatmap's colour scales live in components/heatmap/layout.ts.

/** Show every label when there are few, else every k-th so labels do not overlap. */
export function labelInterval(count: number, pixels: number, pixelsPerLabel: number): number {
  if (count <= 0) return 0;
  const fit = Math.max(1, Math.floor(pixels / pixelsPerLabel));
  return count <= fit ? 0 : Math.ceil(count / fit) - 1;
}
