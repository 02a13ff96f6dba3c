// Reads a request body up to a limit, stopping (and cancelling the stream) as soon as it is
// passed, so a 100 MB body costs the proxy at most `limit` bytes of memory.

export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: "too-large" };

export async function readLimited(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, limit: number): Promise<LimitedBody> {
  if (declaredLength !== null && Number(declaredLength) > limit) {
    await body?.cancel().catch(() => undefined);
    return { ok: false, reason: "too-large" };
  }
  if (!body) return { ok: true, text: "" };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(all) };
}
