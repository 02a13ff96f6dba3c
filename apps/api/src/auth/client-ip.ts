// The client address that rate limits count against. Sign-in, sign-up and the browser's proxied
// requests reach the API from the web app's server, so its address is everyone's: the web app
// forwards the browser's address in x-exprlab-client-ip with an HMAC of it under INTERNAL_SECRET
// (x-exprlab-client-ip-signature). A signed address is believed; the header grants nothing else
// (the secret itself is never sent on proxied requests, so they do not get the `internal` scope).
// Otherwise the socket's address, or express's req.ip behind a proxy the operator declares (TRUST_PROXY).
import { createHmac } from "node:crypto";
import type { Request } from "express";
import { readHeader } from "./authenticate.ts";
import { safeEqual } from "./tokens.ts";

export const CLIENT_IP_HEADER = "x-exprlab-client-ip";
export const CLIENT_IP_SIGNATURE_HEADER = "x-exprlab-client-ip-signature";

/** The signature the web app sends with a forwarded address (hex HMAC-SHA256). */
export function signClientIp(ip: string, secret: string): string {
  return createHmac("sha256", secret).update(`client-ip:${ip}`).digest("hex");
}

export function clientIpOf(req: Request, internalSecret: string): string {
  const forwarded = readHeader(req.headers, CLIENT_IP_HEADER)?.trim();
  const signature = readHeader(req.headers, CLIENT_IP_SIGNATURE_HEADER);
  if (forwarded && forwarded.length <= 64 && signature && safeEqual(signature, signClientIp(forwarded, internalSecret))) return forwarded;
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
