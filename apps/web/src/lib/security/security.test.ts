// Web-side defences as pure functions (issue 12, findings 7, 10, 11, 15).
import { describe, expect, it } from "vitest";
import { biclusterCsv, csvField, toCsv } from "../export.ts";
import { readLimited } from "./body-limit.ts";
import { safeCallbackUrl } from "./callback-url.ts";
import { contentSecurityPolicy, isHttps, securityHeaders } from "./headers.ts";

const APP = "http://localhost:3000";

describe("finding 7: safe callback URLs", () => {
  it("refuses every form of another host", () => {
    for (const raw of [
      "/%5Cevil.example/path",
      "/\\evil.example/path",
      "//evil.example/path",
      "/\t/evil.example",
      "https://evil.example/",
      "https:evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "%2F%2Fevil.example",
      "http://localhost:3000.evil.example/",
      "http://user@evil.example",
    ]) {
      expect(safeCallbackUrl(raw, APP), raw).toBe("/");
    }
  });

  it("keeps paths, queries and hashes of this app, also as absolute URLs", () => {
    expect(safeCallbackUrl("/runs/abc?x=1#top", APP)).toBe("/runs/abc?x=1#top");
    expect(safeCallbackUrl("http://localhost:3000/datasets", APP)).toBe("/datasets");
    expect(safeCallbackUrl("datasets", APP)).toBe("/datasets");
    expect(safeCallbackUrl(undefined, APP)).toBe("/");
    expect(safeCallbackUrl("%E0%A4%A", APP)).toBe("/"); // malformed escape
  });
});

describe("finding 10: the proxy reads at most the body limit", () => {
  const stream = (chunks: number, size: number) => {
    let sent = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= chunks) controller.close();
        else controller.enqueue(new Uint8Array(size));
      },
      cancel() {
        cancelled = true;
      },
    });
    return { body, read: () => sent, cancelled: () => cancelled };
  };

  it("stops after the limit on an undeclared 100 MB body and cancels the stream", async () => {
    const s = stream(100, 1024 * 1024);
    const res = await readLimited(s.body, null, 1024 * 1024);
    expect(res).toEqual({ ok: false, reason: "too-large" });
    expect(s.read()).toBeLessThanOrEqual(3);
    expect(s.cancelled()).toBe(true);
  });

  it("refuses a declared length over the limit without reading, and reads a small body", async () => {
    const s = stream(100, 1024 * 1024);
    expect(await readLimited(s.body, String(100 * 1024 * 1024), 1024 * 1024)).toEqual({ ok: false, reason: "too-large" });
    expect(s.read()).toBe(0);
    const small = new Blob(['{"query":"{ health }"}']).stream();
    expect(await readLimited(small, null, 1024)).toEqual({ ok: true, text: '{"query":"{ health }"}' });
  });
});

describe("finding 11: CSV exports escape formulas", () => {
  it("prefixes = + - @ tab and CR text cells, and keeps numbers", () => {
    expect(csvField("=HYPERLINK(\"http://evil\")")).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+1+cmd")).toBe("'+1+cmd");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField("TP53")).toBe("TP53");
    expect(toCsv(["note"], [["=1+1"]])).toBe("note\n'=1+1\n");
    const csv = biclusterCsv({
      id: "b",
      runId: "r",
      index: 0,
      genes: [{ gene: "=cmd|' /C calc'!A0", silhouette: -0.25, status: null }],
      conditions: ["@t0"],
      msr: 0,
      silhouette: null,
      pValue: null,
      meanProfile: [],
    });
    expect(csv.split("\n")[1]).toBe("bicluster-1,'=cmd|' /C calc'!A0,-0.25,,'@t0");
  });
});

describe("finding 15: security headers", () => {
  it("sends a nonce CSP without unsafe-inline scripts, frame-ancestors none, nosniff, a referrer policy", () => {
    const h = securityHeaders({ nonce: "abc123", https: false, development: false });
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(h["Content-Security-Policy"]).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", https: true, development: false })["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
    expect(contentSecurityPolicy({ nonce: "n", development: true })).toContain("'unsafe-eval'");
  });

  it("knows https from the URL, a proxy's X-Forwarded-Proto, or an https app URL", () => {
    expect(isHttps(new URL("http://a/"), null, "http://a")).toBe(false);
    expect(isHttps(new URL("http://a/"), "https", "http://a")).toBe(true);
    expect(isHttps(new URL("http://a/"), null, "https://lab.example")).toBe(true);
  });
});
