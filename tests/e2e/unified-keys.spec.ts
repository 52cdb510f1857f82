import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";
import { createUnifiedKey } from "./support/keys-helpers";
import { shootBothThemes, shootOnce } from "./support/screenshots";

const port = Number(process.env.E2E_PORT ?? 3100);

function client(apiKey: string) {
  return new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey, maxRetries: 0 });
}

test("create a unified key, use it, see it in usage and requests, then revoke it", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, freshUser("keys"));
  await addProviderKey(page, "groq", "gsk_test");

  await page.goto("/dashboard/keys");
  await expect(page.getByRole("heading", { level: 1, name: "Unified keys" })).toBeVisible();
  await expect(page.getByText("No unified keys yet")).toBeVisible();

  const apiKey = await createUnifiedKey(page, {
    name: "E2E app",
    dailyRequestCap: 1000,
    expiresInDays: 30,
    screenshot: "keys-new-key-light",
    checkClipboard: true,
  });
  const row = page.getByTestId("api-key-row").filter({ hasText: "E2E app" });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("1,000 req/day");
  await expect(row).toContainText(`${apiKey.slice(0, "freellmapi-".length + 4)}…`);
  // The secret is gone once the dialog is closed: the list only has the short prefix.
  await expect(page.getByText(apiKey)).toHaveCount(0);

  const answer = await client(apiKey).chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hello from e2e" }] });
  expect(answer.choices[0]?.message.content).toContain("echo:");

  // Usage is written off the request path within a second or two: reload until it shows.
  await page.goto("/dashboard/usage");
  const totals = page.getByTestId("usage-totals");
  await expect(async () => {
    await page.reload();
    await expect(totals.getByRole("definition").first()).toHaveText("1", { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  const usageRow = page.getByTestId("usage-row").first();
  await expect(usageRow).toContainText("Groq");
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.getByRole("combobox", { name: "Unified key" }).selectOption({ label: "E2E app" });
  await expect(totals.getByRole("definition").first()).toHaveText("1");
  await shootBothThemes(page, "usage");

  await page.goto("/dashboard/requests");
  const request = page.getByTestId("request-row").first();
  await expect(request).toContainText("Groq");
  await expect(request).toContainText("200");
  await expect(request).toContainText("E2E app");
  await request.getByRole("button", { name: "Show fallback trail" }).click();
  const trail = page.getByTestId("attempt-trail");
  await expect(trail).toBeVisible();
  await expect(trail.getByRole("listitem").first()).toContainText("Groq");
  await expect(trail.getByRole("listitem").first()).toContainText("Answered");
  await shootBothThemes(page, "requests");
  await page.getByRole("combobox", { name: "Show requests" }).selectOption("error");
  await expect(page.getByRole("heading", { name: "No failed requests" })).toBeVisible();
  await page.getByRole("combobox", { name: "Show requests" }).selectOption("ok");
  await expect(page.getByTestId("request-row")).toHaveCount(1);

  // Usage and "last used" are written in the same batch, so by now the key shows it was used.
  await page.goto("/dashboard/keys");
  await expect(row).toContainText("just now");
  await shootBothThemes(page, "keys");
  await page.getByRole("button", { name: "Revoke E2E app" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke “E2E app”?" });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(page.getByRole("button", { name: "Revoke E2E app" })).toHaveCount(0);

  const error = await client(apiKey)
    .chat.completions.create({ model: "auto", messages: [{ role: "user", content: "after revoke" }] })
    .then(
      () => null,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((error as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
});

test("a new account gets empty states, field errors and model chips", async ({ page }) => {
  await signUp(page, freshUser("keys-empty"));

  await page.goto("/dashboard/requests");
  await expect(page.getByRole("heading", { name: "No requests yet" })).toBeVisible();
  await expect(page.locator("pre")).toContainText("/v1/chat/completions");
  await page.goto("/dashboard/usage");
  await expect(page.getByRole("heading", { name: "No usage yet" })).toBeVisible();
  await expect(page.getByTestId("usage-totals").getByRole("definition").first()).toHaveText("0");

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/dashboard/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create a unified key" });
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByRole("alert")).toHaveText("Name is required");
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Name").fill("Scoped");
  await expect(form.getByRole("alert")).toHaveCount(0);
  const models = form.getByLabel("Allowed models");
  await models.fill("groq/llama-3.1-8b-instant");
  await models.press("Enter");
  await models.fill("gemini-2.0-flash,");
  await models.fill("extra-model");
  await models.press("Enter");
  await form.getByRole("button", { name: "Remove extra-model" }).click();
  await expect(form.getByRole("button", { name: /^Remove / })).toHaveCount(2);
  await shootOnce(page, "keys-create-mobile-light");
  await form.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "I’ve saved it" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Scoped" })).toContainText("2 models");
});
