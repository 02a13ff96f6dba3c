"use client";
// The top bar's bell: unread notifications (runs finished, mentions, followed genes), refreshed
// every 30 s and on navigation.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";

const Unread = graphql(`
  query UnreadNotifications {
    unreadNotificationCount
  }
`);

const POLL_MS = 30_000;

export function NotificationBell({ initial }: { initial: number }) {
  const [count, setCount] = useState(initial);
  const pathname = usePathname();
  useEffect(() => setCount(initial), [initial, pathname]);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(() => {
      if (document.visibilityState !== "visible") return;
      gql(Unread, {})
        .then((d) => {
          if (!stopped) setCount(d.unreadNotificationCount);
        })
        .catch(() => {});
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <Link href="/notifications" className="bell" aria-label={count ? `Notifications: ${count} unread` : "Notifications"} data-testid="notification-bell">
      <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 ? <span className="count">{count > 99 ? "99+" : count}</span> : null}
    </Link>
  );
}
