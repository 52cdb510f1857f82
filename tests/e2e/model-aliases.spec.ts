import { readFile } from "node:fs/promises";
import { expect, test, type Download } from "@playwright/test";
import OpenAI from "openai";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";
import { createUnifiedKey } from "./support/keys-helpers";
import { shootBothThemes } from "./support/screenshots";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}/v1`;

async function readDownload(download: Download) {
  expect(download.suggestedFilename()).toBe("freellmapi.json");
  return JSON.parse(await readFile((await download.path())!, "utf8"));
}

test("map hard-coded model names to freellmapi models, for the account and for one key", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, freshUser("aliases"));
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/keys");
  const plaintext = await createUnifiedKey(page, { name: "Claude Code" });
  const client = new OpenAI({ baseURL, apiKey: plaintext, maxRetries: 0 });

  await page.getByRole("link", { name: "Model aliases" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Model aliases" })).toBeVisible();
  await expect(page.getByText("No aliases yet")).toBeVisible();
  await expect((await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).catch((e) => e)).status).toBe(404);

  const form = page.getByRole("form", { name: "Add a model alias" });
  await form.getByRole("button", { name: "gpt-4o-mini → free-fast" }).click();
  await expect(form.getByLabel("Name clients send")).toHaveValue("gpt-4o-mini");
  await form.getByRole("button", { name: "Save alias" }).click();
  const rows = page.getByTestId("alias-row");
  await expect(rows.filter({ hasText: "gpt-4o-mini" })).toContainText("Every key");

  await form.getByLabel("Name clients send").fill("claude-*");
  await form.getByLabel("Maps to").fill("groq/llama-3.1-8b-instant");
  await form.getByLabel("For", { exact: true }).selectOption({ label: "Only “Claude Code”" });
  await form.getByRole("button", { name: "Save alias" }).click();
  await expect(rows.filter({ hasText: "claude-*" })).toContainText("Only “Claude Code”");

  // A bad alias is refused with the reason under the field.
  await form.getByLabel("Name clients send").fill("auto");
  await form.getByLabel("Maps to").fill("free");
  await form.getByRole("button", { name: "Save alias" }).click();
  await expect(form.getByRole("alert")).toContainText("cannot be aliases");
  await expect(rows).toHaveCount(2);

  const mini = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "via alias" }] }).withResponse();
  expect(mini.data.choices[0].message.content).toContain("echo: via alias");
  expect(mini.response.headers.get("x-freellmapi-requested-model")).toBe("gpt-4o-mini");
  const claude = await client.chat.completions.create({ model: "claude-sonnet-4-5-20250929", messages: [{ role: "user", content: "x" }] }).withResponse();
  expect(claude.response.headers.get("x-freellmapi-model")).toBe("llama-3.1-8b-instant");
  const listed = (await client.models.list()).data as Array<{ id: string; alias_for?: string }>;
  expect(listed.filter((m) => m.alias_for)).toEqual([
    expect.objectContaining({ id: "claude-*", alias_for: "groq/llama-3.1-8b-instant" }),
    expect.objectContaining({ id: "gpt-4o-mini", alias_for: "free-fast" }),
  ]);
  await form.getByLabel("Name clients send").fill("");
  await form.getByLabel("Maps to").fill("");
  await shootBothThemes(page, "model-aliases");
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shootBothThemes(page, "model-aliases-mobile");
  await page.setViewportSize({ width: 1280, height: 720 });

  await rows.filter({ hasText: "gpt-4o-mini" }).getByRole("button", { name: "Remove gpt-4o-mini" }).click();
  await expect(rows).toHaveCount(1);
  await expect((await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).catch((e) => e)).status).toBe(404);
  await page.reload();
  await expect(rows).toHaveCount(1);
});

test("download freellmapi.json from the unified keys page, with the new key in it, and use it", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, freshUser("config"));
  await addProviderKey(page, "google", "gemini-test-key");
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/keys");

  const [generic] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download freellmapi.json" }).click()]);
  expect(await readDownload(generic)).toEqual({
    endpoint: baseURL,
    unified_key: "freellmapi-YOUR-UNIFIED-KEY",
    fallback_chain: ["gemini", "groq"],
    request: { model: "auto", messages: [{ role: "user", content: expect.any(String) }] },
  });

  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create a unified key" });
  await form.getByLabel("Name").fill("From the guide");
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "“From the guide” is ready" });
  const plaintext = (await shown.getByTestId("new-api-key").innerText()).trim();
  const [withKey] = await Promise.all([page.waitForEvent("download"), shown.getByRole("button", { name: "Download freellmapi.json" }).click()]);
  const config = await readDownload(withKey);
  expect(config).toMatchObject({ endpoint: baseURL, unified_key: plaintext, fallback_chain: ["gemini", "groq"] });

  // The file is enough to make a request, as the setup guides do with it.
  const answer = await new OpenAI({ baseURL: config.endpoint, apiKey: config.unified_key, maxRetries: 0 }).chat.completions.create(config.request);
  expect(answer.choices[0].message.content).toContain("[gemini:");
});
