// Method comparison from the UI: a synthetic dataset with a planted answer, a benchmark of three
// methods x 2 seeds, and its charts (mean ± sd per method) and score table.
import { expect, newUser, shot, signUp, test } from "../fixtures.ts";

test("a benchmark on a synthetic dataset shows charts and a table per method", async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await signUp(page, newUser("Benchmarker"));
  await page.goto("/datasets");
  await page.getByText("Planted designs for benchmarks").click();
  await page.getByLabel("Design").selectOption("temporal");
  await page.getByLabel("Genes", { exact: true }).fill("200");
  await page.getByLabel("Conditions", { exact: true }).fill("12");
  await page.getByLabel("Planted biclusters").fill("3");
  await page.getByRole("button", { name: "Create synthetic dataset" }).click();
  await page.waitForURL(/\/datasets\/[^/]+$/, { timeout: 60_000 });
  await expect(page.getByText(/Truth planted by the generator: 3 classes/)).toBeVisible();
  await shot(page, "30-synthetic-dataset");

  await page.getByRole("link", { name: "Compare methods" }).click();
  await expect(page.getByRole("heading", { name: "Compare biclustering methods" })).toBeVisible();
  // keep it quick: k-means, HMM and the SVM baseline, 2 seeds, K = 3
  for (const label of ["LSTM-SVM hybrid", "RNN baseline"]) {
    const box = page.getByLabel(label, { exact: false });
    if (await box.isChecked()) await box.uncheck();
  }
  await page.getByLabel("Seeds per method").fill("2");
  await page.getByLabel("K for every method").fill("3");
  await shot(page, "31-new-benchmark");
  await page.getByRole("button", { name: "Start benchmark" }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  await expect(page.getByTestId("run-progress")).toContainText("Succeeded", { timeout: 5 * 60_000 });
  const table = page.getByRole("table", { name: "Benchmark scores" });
  await expect(table).toBeVisible();
  await expect(table).toContainText("k-means baseline");
  await expect(table).toContainText(/HMM/);
  await expect(page.getByRole("heading", { name: "F-measure" })).toBeVisible();
  await expect(page.getByTestId("bar-plot").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Member runs" }).getByRole("link")).toHaveCount(6);
  await shot(page, "32-benchmark-result");
});
