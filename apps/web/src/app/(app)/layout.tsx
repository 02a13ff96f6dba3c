import type { ReactNode } from "react";
import { Brand } from "../../components/Brand.tsx";
import { GeneSearch } from "../../components/shell/GeneSearch.tsx";
import { NavLinks } from "../../components/shell/NavLinks.tsx";
import { NotificationBell } from "../../components/shell/NotificationBell.tsx";
import { SignOutButton } from "../../components/shell/SignOutButton.tsx";
import { TeamSwitcher } from "../../components/shell/TeamSwitcher.tsx";
import { getViewer } from "../../lib/viewer.ts";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { me, teams, team, unread } = await getViewer();
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <Brand />
          <NavLinks />
          <GeneSearch teamId={team.id} />
          <div className="topbar-right">
            <NotificationBell initial={unread} />
            <TeamSwitcher teams={teams.map((t) => ({ id: t.id, name: t.name }))} currentId={team.id} />
            <span className="who" title={me.email}>{me.name}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="page" id="main">
        {children}
      </main>
    </>
  );
}
