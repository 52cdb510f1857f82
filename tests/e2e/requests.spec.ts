import { expect, test } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";

const port = Number(process.env.E2E_PORT ?? 3100);
const PAGE_SIZE = 50;
const CALLS = PAGE_SIZE + 4;

test("the request list pages with load more and shows failures with their error", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, freshUser("requests"));
  await page.goto("/dashboard/requests");
  await expect(page.getByRole("heading", { name: "No requests yet" })).toBeVisible();

  // Two providers so the gateway has room under Groq's per-minute limit.
  await addProviderKey(page, "groq", "gsk_test");
  await addProviderKey(page, "gemini", "gemini-test-key");
  const created = await page.request.post("/api/account/api-keys", { data: { name: "bulk" }, headers: { origin: new URL(page.url()).origin } });
  const { plaintext } = (await created.json()) as { plaintext: string };

  const call = (model: string) =>
    fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "ping" }] }),
    }).then((response) => response.status);
  for (let start = 0; start < CALLS - 1; start += 6) {
    await Promise.all(Array.from({ length: Math.min(6, CALLS - 1 - start) }, () => call("auto")));
  }
  // A model nobody serves fails, and the list says so.
  expect(await call("no-such-model")).toBeGreaterThanOrEqual(400);

  const rows = page.getByTestId("request-row");
  // Usage is written off the request path: a full first page does not mean every row is in yet,
  // so the page is reloaded until the first page and the second, loaded with "Load more", hold all.
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(PAGE_SIZE, { timeout: 1_500 });
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(rows).toHaveCount(CALLS, { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText("That’s everything.")).toBeVisible();

  await page.getByRole("combobox", { name: "Show requests" }).selectOption("error");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("no-such-model");
});
