import { expect, test } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";
import { createUnifiedKey } from "./support/keys-helpers";

const port = Number(process.env.E2E_PORT ?? 3100);

function ask(key: string, content: string) {
  return fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "auto", messages: [{ role: "user", content }] }),
  });
}

test("a repeated request is a cache hit: the Overview shows the hit rate, Requests marks it, the key's switch turns it off", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, freshUser("cache"));
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/keys");
  const key = await createUnifiedKey(page, { name: "Cached app" });

  expect((await ask(key, "same question")).headers.get("x-freellmapi-cache")).toBe("miss");
  expect((await ask(key, "same question")).headers.get("x-freellmapi-cache")).toBe("hit");

  await page.goto("/dashboard");
  const requestsToday = page.locator("dt", { hasText: "Requests today" }).locator("..");
  await expect(requestsToday).toContainText("50.0% cache hit rate", { timeout: 10_000 });
  await expect(page.getByTestId("provider-today").filter({ hasText: "Response cache" })).toBeVisible();

  await page.goto("/dashboard/requests");
  const newest = page.getByTestId("request-row").first();
  await expect(newest).toContainText("Cached");
  await newest.getByRole("button", { name: "Show fallback trail" }).click();
  await expect(page.getByText("Answered from the response cache")).toBeVisible();

  await page.goto("/dashboard/keys");
  const toggle = page.getByRole("switch", { name: "Response cache for Cached app" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await page.reload();
  await expect(page.getByRole("switch", { name: "Response cache for Cached app" })).toHaveAttribute("aria-checked", "false");
  expect((await ask(key, "same question")).headers.get("x-freellmapi-cache")).toBe("bypass");
});
