import type { Metadata } from "next";
import { AcceptInvitation } from "../../../components/AcceptInvitation.tsx";
import { Brand } from "../../../components/Brand.tsx";
import { getSession } from "../../../auth/session.ts";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  const session = await getSession();
  const here = `/invitations/${encodeURIComponent(decodeURIComponent(token))}`;
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/" />
        <h1>You are invited to a team</h1>
        {session ? (
          <>
            <p className="subtitle">
              Signed in as {session.user.name} ({session.user.email}). Accept to see the team&apos;s datasets, runs and biomarker board.
            </p>
            <AcceptInvitation token={decodeURIComponent(token)} />
            <p className="small muted" style={{ textAlign: "center", marginTop: "1rem" }}>
              The invitation only works for the email address it was sent to.
            </p>
          </>
        ) : (
          <>
            <p className="subtitle">Sign in, or create an account with the email address the invitation was sent to.</p>
            <div className="stack" style={{ gap: "0.6rem" }}>
              <a className="btn btn-primary" href={`/signup?callbackUrl=${encodeURIComponent(here)}`}>
                Create an account
              </a>
              <a className="btn" href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>
                Sign in
              </a>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
