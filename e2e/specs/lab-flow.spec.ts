// The story of a lab team, through the browser against the real stack: import (a broken file,
// then a good one), run, explore a bicluster, annotate a gene, invite a colleague who sees the
// annotation and comments, a conflicting edit, and an outsider who cannot reach any of it.
import type { Browser, Page } from "@playwright/test";
import { expect, newUser, plantedCsv, shot, signUp, test } from "../fixtures.ts";

const BROKEN_CSV = "gene,t0,t1,t2\nA,1.0,2.0,3.0\nB,1.5,not-a-number,2.5\n";

async function newPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

test("a lab team imports, runs, explores, annotates and discusses; outsiders see nothing", async ({ page, browser, baseURL }) => {
  test.setTimeout(10 * 60_000);
  const owner = newUser("Owner");
  const member = newUser("Member");
  const outsider = newUser("Outsider");
  const note = "Peaks early; check by qPCR in the hypoxia series.";

  await test.step("sign up and see the import error for a broken CSV", async () => {
    await signUp(page, owner);
    await page.getByRole("link", { name: "Datasets", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Datasets", exact: true })).toBeVisible();
    await expect(page.getByText("No datasets yet")).toBeVisible();
    await page.getByLabel("Expression matrix file").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(BROKEN_CSV) });
    await page.getByRole("button", { name: "Import dataset" }).click();
    const error = page.getByTestId("import-error");
    await expect(error).toBeVisible();
    await expect(error).toContainText("Line 3, column 3");
    await expect(error).toContainText("column");
    await shot(page, "03-datasets-import-error");
  });

  const datasetUrl = await test.step("import a good CSV and see its summary and heatmap", async () => {
    await page.getByLabel("Expression matrix file").setInputFiles({ name: "planted.csv", mimeType: "text/csv", buffer: Buffer.from(plantedCsv()) });
    await page.getByLabel("Name").fill("Planted e2e time course");
    await page.getByRole("button", { name: "Import dataset" }).click();
    await page.waitForURL(/\/datasets\/[^/]+$/);
    await expect(page.getByRole("heading", { name: "Planted e2e time course" })).toBeVisible();
    await expect(page.locator(".stat", { hasText: "Genes" })).toContainText("60");
    await expect(page.locator(".stat", { hasText: "Conditions" })).toContainText("10");
    await expect(page.getByTestId("heatmap").locator("canvas").first()).toBeVisible();
    await shot(page, "04-dataset");
    return page.url();
  });

  const runUrl = await test.step("start a run with small, fast parameters and watch it succeed", async () => {
    await page.getByRole("link", { name: "Start a run" }).click();
    await expect(page.getByRole("heading", { name: "New run" })).toBeVisible();
    await expect(page.getByLabel("Method")).toHaveValue("lstm-svm");
    await shot(page, "05-new-run");
    await page.locator("#param-k").selectOption({ label: "value" });
    await page.getByLabel("Number of clusters (K) value").fill("3");
    await page.getByLabel("Seed").fill("11");
    await page.locator("#param-epochs").fill("3");
    await page.locator("#param-units").fill("8");
    await page.locator("#param-permutations").fill("19");
    await page.getByText(/Advanced parameters/).click();
    await page.locator("#param-maxOuterIterations").fill("1");
    await page.locator("#param-fineTuneEpochs").fill("1");
    await page.getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    const progress = page.getByTestId("run-progress");
    await expect(progress).toBeVisible();
    await shot(page, "06-run-in-progress");
    await expect(progress).toContainText("Succeeded", { timeout: 5 * 60_000 });
    await expect(page.getByRole("table", { name: "Biclusters" })).toBeVisible();
    await shot(page, "07-run-succeeded");
    return page.url();
  });

  await test.step("a second run with another seed, compared with the first", async () => {
    await page.goto(datasetUrl);
    await page.getByRole("link", { name: "Start a run" }).click();
    await page.getByLabel("Seed").fill("12");
    await page.locator("#param-k").selectOption({ label: "value" });
    await page.getByLabel("Number of clusters (K) value").fill("3");
    await page.locator("#param-epochs").fill("2");
    await page.locator("#param-units").fill("8");
    await page.locator("#param-permutations").fill("19");
    await page.getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    await expect(page.getByTestId("run-progress")).toContainText("Succeeded", { timeout: 5 * 60_000 });
    await page.getByLabel("Compare with").selectOption({ index: 0 });
    await page.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/\/runs\/compare\?/);
    await expect(page.getByRole("heading", { name: "Compare runs" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Matched biclusters" })).toBeVisible();
    await shot(page, "07b-compare-runs");
    await page.goto(runUrl);
  });

  const { biclusterUrl, gene } = await test.step("open a bicluster: heatmap, profiles and genes", async () => {
    // Sort by p-value, then open the first bicluster.
    await page.getByRole("button", { name: /p-value/ }).click();
    await page.getByRole("table", { name: "Biclusters" }).getByRole("link").first().click();
    await page.waitForURL(/\/biclusters\/[^/]+$/);
    await expect(page.getByTestId("heatmap").locator("canvas").first()).toBeVisible();
    await expect(page.getByTestId("profile-plot").locator("canvas").first()).toBeVisible();
    const firstGene = page.getByRole("table", { name: "Member genes" }).getByRole("link").first();
    const symbol = (await firstGene.textContent())?.trim() ?? "";
    expect(symbol).not.toBe("");
    await page.getByLabel("Add a comment").fill("Coherent group; worth a closer look.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("list", { name: "Comments" })).toContainText("Coherent group");
    await shot(page, "08-bicluster");
    const url = page.url();
    await firstGene.click();
    return { biclusterUrl: url, gene: symbol };
  });

  const geneUrl = await test.step("mark the gene as a candidate biomarker with a note", async () => {
    await page.waitForURL(/\/genes\//);
    await expect(page.getByRole("heading", { name: gene })).toBeVisible();
    await expect(page.getByRole("table").first()).toContainText("Bicluster");
    await page.getByLabel("Biomarker status").selectOption("CANDIDATE");
    await page.getByLabel("Note").fill(note);
    await page.getByLabel("Tags").fill("hypoxia, qPCR");
    await page.getByRole("button", { name: "Save annotation" }).click();
    const annotation = page.getByTestId("annotation");
    await expect(annotation).toContainText("Saved");
    await expect(annotation).toContainText("Candidate");
    await expect(annotation).toContainText(note);
    await expect(page.getByRole("list", { name: "Annotation history" })).toContainText("v1");
    await shot(page, "09-gene-annotated");
    return page.url();
  });

  const inviteUrl = await test.step("invite a colleague", async () => {
    await page.getByRole("link", { name: "Team", exact: true }).click();
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Role", { exact: true }).selectOption("MEMBER");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = page.locator("#invitation-link");
    await expect(link).toHaveValue(/\/invitations\//);
    await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(member.email);
    await shot(page, "10-team-settings");
    return link.inputValue();
  });

  const memberPage = await newPage(browser, baseURL);
  await test.step("the colleague signs up through the link, joins, sees the annotation and comments", async () => {
    await memberPage.goto(inviteUrl);
    await expect(memberPage.getByRole("heading", { name: "You are invited to a team" })).toBeVisible();
    await memberPage.getByRole("link", { name: "Create an account" }).click();
    await memberPage.getByLabel("Your name").fill(member.name);
    await memberPage.getByLabel("Email").fill(member.email);
    await memberPage.getByLabel("Password").fill(member.password);
    await memberPage.getByRole("button", { name: "Create account" }).click();
    await memberPage.waitForURL(/\/invitations\//);
    await memberPage.getByRole("button", { name: "Accept invitation" }).click();
    await memberPage.waitForURL((u) => u.pathname === "/");
    await expect(memberPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(memberPage.getByLabel("Current team")).toHaveValue(new URL(geneUrl).searchParams.get("team") ?? /.+/);

    // The colleague finds the gene with the search box of the top bar.
    await memberPage.getByLabel("Find a gene").fill(gene);
    await memberPage.keyboard.press("Enter");
    await memberPage.waitForURL(/\/genes\//);
    await expect(memberPage.getByRole("heading", { name: gene })).toBeVisible();
    const annotation = memberPage.getByTestId("annotation");
    await expect(annotation).toContainText("Candidate");
    await expect(annotation).toContainText(note);
    await expect(annotation).toContainText(owner.name);
    await memberPage.getByLabel("Add a comment").fill("Agreed. I can run the qPCR next week.");
    await memberPage.getByRole("button", { name: "Post comment" }).click();
    await expect(memberPage.getByRole("list", { name: "Comments" })).toContainText("I can run the qPCR next week.");
    await shot(memberPage, "11-gene-as-member");

    await page.goto(geneUrl);
    await expect(page.getByRole("list", { name: "Comments" })).toContainText(member.name);
  });

  await test.step("two people edit the annotation: the second save gets a clear conflict and merges", async () => {
    await page.goto(geneUrl);
    await memberPage.goto(geneUrl);
    await page.getByRole("button", { name: "Edit annotation" }).click();
    await memberPage.getByRole("button", { name: "Edit annotation" }).click();
    await memberPage.getByLabel("Biomarker status").selectOption("VALIDATED");
    await memberPage.getByRole("button", { name: "Save annotation" }).click();
    await expect(memberPage.getByTestId("annotation")).toContainText("Validated");

    await page.getByLabel("Note").fill(`${note} Owner edit.`);
    await page.getByRole("button", { name: "Save annotation" }).click();
    const conflict = page.getByTestId("annotation-conflict");
    await expect(conflict).toContainText("Someone else saved this annotation first");
    await expect(conflict).toContainText(`${member.name} saved version 2`);
    await expect(conflict).toContainText("set the status to Validated");
    await shot(page, "12-annotation-conflict");
    // Nothing was overwritten: the member's version is what everyone sees until the owner decides.
    await memberPage.reload();
    await expect(memberPage.getByTestId("annotation")).toContainText("Validated");
    await expect(memberPage.getByTestId("annotation")).not.toContainText("Owner edit.");
    // Merge: the member's status and the owner's note both survive.
    await page.getByRole("button", { name: /Merge their changes/ }).click();
    await expect(page.getByLabel("Biomarker status")).toHaveValue("VALIDATED");
    await expect(page.getByLabel("Note")).toHaveValue(`${note} Owner edit.`);
    await page.getByRole("button", { name: "Save annotation" }).click();
    const merged = page.getByTestId("annotation");
    await expect(merged).toContainText("Validated");
    await expect(merged).toContainText("Owner edit.");
    await expect(merged).toContainText("version 3");
  });

  await test.step("the biomarker board lists the gene", async () => {
    await page.goto("/biomarkers");
    await expect(page.getByRole("table", { name: "Annotated genes" })).toContainText(gene);
    await page.getByLabel("Status").selectOption("REJECTED");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No annotated genes match these filters")).toBeVisible();
    await page.goto("/biomarkers?tag=hypoxia");
    await expect(page.getByRole("table", { name: "Annotated genes" })).toContainText(gene);
    await shot(page, "13-biomarker-board");
  });

  await test.step("a user of another team cannot reach any of it by URL", async () => {
    const outsiderPage = await newPage(browser, baseURL);
    await signUp(outsiderPage, outsider);
    for (const url of [biclusterUrl, runUrl, datasetUrl]) {
      await outsiderPage.goto(url);
      await expect(outsiderPage.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(outsiderPage.getByText(note)).toHaveCount(0);
    }
    await shot(outsiderPage, "14-outsider-not-found");
    await page.goto("/");
    await expect(page.getByRole("list", { name: "Team activity" })).toBeVisible();
    await shot(page, "15-dashboard-team");
    // The gene page falls back to the outsider's own team: no annotation, no comments leak.
    await outsiderPage.goto(geneUrl);
    await expect(outsiderPage.getByText("Not in any bicluster yet")).toBeVisible();
    await expect(outsiderPage.getByLabel("Note")).toHaveValue("");
    await expect(outsiderPage.getByText(note)).toHaveCount(0);
    await expect(outsiderPage.getByText("I can run the qPCR next week.")).toHaveCount(0);
  });
});
