import type { Metadata } from "next";
import { Brand } from "../../../components/Brand.tsx";
import { SignUpForm } from "../../../components/auth/SignUpForm.tsx";
import { env } from "../../../env.ts";
import { safeCallbackUrl } from "../../../lib/security/callback-url.ts";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await props.searchParams;
  const cb = Array.isArray(sp.callbackUrl) ? sp.callbackUrl[0] : sp.callbackUrl;
  const callbackUrl = safeCallbackUrl(cb, env().appUrl);
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/signin" />
        <h1>Create your account</h1>
        <p className="subtitle">You get a personal team; invite colleagues later.</p>
        <SignUpForm callbackUrl={callbackUrl} />
      </div>
    </div>
  );
}
