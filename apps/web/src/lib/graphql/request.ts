// Shared request logic for the server (direct to the API) and the browser (through /api/graphql).
import type { TypedDocumentString } from "../../generated/graphql.ts";
import { ApiError, toApiError, type GraphQLErrorJson } from "./errors.ts";

export type Doc<R, V> = TypedDocumentString<R, V>;

interface GraphQLResponse<R> {
  data?: R | null;
  errors?: GraphQLErrorJson[];
}

export async function postGraphQL<R, V>(
  url: string,
  doc: Doc<R, V>,
  variables: V | undefined,
  headers: Record<string, string>,
  init: { signal?: AbortSignal } = {},
): Promise<R> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
      cache: "no-store",
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("NETWORK", "The ExprLab API could not be reached.");
  }
  let body: GraphQLResponse<R>;
  try {
    body = (await response.json()) as GraphQLResponse<R>;
  } catch {
    throw new ApiError(
      response.status === 401 ? "UNAUTHENTICATED" : "NETWORK",
      `The ExprLab API answered ${response.status} without a GraphQL body.`,
    );
  }
  const first = body.errors?.[0];
  if (first) throw toApiError(first);
  if (body.data === undefined || body.data === null) {
    throw new ApiError("INTERNAL_SERVER_ERROR", "The API returned no data.");
  }
  return body.data;
}
