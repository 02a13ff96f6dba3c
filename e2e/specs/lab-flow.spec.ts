// The story of a lab team, through the browser against the real stack: import (a broken file,
// then a good one with its sample sheet, previewed first), run, explore a bicluster (its gene-set
// enrichment, its heatmap zoomed and searched), export the run, annotate a gene, invite a colleague
// who sees the invitation's team and role, the annotation and comments, gets a notification when
// mentioned, a conflicting edit, and an outsider who cannot reach any of it.
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { expect, newUser, plantedCsv, shot, shots, signUp, test } from "../fixtures.ts";

const BROKEN_CSV = "gene,t0,t1,t2\nA,1.0,2.0,3.0\nB,1.5,not-a-number,2.5\n";

// Planted group 1 is 10 of the 12 genes of GO:0000012 "single strand break repair" (real HGNC
// symbols), so the built-in GO library finds it; group 2 olfactory receptors, group 3 keratins.
const GROUPS = [
  ["APLF", "APTX", "ERCC6", "ERCC8", "LIG4", "PARP1", "SIRT1", "TDP1", "TERF2", "XRCC1"],
  ["OR1A1", "OR1A2", "OR1B1", "OR1C1", "OR1D2", "OR1E1", "OR1E2", "OR1F1", "OR1G1", "OR1I1"],
  ["KRT1", "KRT2", "KRT5", "KRT10", "KRT14", "KRT16", "KRT17", "KRT6A", "KRT6B", "KRT9"],
];
const GENE_CSV = plantedCsv({ geneName: (g, i) => GROUPS[g]![i]! });
// Times 0, 2, ... 18 h (the matrix's t0h ... t18h), two groups, replicates 1/2.
const SAMPLE_SHEET =
  "sample,time,unit,group,replicate\n" +
  Array.from({ length: 10 }, (_, t) => `t${t * 2}h,${t * 2 * 60},min,${t < 5 ? "early" : "late"},${(t % 2) + 1}`).join("\n") +
  "\n";

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

  const datasetUrl = await test.step("preview a CSV, import it with its sample sheet, see its summary, conditions and heatmap", async () => {
    await page.getByLabel("Expression matrix file").setInputFiles({ name: "planted.csv", mimeType: "text/csv", buffer: Buffer.from(GENE_CSV) });
    const preview = page.getByTestId("file-preview");
    await expect(preview).toContainText("CSV, comma-separated, decimal point");
    await expect(preview).toContainText("10 conditions, all with a time (0–18 h");
    await expect(preview.getByRole("table", { name: "First rows as they will be imported" })).toContainText("APLF");
    await page.getByLabel("Sample sheet (optional)").setInputFiles({ name: "samples.csv", mimeType: "text/csv", buffer: Buffer.from(SAMPLE_SHEET) });
    await page.getByLabel("Name").fill("Planted e2e time course");
    await shots(page, "04a-import-preview");
    await page.getByRole("button", { name: "Import dataset" }).click();
    await page.waitForURL(/\/datasets\/[^/]+$/);
    await expect(page.getByRole("heading", { name: "Planted e2e time course" })).toBeVisible();
    await expect(page.locator(".stat", { hasText: "Genes" })).toContainText("60");
    await expect(page.locator(".stat", { hasText: "Conditions" })).toContainText("10");
    // The sample sheet's metadata: times in their unit, groups and replicates.
    const conditions = page.getByRole("table", { name: "Conditions" });
    await expect(conditions).toContainText("120 min");
    await expect(conditions).toContainText("late");
    await expect(page.getByTestId("heatmap").locator("canvas").first()).toBeVisible();
    const status = page.getByTestId("heatmap-status");
    await expect(status).toContainText("Genes 1–60 of 60");
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect(status).toContainText("of 60");
    await expect(status).not.toContainText("Genes 1–60");
    await page.getByLabel("Find genes in the heatmap").fill("PARP1");
    await page.getByRole("button", { name: "Find", exact: true }).click();
    await expect(page.getByTestId("heatmap-matches")).toContainText("1 of 1");
    await shots(page, "04-dataset");
    return page.url();
  });

  const runUrl = await test.step("start a run with small, fast parameters and watch it succeed", async () => {
    await page.getByRole("link", { name: "Start a run" }).click();
    await expect(page.getByRole("heading", { name: "Find biclusters" })).toBeVisible();
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
    await page.getByRole("button", { name: "Rename or edit notes" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Planted K=3, seed 11");
    await page.getByRole("textbox", { name: "Notes" }).fill("Small settings for the e2e test.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: "Planted K=3, seed 11" })).toBeVisible();
    await expect(page.getByTestId("run-notes")).toContainText("Small settings for the e2e test.");
    await shots(page, "07-run-succeeded");
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

  await test.step("export the whole run as CSV and read it back", async () => {
    const table = page.getByRole("table", { name: "Biclusters" });
    // Each bicluster's top GO terms load after the page.
    await expect(table).toContainText("single strand break repair", { timeout: 60_000 });
    await shots(page, "07c-run-with-terms");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("group", { name: "Export the run" }).getByRole("link", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await download.path())!, "utf8");
    const [header, ...rows] = text.trim().split("\n");
    expect(header).toBe(["bicluster", "gene", "gene_index", "gene_silhouette", "annotation_status", "bicluster_conditions", ...Array.from({ length: 10 }, (_, t) => `t${t * 2}h`)].join(","));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.includes(",APLF,"))).toBe(true);
  });

  const { biclusterUrl, gene } = await test.step("open the bicluster of the planted group: enrichment, zoomable heatmap, profiles and genes", async () => {
    // Sort by p-value (the honest "< x" floor sorts by MSR), then open the bicluster whose top
    // term is the planted group's GO process.
    await page.getByRole("button", { name: /p-value/ }).click();
    await page.getByRole("table", { name: "Biclusters" }).getByRole("row", { name: /single strand break repair/ }).getByRole("link").first().click();
    await page.waitForURL(/\/biclusters\/[^/]+$/);
    await expect(page.getByTestId("heatmap").locator("canvas").first()).toBeVisible();
    await expect(page.getByTestId("profile-plot").locator("canvas").first()).toBeVisible();
    const enriched = page.getByRole("table", { name: "Enriched gene sets" });
    await expect(enriched).toContainText("single strand break repair");
    await expect(enriched).toContainText("GO:0000012");
    const status = page.getByTestId("heatmap-status");
    await expect(status).toContainText(/Genes 1–\d+ of \d+/);
    const before = await status.textContent();
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect(status).not.toHaveText(before ?? "");
    await page.getByRole("checkbox", { name: "All conditions" }).check();
    await expect(page.getByTestId("heatmap").locator("canvas").first()).toBeVisible();
    const firstGene = page.getByRole("table", { name: "Member genes" }).getByRole("link").first();
    const symbol = (await firstGene.textContent())?.trim() ?? "";
    expect(symbol).not.toBe("");
    await page.getByLabel("Add a comment").fill("Coherent group; worth a closer look.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("list", { name: "Comments" })).toContainText("Coherent group");
    await shots(page, "08-bicluster");
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
    await expect(page.getByTestId("gene-profile").locator("canvas").first()).toBeVisible();
    await expect(page.getByRole("link", { name: /NCBI Gene/ })).toHaveAttribute("href", new RegExp(`ncbi.nlm.nih.gov/gene/\\?term=${gene}`));
    await shots(page, "09-gene-annotated");
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
    const offer = memberPage.getByTestId("invitation-offer");
    await expect(offer).toContainText(owner.name);
    await expect(offer).toContainText("as member");
    await expect(memberPage.getByRole("heading", { name: /^Join / })).toBeVisible();
    await shots(memberPage, "10b-invitation");
    await memberPage.getByRole("link", { name: "Create an account" }).click();
    await memberPage.getByLabel("Your name").fill(member.name);
    await memberPage.getByLabel("Email").fill(member.email);
    await memberPage.getByLabel("Password").fill(member.password);
    await memberPage.getByRole("button", { name: "Create account" }).click();
    await memberPage.waitForURL(/\/invitations\//);
    await expect(memberPage.getByTestId("invitation-offer")).toContainText("as member");
    await memberPage.getByRole("button", { name: "Accept invitation" }).click();
    await memberPage.waitForURL((u) => u.pathname === "/");
    await expect(memberPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    const welcome = memberPage.locator(".page-header .subtitle");
    await expect(welcome).toContainText("as member");
    await expect(welcome).not.toContainText("your personal team");
    // The used link now says so and offers no Accept button.
    await memberPage.goto(inviteUrl);
    await expect(memberPage.getByText("This invitation has already been used")).toBeVisible();
    await expect(memberPage.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
    await memberPage.goto("/");
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

  await test.step("the owner @-mentions the colleague, who is notified", async () => {
    const box = page.getByLabel("Add a comment");
    await box.fill(`Thanks! @${member.name.split(" ")[0]}`);
    await page.getByRole("option", { name: new RegExp(member.name) }).click();
    await expect(box).toHaveValue(`Thanks! @${member.name} `);
    await box.pressSequentially("please add the primers.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator(".mention", { hasText: `@${member.name}` })).toBeVisible();
    await memberPage.goto("/");
    await expect(memberPage.getByTestId("notification-bell")).toHaveAccessibleName(/unread/);
    await memberPage.getByTestId("notification-bell").click();
    await memberPage.waitForURL(/\/notifications$/);
    const list = memberPage.getByRole("list", { name: "Notifications" });
    await expect(list).toContainText(`${owner.name} mentioned you in a comment on gene ${gene}`);
    await shots(memberPage, "11b-notifications");
    await list.getByRole("link", { name: /mentioned you/ }).click();
    await memberPage.waitForURL(/\/genes\//);
    await expect(memberPage.getByRole("list", { name: "Comments" })).toContainText("please add the primers.");
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

  await test.step("the runs page filters by status and author; a made-up gene is not in the data", async () => {
    await page.goto("/runs");
    await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();
    await page.getByLabel("Status").selectOption("SUCCEEDED");
    await page.getByLabel("Started by").selectOption({ label: owner.name });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { name: "2 runs match" })).toBeVisible();
    await shots(page, "13b-runs");
    await page.goto("/genes/NOTAGENE42");
    await expect(page.getByText("No gene “NOTAGENE42” in your data")).toBeVisible();
    await expect(page.getByLabel("Biomarker status")).toHaveCount(0);
    await shots(page, "13c-unknown-gene");
    await page.goto("/gene-sets");
    await expect(page.getByRole("table", { name: "Gene-set libraries" })).toContainText("GO biological process");
    await shots(page, "13d-gene-sets");
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
    await shots(page, "15-dashboard-team");
    // The gene page falls back to the outsider's own team: no annotation, no comments leak.
    await outsiderPage.goto(geneUrl);
    await expect(outsiderPage.getByText(`No gene “${gene}” in your data`)).toBeVisible();
    await expect(outsiderPage.getByText(note)).toHaveCount(0);
    await expect(outsiderPage.getByText("I can run the qPCR next week.")).toHaveCount(0);
  });
});
