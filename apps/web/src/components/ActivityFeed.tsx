import Link from "next/link";
import { formatRelative } from "../lib/format.ts";
import { Empty } from "./ui.tsx";

export interface ActivityItem {
  id: string;
  type: string;
  summary: string;
  createdAt: string;
  subjectType: string;
  subjectId: string;
  actor?: { name: string } | null;
}

function hrefOf(item: ActivityItem): string | null {
  switch (item.subjectType) {
    case "Dataset":
      return item.type === "dataset.deleted" ? null : `/datasets/${item.subjectId}`;
    case "Run":
      return `/runs/${item.subjectId}`;
    case "Bicluster":
      return `/biclusters/${item.subjectId}`;
    case "Gene":
      return `/genes/${encodeURIComponent(item.subjectId)}`;
    case "Team":
      return "/team";
    default:
      return null;
  }
}

export function ActivityFeed({ items }: { items: ActivityItem[] }) {
  if (items.length === 0) {
    return (
      <Empty title="Nothing has happened yet">
        <p style={{ margin: 0 }}>Imports, runs, annotations and comments of your team appear here.</p>
      </Empty>
    );
  }
  return (
    <ul className="feed" aria-label="Team activity">
      {items.map((item) => {
        const href = hrefOf(item);
        return (
          <li key={item.id}>
            <div>
              <strong>{item.actor?.name ?? "ExprLab"}</strong> {href ? <Link href={href}>{item.summary}</Link> : item.summary}
            </div>
            <div className="when">{formatRelative(item.createdAt)}</div>
          </li>
        );
      })}
    </ul>
  );
}
