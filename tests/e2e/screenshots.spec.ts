import { expect, test, type Page } from "@playwright/test";
import { addProviderKey, freshUser, setTheme, signUp } from "./support/auth-helpers";

// SCREENSHOT_DIR lets a run keep its pictures out of a test-results folder another run may clean.
const DIR = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";

// Pages this suite must see working; the rest are being built alongside and may still 404.
const PUBLIC = [
  { name: "landing", path: "/", heading: /OpenAI-compatible key/ },
  { name: "login", path: "/login", heading: "Sign in" },
  { name: "signup", path: "/signup", heading: "Create your account" },
];
const DASHBOARD = [
  { name: "overview", path: "/dashboard", heading: "Overview", required: true },
  { name: "providers", path: "/dashboard/providers", required: false },
  { name: "chain", path: "/dashboard/chain", required: false },
  { name: "keys", path: "/dashboard/keys", required: false },
  { name: "usage", path: "/dashboard/usage", required: false },
  { name: "requests", path: "/dashboard/requests", required: false },
  { name: "playground", path: "/dashboard/playground", heading: "Playground", required: true },
  { name: "settings", path: "/dashboard/settings", heading: "Settings", required: true },
];

async function shoot(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${DIR}/${name}-${theme}.png`, fullPage: true });
  }
  await setTheme(page, "light");
}

test("every page in light and dark", async ({ page }) => {
  test.setTimeout(180_000);
  for (const entry of PUBLIC) {
    const response = await page.goto(entry.path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first()).toContainText(entry.heading);
    await shoot(page, entry.name);
  }
  await page.setViewportSize({ width: 375, height: 812 });
  for (const entry of PUBLIC) {
    await page.goto(entry.path);
    await shoot(page, `${entry.name}-mobile`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  await signUp(page, freshUser("shots"));
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/playground");
  await page.getByLabel("Message", { exact: true }).fill("hello from the screenshot tour");
  await page.getByLabel("Message", { exact: true }).press("Enter");
  await expect(page.getByTestId("assistant-message").last()).toContainText("echo: hello from the screenshot tour");
  await shoot(page, "playground-conversation");

  for (const entry of DASHBOARD) {
    const response = await page.goto(entry.path);
    if (entry.required) {
      expect(response?.status(), entry.path).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
    }
    await page.waitForTimeout(1200);
    await shoot(page, entry.name);
  }

  await page.setViewportSize({ width: 375, height: 812 });
  for (const entry of DASHBOARD.filter((e) => e.required)) {
    await page.goto(entry.path);
    await page.waitForTimeout(1200);
    await shoot(page, `${entry.name}-mobile`);
  }
});
