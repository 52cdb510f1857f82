import { expect, test } from "@playwright/test";

test("the landing page says what the product does", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("OpenAI-compatible key");
  await expect(page.getByRole("list", { name: "Supported providers" }).getByRole("listitem")).not.toHaveCount(0);
  await expect(page.getByRole("link", { name: "Get started" })).toBeVisible();
});

test("the health endpoint answers in the browser", async ({ page }) => {
  const response = await page.goto("/api/health");
  expect(response?.status()).toBe(200);
  const body = JSON.parse((await page.locator("body").innerText()).trim());
  expect(body).toMatchObject({ status: "ok", database: "ok" });
  expect(typeof body.version).toBe("string");
});
