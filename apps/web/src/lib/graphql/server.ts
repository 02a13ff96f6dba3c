// GraphQL from Server Components and Server Actions: straight to the API with the session's token.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { env } from "../../env.ts";
import { requireApiToken } from "../../auth/session.ts";
import { isApiError } from "./errors.ts";
import { postGraphQL, type Doc } from "./request.ts";

/** Runs an operation as the signed-in user; throws ApiError on failure. */
export async function apiRequest<R, V>(doc: Doc<R, V>, variables?: V): Promise<R> {
  const token = await requireApiToken();
  return postGraphQL(env().graphqlUrl, doc, variables, { authorization: `Bearer ${token}` });
}

/**
 * For pages: like apiRequest, but NOT_FOUND renders the not-found page and UNAUTHENTICATED
 * (expired or revoked session) sends the user to sign in.
 */
export async function pageQuery<R, V>(doc: Doc<R, V>, variables?: V): Promise<R> {
  try {
    return await apiRequest(doc, variables);
  } catch (error) {
    if (isApiError(error, "NOT_FOUND")) notFound();
    if (isApiError(error, "UNAUTHENTICATED")) redirect("/signin?expired=1");
    throw error;
  }
}
