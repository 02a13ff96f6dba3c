import { expect, newUser, plantedCsv, shot, signUp, test } from "../fixtures.ts";

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
