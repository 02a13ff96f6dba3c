import { expect, newUser, shot, signIn, signUp, test } from "../fixtures.ts";

test("a new user signs up, lands on their team's dashboard, signs out and back in", async ({ page }) => {
  const user = newUser("Ada");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await shot(page, "01-sign-in");

  await signUp(page, user);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(user.name, { exact: true })).toBeVisible();
  await shot(page, "02-dashboard-new-user");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();

  await signIn(page, user);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("sign-up does not reveal a taken email", async ({ page }) => {
  const user = newUser("Grace");
  await signUp(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Someone else");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("another-password-42");
  await page.getByRole("button", { name: "Create account" }).click();
  const alert = page.locator(".alert-error");
  await expect(alert).toBeVisible();
  // The words a wrong password gets too: nothing says the address has an account.
  await expect(alert).toContainText(/could not sign you in/i);
  await expect(alert).not.toContainText(/already registered|taken|exists/i);
  await expect(page).toHaveURL(/\/signup/);
  await shot(page, "02b-sign-up-email-taken");
});
