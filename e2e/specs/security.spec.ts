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
