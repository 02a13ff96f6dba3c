import { expect, newUser, signUp, test } from "../fixtures.ts";

test("the API session token never reaches the browser", async ({ page }) => {
  await signUp(page, newUser("Sec"));
  const session = await page.request.get("/api/auth/session");
  const body = await session.text();
  expect(JSON.parse(body)).toMatchObject({ user: { email: expect.stringContaining("@example.org") } });
  expect(body).not.toMatch(/exs_|apiToken/);
  // The next-auth cookie that carries it (encrypted) is httpOnly: scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("next-auth.session-token");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "next-auth.session-token")?.httpOnly).toBe(true);
});

test("the GraphQL and upload proxies refuse anonymous and cross-site requests", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const query = { query: "{ me { id } }" };
  const noSession = await anonymous.post("/api/graphql", { data: query });
  expect(noSession.status()).toBe(401);
  expect((await noSession.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
  const upload = await anonymous.post("/api/upload", { multipart: { teamId: "x", file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("g,t0\nA,1\n") } } });
  expect(upload.status()).toBe(401);
  await anonymous.dispose();

  await signUp(page, newUser("Csrf"));
  const own = await page.request.post("/api/graphql", { data: query });
  expect(own.status()).toBe(200);
  const crossSite = await page.request.post("/api/graphql", { data: query, headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  const crossUpload = await page.request.post("/api/upload", {
    headers: { origin: "https://evil.example" },
    multipart: { teamId: "x", file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("g,t0\nA,1\n") } },
  });
  expect(crossUpload.status()).toBe(403);
  const formPost = await page.request.post("/api/graphql", { form: { query: "{ me { id } }" } });
  expect(formPost.status()).toBe(415);
});

// Issue 12 against the real stack (the API runs in production mode under npm start).

test("finding 7: a callback URL to another host ends on this app after sign-in", async ({ page, baseURL }) => {
  const user = newUser("Redirect");
  await signUp(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const app = new URL(baseURL as string);
  // As sent by an attacker's link: the first is the probe of the issue (decoded once by the page to "/\evil.example/path").
  for (const query of ["/%5Cevil.example/path", encodeURIComponent("//evil.example/path"), encodeURIComponent("https://evil.example/"), "/%09/evil.example"]) {
    const evil = query;
    await page.goto(`/signin?callbackUrl=${query}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 30_000 });
    expect(new URL(page.url()).host, evil).toBe(app.host);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
  }
});

test("findings 10 and 12: the proxy refuses a 100 MB body with a JSON 413, and malformed JSON gets JSON without a stack trace", async ({ page }) => {
  await signUp(page, newUser("Body"));
  const big = await page.request.post("/api/graphql", {
    headers: { "content-type": "application/json" },
    data: Buffer.alloc(100 * 1024 * 1024, 0x20),
  });
  expect(big.status()).toBe(413);
  expect((await big.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  const malformed = await page.request.post("/api/graphql", { headers: { "content-type": "application/json" }, data: Buffer.from('{"query": "{ me { id } ') });
  expect(malformed.status()).toBe(400);
  const text = await malformed.text();
  expect(text).not.toMatch(/<html|<pre|\bat \w+ \(|node_modules|\/work\//i);
  expect(JSON.parse(text) as unknown).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
});

test("finding 15: pages send CSP with a nonce, no framing, nosniff and a referrer policy, and still work under them", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const signin = await page.goto("/signin");
  const headers = signin?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const second = await page.request.get("/signin");
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  // The app's scripts carry the nonce: sign-up (client-side React) works under the policy.
  await signUp(page, newUser("Csp"));
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("finding 15: introspection and suggestions are off through the proxy (production API)", async ({ page }) => {
  await signUp(page, newUser("Intro"));
  const introspection = await page.request.post("/api/graphql", { data: { query: "{ __schema { types { name } } }" } });
  expect(introspection.status()).toBe(400);
  expect(await introspection.text()).not.toContain('"types"');
  const typo = await page.request.post("/api/graphql", { data: { query: "{ healt }" } });
  expect(await typo.text()).not.toMatch(/Did you mean/);
});
