// The ExprLab mark: a tiny 3x3 heatmap.
const CELLS = ["#2166ac", "#f7f7f7", "#b2182b", "#92c5de", "#d6604d", "#f7f7f7", "#b2182b", "#4393c3", "#fddbc7"];

export function Brand({ href = "/" }: { href?: string }) {
  return (
    <a href={href} className="brand" aria-label="ExprLab home">
      <span className="brand-mark" aria-hidden="true">
        {CELLS.map((c, i) => (
          <span key={i} style={{ background: c }} />
        ))}
      </span>
      ExprLab
    </a>
  );
}
