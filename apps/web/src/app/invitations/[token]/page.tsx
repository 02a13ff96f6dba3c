import type { Metadata } from "next";
import { AcceptInvitation } from "../../../components/AcceptInvitation.tsx";
import { Brand } from "../../../components/Brand.tsx";
import { SignOutButton } from "../../../components/shell/SignOutButton.tsx";
import { getApiToken, getSession } from "../../../auth/session.ts";
import { env } from "../../../env.ts";
import { graphql } from "../../../generated/index.ts";
import type { InvitationLandingQuery } from "../../../generated/graphql.ts";
import { enumLabel, formatDate } from "../../../lib/format.ts";
import { isApiError } from "../../../lib/graphql/errors.ts";
import { postGraphQL } from "../../../lib/graphql/request.ts";

export const metadata: Metadata = { title: "Invitation" };

// Public: the token is the secret, and the page says what it offers before anyone signs in.
const Landing = graphql(`
  query InvitationLanding($token: String!) {
    invitationLanding(token: $token) {
      teamName
      invitedByName
      role
      emailHint
      expiresAt
      status
    }
  }
`);

// Signed in: is it addressed to this account (and still pending)?
const ForMe = graphql(`
  query InvitationForMe($token: String!) {
    invitationPreview(token: $token) {
      teamId
    }
  }
`);

type Landing = InvitationLandingQuery["invitationLanding"];

const ROLE_WORDS: Record<string, string> = {
  VIEWER: "see its datasets, runs and biomarker board",
  MEMBER: "import data, start runs, annotate genes and comment",
  ADMIN: "do what members do and manage members",
  OWNER: "manage everything, including owners",
};

async function landing(token: string): Promise<Landing | null> {
  try {
    return (await postGraphQL(env().graphqlUrl, Landing, { token }, {})).invitationLanding;
  } catch (error) {
    if (isApiError(error, "NOT_FOUND")) return null;
    throw error;
  }
}

async function addressedToMe(token: string): Promise<boolean> {
  const apiToken = await getApiToken();
  if (!apiToken) return false;
  try {
    await postGraphQL(env().graphqlUrl, ForMe, { token }, { authorization: `Bearer ${apiToken}` });
    return true;
  } catch (error) {
    if (isApiError(error, "NOT_FOUND")) return false;
    throw error;
  }
}

export default async function InvitationPage(props: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await props.params).token);
  const [session, offer] = await Promise.all([getSession(), landing(token)]);
  const here = `/invitations/${encodeURIComponent(token)}`;
  const mine = session && offer?.status === "PENDING" ? await addressedToMe(token) : false;

  let body;
  if (!offer) {
    body = (
      <>
        <h1>This invitation link does not work</h1>
        <p className="subtitle">No invitation has this link. Check that you copied all of it, or ask for a new invitation.</p>
        <a className="btn" href={session ? "/" : "/signin"} style={{ width: "100%" }}>
          {session ? "Go to your dashboard" : "Sign in"}
        </a>
      </>
    );
  } else {
    const role = enumLabel(offer.role).toLowerCase();
    const headline = (
      <>
        <h1>Join {offer.teamName}</h1>
        <p className="subtitle" data-testid="invitation-offer">
          {offer.invitedByName} invited you to <strong>{offer.teamName}</strong> as <strong>{role}</strong>: you can {ROLE_WORDS[offer.role]}.
        </p>
      </>
    );
    if (offer.status !== "PENDING") {
      const why = offer.status === "ACCEPTED" ? "has already been used" : offer.status === "REVOKED" ? "was withdrawn" : `expired on ${formatDate(offer.expiresAt)}`;
      body = (
        <>
          {headline}
          <div className="alert alert-warning" role="status">
            This invitation {why}. {offer.status === "ACCEPTED" ? "If it was you, the team is in your team list." : `Ask ${offer.invitedByName} for a new one.`}
          </div>
          <a className="btn" href={session ? "/" : "/signin"} style={{ width: "100%", marginTop: "1rem" }}>
            {session ? "Go to your dashboard" : "Sign in"}
          </a>
        </>
      );
    } else if (session && mine) {
      body = (
        <>
          {headline}
          <p className="small muted" style={{ textAlign: "center" }}>
            Signed in as {session.user.name} ({session.user.email}). The invitation expires {formatDate(offer.expiresAt)}.
          </p>
          <AcceptInvitation token={token} />
        </>
      );
    } else if (session) {
      body = (
        <>
          {headline}
          <div className="alert alert-warning" role="status">
            This invitation is for {offer.emailHint}, and you are signed in as {session.user.email}. Sign out, then sign in or create an account with the invited
            address.
          </div>
          <p style={{ textAlign: "center", marginTop: "1rem" }}>
            <SignOutButton />
          </p>
        </>
      );
    } else {
      body = (
        <>
          {headline}
          <p className="small muted" style={{ textAlign: "center" }}>
            Sign in, or create an account, with the address it was sent to ({offer.emailHint}).
          </p>
          <div className="stack" style={{ gap: "0.6rem" }}>
            <a className="btn btn-primary" href={`/signup?callbackUrl=${encodeURIComponent(here)}`}>
              Create an account
            </a>
            <a className="btn" href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>
              Sign in
            </a>
          </div>
        </>
      );
    }
  }
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/" />
        {body}
      </div>
    </div>
  );
}
