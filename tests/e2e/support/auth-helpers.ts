import { expect, type Page } from "@playwright/test";

export interface TestUser {
  email: string;
  password: string;
  name: string;
}

let counter = 0;

/** A unique address per call, so every test owns a fresh account. */
export function freshUser(label = "user"): TestUser {
  counter += 1;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${counter}`;
  return { email: `${label}-${stamp}@e2e.test`, password: "correct-horse-battery", name: "Ada Tester" };
}

/**
 * Sign-up is limited per client address (10 an hour) and every test signs up from loopback;
 * the e2e stack trusts loopback as a proxy (TRUST_PROXY), so each test presents its own X-Forwarded-For.
 */
async function presentOwnAddress(page: Page) {
  counter += 1;
  const n = (Date.now() + counter) % 65_000;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${(n >> 8) & 255}.${n & 255}.${(counter % 250) + 1}` });
}

/** Signs up through /signup and waits for the dashboard. */
export async function signUp(page: Page, user: TestUser = freshUser()): Promise<TestUser> {
  await presentOwnAddress(page);
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard", { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  return user;
}

/** Adds a provider key through the account API with the page's own session cookie. */
export async function addProviderKey(page: Page, providerId: string, key: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/account/provider-keys", { data: { providerId, key }, headers: { origin } });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

/** Dark mode the way the theme toggle stores it, applied before the page paints. */
export async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  await page.evaluate((value) => {
    localStorage.setItem("theme", value);
    document.documentElement.classList.toggle("dark", value === "dark");
  }, theme);
}
