// Diagnosis and DE regression from the UI (issue 11): a samples matrix imported with a sample
// sheet, limma between its two groups (a new DE-table dataset with a volcano plot), six regressors
// predicting logFC on that table, and an SVM classifier of the groups with its confusion matrix.
import { expect, newUser, shot, signUp, test } from "../fixtures.ts";

/** 120 genes x 24 samples, groups A and B of 12; genes DE1-DE15 are 3 units higher in B (seeded). */
function samplesCsv(): { matrix: string; sheet: string } {
  let state = 12345;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  const samples = Array.from({ length: 24 }, (_, i) => `S${i + 1}`);
  const group = (i: number) => (i < 12 ? "A" : "B");
  const lines = [["gene", ...samples].join(",")];
  for (let g = 0; g < 120; g++) {
    const name = g < 15 ? `DE${g + 1}` : `BG${g + 1}`;
    const base = 5 + (g % 7);
    lines.push([name, ...samples.map((_, i) => (base + (g < 15 && group(i) === "B" ? 3 : 0) + noise()).toFixed(3))].join(","));
  }
  const sheet = ["sample,group", ...samples.map((s, i) => `${s},${group(i)}`)].join("\n");
  return { matrix: lines.join("\n") + "\n", sheet: sheet + "\n" };
}

test("samples with a sample sheet: limma, regressors on the DE table, and a classifier", async ({ page }) => {
  test.setTimeout(8 * 60_000);
  await signUp(page, newUser("Diagnostician"));
  const { matrix, sheet } = samplesCsv();
  await page.goto("/datasets");
  await page.getByLabel("Expression matrix file").setInputFiles({ name: "cohort.csv", mimeType: "text/csv", buffer: Buffer.from(matrix) });
  await page.getByLabel("Sample sheet (optional)").setInputFiles({ name: "sheet.csv", mimeType: "text/csv", buffer: Buffer.from(sheet) });
  await page.getByLabel("Name").fill("Two-group cohort");
  await page.getByLabel("Samples", { exact: true }).check();
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page.getByRole("heading", { name: "Two-group cohort" })).toBeVisible({ timeout: 60_000 });
  const datasetUrl = page.url();

  await test.step("limma between the groups makes a DE table with a volcano plot", async () => {
    await expect(page.getByText("Classes and groups")).toBeVisible();
    await page.getByLabel("Groups from").selectOption("group");
    await page.getByLabel("Reference group").selectOption("A");
    await page.getByLabel("Compared group").selectOption("B");
    await page.getByRole("button", { name: "Compute differential expression" }).click();
    await page.waitForURL((url) => url.href !== datasetUrl && /\/datasets\/[^/]+$/.test(url.pathname), { timeout: 60_000 });
    await expect(page.getByLabel("Volcano plot: logFC against −log10 p-value")).toBeVisible({ timeout: 30_000 });
    // The planted genes lead the table: the top gene is one of DE1-DE15 with logFC near 3.
    const top = page.getByRole("table", { name: "Top genes" }).locator("tbody tr").first();
    await expect(top.locator("td").first()).toHaveText(/^DE\d+$/);
    const logFC = Number(await top.locator("td").nth(1).innerText());
    expect(logFC).toBeGreaterThan(2);
    expect(logFC).toBeLessThan(4);
    await shot(page, "40-de-table");
  });

  await test.step("six regressors predict logFC on the DE table", async () => {
    await page.getByRole("link", { name: "Compare regressors" }).click();
    await expect(page.getByRole("heading", { name: "Compare regressors" })).toBeVisible();
    await expect(page.getByLabel("Predict")).toHaveValue("logFC");
    await page.getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    await expect(page.getByTestId("run-progress")).toContainText("Succeeded", { timeout: 4 * 60_000 });
    const table = page.getByRole("table", { name: "Regressors" });
    await expect(table).toBeVisible({ timeout: 15_000 });
    // six regressors and the mean predictor they must beat
    await expect(table.locator("tbody tr")).toHaveCount(7);
    for (const model of ["Linear regression", "Decision tree", "Random forest", "Gradient boosting", "Epsilon-SVR", "k-nearest neighbours", "Mean predictor"]) {
      await expect(table).toContainText(model);
    }
    await expect(page.getByLabel("Model of the parity plot")).toBeVisible();
    await shot(page, "41-regressors");
  });

  await test.step("an SVM classifier of the groups shows scores and a confusion matrix", async () => {
    await page.goto(datasetUrl);
    await page.getByRole("link", { name: "Train a classifier" }).click();
    await expect(page.getByRole("heading", { name: "Train a classifier" })).toBeVisible();
    await page.getByLabel("Method").selectOption("svm-classifier");
    await page.getByLabel("Classes from").selectOption("group");
    await page.getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    await expect(page.getByTestId("run-progress")).toContainText("Succeeded", { timeout: 4 * 60_000 });
    await expect(page.getByText("Scores on held-out samples")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("Confusion matrix")).toBeVisible();
    await shot(page, "42-classifier");
  });
});
