"use server";
// Server Actions that talk to the API without a session (sign-up).
import { headers } from "next/headers";
import { env } from "../env.ts";
import { clientIpHeaders } from "./options.ts";
import { postGraphQL } from "../lib/graphql/request.ts";
import { describeError, isApiError } from "../lib/graphql/errors.ts";
import { SignUpMutation } from "./operations.ts";

export type SignUpResult = { ok: true } | { ok: false; message: string; field?: string };

export async function signUpAction(input: { name: string; email: string; password: string }): Promise<SignUpResult> {
  const name = input.name.trim();
  const email = input.email.trim();
  if (!name) return { ok: false, field: "name", message: "Please enter your name." };
  if (!email) return { ok: false, field: "email", message: "Please enter your email address." };
  try {
    await postGraphQL(env().graphqlUrl, SignUpMutation, { name, email, password: input.password }, clientIpHeaders(await headers()));
    return { ok: true };
  } catch (error) {
    if (isApiError(error, "BAD_USER_INPUT") || isApiError(error, "CONFLICT") || isApiError(error, "RATE_LIMITED")) {
      const field = typeof error.extensions.field === "string" ? error.extensions.field : undefined;
      return { ok: false, message: error.message, field };
    }
    return { ok: false, message: describeError(error) };
  }
}
