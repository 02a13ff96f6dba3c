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
  data?: unknown;
  actor?: { name: string } | null;
}

function field(data: unknown, key: string): string | undefined {
  const v = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" && v ? v : undefined;
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
    case "Annotation": {
      const gene = field(item.data, "gene");
      return gene ? `/genes/${encodeURIComponent(gene)}` : "/biomarkers";
    }
    case "Comment": {
      const gene = field(item.data, "gene");
      const runId = field(item.data, "runId");
      const biclusterId = field(item.data, "biclusterId");
      if (gene) return `/genes/${encodeURIComponent(gene)}`;
      if (biclusterId) return `/biclusters/${biclusterId}`;
      return runId ? `/runs/${runId}` : null;
    }
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
        // Summaries usually start with the actor's name already ("Ada marked TP53 as candidate").
        const actor = item.actor?.name;
        const prefix = actor && !item.summary.startsWith(actor) ? `${actor}: ` : "";
        return (
          <li key={item.id}>
            <div>
              {prefix}
              {href ? <Link href={href}>{item.summary}</Link> : item.summary}
            </div>
            <div className="when">{formatRelative(item.createdAt)}</div>
          </li>
        );
      })}
    </ul>
  );
}
