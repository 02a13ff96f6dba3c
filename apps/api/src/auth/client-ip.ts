// The client address that rate limits count against. Sign-in and sign-up reach the API from the
// web app's server, so its address is everyone's: the web app forwards the browser's address in
// x-exprlab-client-ip, believed only together with the INTERNAL_SECRET header. Otherwise the
// socket's address, or express's req.ip behind a reverse proxy the operator declares (TRUST_PROXY).
import type { Request } from "express";
import { hasInternalSecret, readHeader } from "./authenticate.ts";

export const CLIENT_IP_HEADER = "x-exprlab-client-ip";

export function clientIpOf(req: Request, internalSecret: string): string {
  if (hasInternalSecret(req.headers, internalSecret)) {
    const forwarded = readHeader(req.headers, CLIENT_IP_HEADER)?.trim();
    if (forwarded && forwarded.length <= 64) return forwarded;
  }
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
