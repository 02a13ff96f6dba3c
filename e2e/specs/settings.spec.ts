import { expect, newUser, plantedCsv, shot, shotOf, signUp, test } from "../fixtures.ts";

test("the upload progress bar follows the bytes sent through the streaming proxy", async ({ page }) => {
  await signUp(page, newUser("Uma"));
  await page.goto("/datasets");
  // ~0.75 MB at ~300 KB/s: a few seconds of upload with intermediate progress events.
  const csv = plantedCsv({ groups: 4, perGroup: 500, background: 1000, times: 40 });
  expect(csv.length).toBeGreaterThan(700_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 300 * 1024 });
  await page.getByLabel("Expression matrix file").setInputFiles({ name: "large.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import dataset" }).click();
  const bar = page.getByRole("progressbar", { name: "Upload progress" });
  await expect
    .poll(async () => Number((await bar.getAttribute("aria-valuenow").catch(() => null)) ?? -1), { timeout: 20_000, intervals: [50] })
    .toBeGreaterThan(10);
  const midway = Number(await bar.getAttribute("aria-valuenow"));
  expect(midway).toBeLessThan(100);
  await shotOf(page.getByRole("form", { name: "Import a dataset" }), "03b-upload-progress");
  await page.waitForURL(/\/datasets\/[^/]+$/, { timeout: 60_000 });
  await expect(page.locator(".stat", { hasText: "Genes" })).toContainText("3,000");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
});

test("API tokens are shown once; a dataset can be deleted", async ({ page }) => {
  const user = newUser("Tess");
  await signUp(page, user);
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();

  await page.goto("/team");
  await page.getByLabel("Token name").fill("notebook");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = page.locator("#new-token");
  await expect(token).toHaveValue(/^exp_/);
  const raw = await token.inputValue();
  const tokens = page.getByRole("table", { name: "API tokens" });
  await expect(tokens).toContainText("notebook");
  await shot(page, "16-api-token-created");
  await page.reload();
  await expect(page.locator("#new-token")).toHaveCount(0);
  await expect(page.getByText(raw)).toHaveCount(0);
  page.once("dialog", (d) => void d.accept());
  await tokens.getByRole("button", { name: "Revoke token notebook" }).click();
  await expect(tokens).toContainText("Revoked");

  await page.goto("/datasets");
  await page.getByLabel("Expression matrix file").setInputFiles({ name: "to-delete.csv", mimeType: "text/csv", buffer: Buffer.from(plantedCsv({ groups: 1, background: 5 })) });
  await page.getByRole("button", { name: "Import dataset" }).click();
  await page.waitForURL(/\/datasets\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "to-delete" })).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete dataset to-delete" }).click();
  await page.waitForURL(/\/datasets$/);
  await expect(page.getByText("No datasets yet")).toBeVisible();
});
