// Live progress: a run whose stages take seconds shows each stage on the run page as it happens
// (labels from the method's declaration), and switches to its results without a reload.
import { expect, newUser, plantedCsv, shot, signUp, test } from "../fixtures.ts";

test("the run page follows a run stage by stage and shows its results without a reload", async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await signUp(page, newUser("Watcher"));
  await page.goto("/datasets");
  await page.getByLabel("Expression matrix file").setInputFiles({ name: "slow.csv", mimeType: "text/csv", buffer: Buffer.from(plantedCsv({ perGroup: 60, background: 160, times: 12 })) });
  await page.getByLabel("Name").fill("Live progress series");
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page.getByRole("heading", { name: "Live progress series" })).toBeVisible({ timeout: 60_000 });

  await page.getByRole("link", { name: "Start a run" }).click();
  await page.locator("#param-k").selectOption({ label: "value" });
  await page.getByLabel("Number of clusters (K) value").fill("3");
  // Seconds per stage with the SIMD kernel (64 units, 200 epochs on 340 genes): long enough to see.
  await page.locator("#param-epochs").fill("200");
  await page.locator("#param-units").fill("64");
  await page.getByText(/Advanced parameters/).click();
  await page.locator("#param-patience").fill("0");
  await page.locator("#param-maxOuterIterations").fill("2");
  await page.locator("#param-fineTuneEpochs").fill("15");
  await expect(page.getByTestId("run-estimate")).toContainText("Expected: about");
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);

  // From here on the document must not be reloaded: results arrive in place. A marker on window
  // survives in-app updates (Next's router.refresh) but not a reload or a full navigation.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const progress = page.getByTestId("run-progress");
  const seen: string[] = [];
  const percents = new Set<string>();
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline) {
    const text = (await progress.innerText().catch(() => "")).replace(/\s+/g, " ");
    const stage = /(Waiting for a worker|Loading the data|Preprocessing|Training the LSTM|Embedding gene profiles|Clustering \(k-means\)|Refining clusters \(SVM\)|Fine-tuning the LSTM|Selecting conditions|Scoring biclusters|Saving the results)/.exec(text)?.[1];
    if (stage && seen.at(-1) !== stage) seen.push(stage);
    const pct = await page.getByRole("progressbar", { name: "Run progress" }).getAttribute("aria-valuenow", { timeout: 100 }).catch(() => null);
    if (pct) percents.add(pct);
    if (seen.length === 2) await shot(page, "20-run-live-progress");
    if (/Succeeded/.test(text)) break;
    await page.waitForTimeout(200);
  }
  console.log(`stages seen on the run page: ${seen.join(" → ")}`);
  console.log(`progress values seen: ${[...percents].join(", ")}`);
  // Which stages are long enough to be caught depends on the machine (fine-tuning happens only if
  // the SVM moved genes): training and one later stage, with the bar moving in between.
  expect(seen).toContain("Training the LSTM");
  expect(new Set(seen).size).toBeGreaterThanOrEqual(2);
  expect(percents.size).toBeGreaterThanOrEqual(3);
  await expect(progress).toContainText("Succeeded");
  await expect(page.getByRole("heading", { name: "Metrics" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("table", { name: "Biclusters" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Time per stage" })).toContainText("Training the LSTM");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await shot(page, "21-run-results-in-place");
});
