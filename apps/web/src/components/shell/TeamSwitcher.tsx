"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setCurrentTeam } from "../../lib/team-actions.ts";

export function TeamSwitcher({ teams, currentId }: { teams: { id: string; name: string }[]; currentId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="row" style={{ gap: "0.4rem" }}>
      <span className="team-label">Team</span>
      <select
        aria-label="Current team"
        value={currentId}
        disabled={pending}
        onChange={(e) => {
          const id = e.currentTarget.value;
          start(async () => {
            await setCurrentTeam(id);
            router.push("/");
            router.refresh();
          });
        }}
      >
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
