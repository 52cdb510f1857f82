import { expect, type Page } from "@playwright/test";
import { shootOnce } from "./screenshots";

/** Creates a unified key through the dialog on /dashboard/keys and returns its plaintext. */
export async function createUnifiedKey(
  page: Page,
  options: { name: string; dailyRequestCap?: number; expiresInDays?: number; screenshot?: string; checkClipboard?: boolean },
): Promise<string> {
  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create a unified key" });
  await form.getByLabel("Name").fill(options.name);
  if (options.dailyRequestCap) await form.getByLabel("Requests / day").fill(String(options.dailyRequestCap));
  if (options.expiresInDays) {
    const date = new Date(Date.now() + options.expiresInDays * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel("Expires").fill(date);
  }
  await form.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: `“${options.name}” is ready` });
  await expect(shown).toBeVisible();
  await expect(shown).toContainText("will not be shown again");
  const plaintext = (await shown.getByTestId("new-api-key").innerText()).trim();
  expect(plaintext).toMatch(/^freellmapi-\S{20,}$/);
  if (options.checkClipboard) {
    // The copy button must put exactly the shown key on the clipboard.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await shown.getByRole("button", { name: "Copy key" }).click();
    await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(plaintext);
  }
  if (options.screenshot) await shootOnce(page, options.screenshot);
  await shown.getByRole("button", { name: "I’ve saved it" }).click();
  await expect(shown).toBeHidden();
  return plaintext;
}
