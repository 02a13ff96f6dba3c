import type { Metadata } from "next";
import { NotificationList } from "../../../components/NotificationList.tsx";
import { Card, PageHeader } from "../../../components/ui.tsx";
import { graphql } from "../../../generated/index.ts";
import { pageQuery } from "../../../lib/graphql/server.ts";

export const metadata: Metadata = { title: "Notifications" };

const NotificationsQuery = graphql(`
  query NotificationsPage {
    notifications(first: 100) {
      id
      kind
      summary
      link
      read
      createdAt
      teamId
      actor {
        name
      }
    }
  }
`);

export default async function NotificationsPage() {
  const { notifications } = await pageQuery(NotificationsQuery);
  return (
    <>
      <PageHeader title="Notifications" subtitle="Your runs that finished, comments that mention you, and changes to genes you follow." />
      <Card>
        <NotificationList initial={notifications} />
      </Card>
    </>
  );
}
