import { expect, type Page } from "@playwright/test";

/** Signs up a fresh user through the UI and lands on the dashboard. */
export async function signUpFresh(page: Page, prefix = "providers") {
  const email = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 20_000 });
  return email;
}

/** Adds a provider key through the API with the page's session cookie. */
export async function addKeyViaApi(page: Page, data: { providerId: string; key: string; label?: string }) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/account/provider-keys", { data, headers: { origin } });
  expect(response.status(), await response.text()).toBe(201);
}

/** Switches the theme the way the toggle does, then captures the page. */
export async function screenshotBothThemes(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((value) => {
      localStorage.setItem("theme", value);
      document.documentElement.classList.toggle("dark", value === "dark");
    }, theme);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `test-results/screenshots/${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => {
    localStorage.setItem("theme", "light");
    document.documentElement.classList.remove("dark");
  });
}
