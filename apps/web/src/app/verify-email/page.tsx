// The link mailed at sign-up: confirms the address with the API and says so.
import type { Metadata } from "next";
import { Brand } from "../../components/Brand.tsx";
import { env } from "../../env.ts";
import { graphql } from "../../generated/index.ts";
import { postGraphQL } from "../../lib/graphql/request.ts";
import { describeError } from "../../lib/graphql/errors.ts";

export const metadata: Metadata = { title: "Confirm your email" };

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      email
    }
  }
`);

export default async function VerifyEmailPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await props.searchParams;
  const token = Array.isArray(sp.token) ? sp.token[0] : sp.token;
  let message: string;
  try {
    if (!token) throw new Error("This link has no token.");
    const { verifyEmail } = await postGraphQL(env().graphqlUrl, VerifyEmailMutation, { token }, {});
    message = `Thank you: ${verifyEmail.email} is confirmed.`;
  } catch (error) {
    message = error instanceof Error && !("code" in error) ? error.message : describeError(error);
  }
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/signin" />
        <h1>Confirm your email</h1>
        <p role="status">{message}</p>
        <p className="small">
          <a href="/signin">Sign in</a>
        </p>
      </div>
    </div>
  );
}
