import { expect, test } from "@playwright/test";
import { freshUser, signUp } from "./support/auth-helpers";

test("sign up, sign out, sign in again; a wrong password gets a generic error", async ({ page }) => {
  const user = await signUp(page, freshUser("auth"));
  await expect(page.getByTestId("current-user-email").first()).toHaveText(user.email);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL("**/login**");

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Invalid email or password");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("an unknown email gets the same generic error as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(freshUser("nobody").email);
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Invalid email or password");
});

test("signing up twice with one email says the account exists", async ({ page, context }) => {
  const user = await signUp(page, freshUser("twice"));
  await context.clearCookies();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("already exists");
});

test("an anonymous visit to the dashboard goes to sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("settings: change the password, then delete the account", async ({ page }) => {
  const user = await signUp(page, freshUser("settings"));
  await page.goto("/dashboard/settings");
  const profile = page.getByRole("region", { name: "Profile" });
  await expect(profile).toContainText(user.email);
  await expect(profile).toContainText(user.name);

  await page.getByLabel("Current password").fill("wrong-password-1");
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password");
  await page.getByLabel("Confirm new password").fill("brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed")).toBeVisible();

  await page.getByRole("button", { name: "Delete account…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  const confirm = dialog.getByRole("button", { name: "Delete my account" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(user.email.toUpperCase());
  await confirm.click();
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("brand-new-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Invalid email or password");
});
