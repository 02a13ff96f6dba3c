"use client";
// The notifications page: newest first, unread ones highlighted; opening one marks it read.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "../generated/index.ts";
import type { NotificationsPageQuery } from "../generated/graphql.ts";
import { formatRelative } from "../lib/format.ts";
import { gql } from "../lib/graphql/client.ts";
import { describeError } from "../lib/graphql/errors.ts";
import { Alert, Empty } from "./ui.tsx";

const MarkRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

type Item = NotificationsPageQuery["notifications"][number];

const KIND: Record<string, string> = { RUN_FINISHED: "Run", MENTION: "Mention", ANNOTATION_CHANGED: "Followed gene" };

export function NotificationList({ initial }: { initial: Item[] }) {
  const router = useRouter();
  const [items, setItems] = useState(initial);
  const [error, setError] = useState<string>();
  const unread = items.filter((n) => !n.read).length;

  async function mark(ids: string[] | null) {
    try {
      await gql(MarkRead, { ids });
      setItems((list) => list.map((n) => (ids === null || ids.includes(n.id) ? { ...n, read: true } : n)));
      router.refresh();
    } catch (e) {
      setError(describeError(e));
    }
  }

  if (items.length === 0) {
    return (
      <Empty title="No notifications yet">
        <p style={{ margin: 0 }}>You hear here when a run you started finishes, when someone @-mentions you, and when a gene you follow is annotated.</p>
      </Empty>
    );
  }
  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      <div className="row">
        <span className="small muted">{unread} unread</span>
        <span className="spacer" />
        {unread > 0 ? (
          <button type="button" className="btn btn-small" onClick={() => void mark(null)}>
            Mark all as read
          </button>
        ) : null}
      </div>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <ul className="feed" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} className={n.read ? undefined : "unread"} style={{ paddingLeft: "0.5rem" }}>
            <div className="row" style={{ gap: "0.5rem" }}>
              <span className="badge">{KIND[n.kind] ?? n.kind}</span>
              {n.link ? (
                <Link href={n.link} onClick={() => (n.read ? undefined : void mark([n.id]))} style={{ fontWeight: n.read ? 400 : 600 }}>
                  {n.summary}
                </Link>
              ) : (
                <span style={{ fontWeight: n.read ? 400 : 600 }}>{n.summary}</span>
              )}
              <span className="when">{formatRelative(n.createdAt)}</span>
              <span className="spacer" />
              {n.read ? null : (
                <button type="button" className="linklike small" onClick={() => void mark([n.id])}>
                  Mark read
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
