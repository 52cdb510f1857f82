import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";

const port = Number(process.env.E2E_PORT ?? 3100);

test("a monthly cap set in the create dialog shows what is left this month, and the limits dialog changes it", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, freshUser("budgets"));
  await addProviderKey(page, "groq", ["gsk", "test"].join("_"));
  await page.goto("/dashboard/keys");

  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create a unified key" });
  await form.getByLabel("Name").fill("Budgeted");
  await form.getByLabel("Requests / month").fill("3");
  await form.getByLabel("Tokens / month").fill("100000");
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "“Budgeted” is ready" });
  const plaintext = (await shown.getByTestId("new-api-key").innerText()).trim();
  await shown.getByRole("button", { name: "I’ve saved it" }).click();

  const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: plaintext, maxRetries: 0 });
  await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "spend one" }] });

  const row = page.getByTestId("api-key-row").filter({ hasText: "Budgeted" });
  // Usage is written off the request path: reload until the month's count shows.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("3 req/month · 2 left", { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText(/100,000 tokens\/month · 99,\d{3} left/);

  await row.getByRole("button", { name: "Edit the limits of Budgeted" }).click();
  const dialog = page.getByRole("dialog", { name: "Limits of “Budgeted”" });
  await expect(dialog.getByLabel("Requests / month")).toHaveValue("3");
  await dialog.getByLabel("Requests / month").fill("0");
  await dialog.getByRole("button", { name: "Save limits" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await dialog.getByLabel("Requests / month").fill("10");
  await dialog.getByLabel("Tokens / month").fill("");
  await dialog.getByRole("button", { name: "Save limits" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("10 req/month · 9 left");
  await expect(row).not.toContainText("tokens/month");
  await page.screenshot({ path: "test-results/keys-monthly-budget.png", fullPage: true });
});
