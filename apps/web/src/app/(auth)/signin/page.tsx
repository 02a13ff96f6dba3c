import type { Metadata } from "next";
import { connection } from "next/server";
import { Brand } from "../../../components/Brand.tsx";
import { SignInForm } from "../../../components/auth/SignInForm.tsx";
import { enabledOAuthProviders } from "../../../auth/options.ts";
import { env } from "../../../env.ts";
import { safeCallbackUrl } from "../../../lib/security/callback-url.ts";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const sp = await props.searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallbackUrl(one(sp.callbackUrl), env().appUrl);
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/signin" />
        <h1>Sign in</h1>
        <p className="subtitle">Your team&apos;s datasets, runs and biomarker board.</p>
        <SignInForm
          callbackUrl={callbackUrl}
          error={one(sp.error)}
          expired={one(sp.expired) === "1"}
          providers={enabledOAuthProviders()}
        />
      </div>
    </div>
  );
}
