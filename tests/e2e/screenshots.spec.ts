import { expect, test } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";
import { shootBothThemes as shoot } from "./support/screenshots";

const PUBLIC = [
  { name: "landing", path: "/", heading: /OpenAI-compatible key/ },
  { name: "login", path: "/login", heading: "Sign in" },
  { name: "signup", path: "/signup", heading: "Create your account" },
];
const DASHBOARD = [
  { name: "overview", path: "/dashboard", heading: "Overview" },
  { name: "providers", path: "/dashboard/providers", heading: "Provider keys" },
  { name: "chain", path: "/dashboard/chain", heading: "Fallback chain" },
  { name: "keys", path: "/dashboard/keys", heading: "Unified keys" },
  { name: "aliases", path: "/dashboard/aliases", heading: "Model aliases" },
  { name: "connect", path: "/dashboard/connect", heading: "Connect a tool" },
  { name: "capacity", path: "/dashboard/capacity", heading: "Capacity" },
  { name: "usage", path: "/dashboard/usage", heading: "Usage" },
  { name: "requests", path: "/dashboard/requests", heading: "Requests" },
  { name: "playground", path: "/dashboard/playground", heading: "Playground" },
  { name: "settings", path: "/dashboard/settings", heading: "Settings" },
];

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
  // Enough data that every page shows content rather than its empty state.
  await addProviderKey(page, "groq", "gsk_test");
  await addProviderKey(page, "gemini", "gemini-test-key");
  const created = await page.request.post("/api/account/api-keys", {
    data: { name: "laptop", dailyRequestCap: 500 },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(created.status()).toBe(201);
  const alias = await page.request.put("/api/account/model-aliases", {
    data: { alias: "claude-*", target: "auto" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(alias.status()).toBe(200);
  await page.goto("/dashboard/playground");
  await page.getByLabel("Message", { exact: true }).fill("hello from the screenshot tour");
  await page.getByLabel("Message", { exact: true }).press("Enter");
  await expect(page.getByTestId("assistant-message").last()).toContainText("echo: hello from the screenshot tour");
  await shoot(page, "playground-conversation");

  for (const entry of DASHBOARD) {
    const response = await page.goto(entry.path);
    expect(response?.status(), entry.path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
    await page.waitForTimeout(1200);
    await shoot(page, entry.name);
  }

  await page.setViewportSize({ width: 375, height: 812 });
  for (const entry of DASHBOARD) {
    await page.goto(entry.path);
    await page.waitForTimeout(1200);
    // Wide content scrolls inside its own box; the page itself never scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${entry.path} at 375 px`).toBeLessThanOrEqual(375);
    await shoot(page, `${entry.name}-mobile`);
  }
});
