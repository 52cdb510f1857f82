import { expect, test, type Page } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";
import { SCREENSHOT_DIR } from "./support/screenshots";

const port = Number(process.env.E2E_PORT ?? 3100);
// The mocks start in MOCK_PROFILES order from E2E_MOCK_PORT: groq first, gemini second.
const groqMock = `http://127.0.0.1:${Number(process.env.E2E_MOCK_PORT ?? 4310)}`;
const geminiMock = `http://127.0.0.1:${Number(process.env.E2E_MOCK_PORT ?? 4310) + 1}`;

async function unifiedKey(page: Page, name = "live"): Promise<string> {
  const created = await page.request.post("/api/account/api-keys", { data: { name }, headers: { origin: new URL(page.url()).origin } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { plaintext: string }).plaintext;
}

function chat(key: string, model = "auto", content = "ping") {
  return fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
}

async function groqFaults(body: unknown, mock = groqMock) {
  const res = await fetch(`${mock}/__mock/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test.afterEach(async () => {
  await Promise.all([groqMock, geminiMock].map((mock) => fetch(`${mock}/__mock/reset`, { method: "POST" }).catch(() => {})));
});

test("without PUBLIC_URL, auth callbacks and sign-out stay on the host the app was opened at", async ({ page, baseURL }) => {
  await signUp(page, freshUser("host"));
  const providers = (await (await page.request.get("/api/auth/providers")).json()) as Record<string, { callbackUrl: string; signinUrl: string }>;
  expect(providers.credentials.callbackUrl).toBe(`${baseURL}/api/auth/callback/credentials`);
  expect(JSON.stringify(providers)).not.toContain("localhost");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  expect(new URL(page.url()).origin).toBe(baseURL);
});

test("an answered request appears on Requests and Overview without a reload", async ({ page }) => {
  await signUp(page, freshUser("live"));
  await addProviderKey(page, "groq", "gsk_test");
  const key = await unifiedKey(page);
  expect((await chat(key)).status).toBe(200);

  await page.goto("/dashboard/requests");
  const rows = page.getByTestId("request-row");
  await expect(rows).toHaveCount(1);
  const timings: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const response = await chat(key);
    expect(response.status).toBe(200);
    await response.text();
    const answeredAt = Date.now();
    await expect(rows).toHaveCount(2 + i, { timeout: 2_000 });
    timings.push(Date.now() - answeredAt);
  }
  console.log(`request visible on /dashboard/requests after ${timings.join(", ")} ms`);

  await page.goto("/dashboard");
  const requestsToday = page.locator("dt", { hasText: "Requests today" }).locator("..");
  await expect(requestsToday).toContainText("4");
  const response = await chat(key);
  await response.text();
  const answeredAt = Date.now();
  await expect(requestsToday).toContainText("5", { timeout: 2_000 });
  console.log(`overview counted it after ${Date.now() - answeredAt} ms`);

  // A failure is a failure: its own row, label and colour, never a provider called "none".
  expect((await chat(key, "no-such-model")).status).toBeGreaterThanOrEqual(400);
  const unanswered = page.getByTestId("unanswered-today");
  await expect(unanswered).toContainText("No provider answered", { timeout: 4_000 });
  await expect(page.getByText(/^none$/)).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-live-failure.png`, fullPage: true });
  await page.goto("/dashboard/usage");
  await expect(page.getByRole("combobox", { name: "Provider" }).locator("option", { hasText: "No provider answered" })).toHaveCount(1);
  await expect(page.getByTestId("usage-row-key").first()).toContainText("live");
});

test("the chain page shows a cooldown as the router sees it, counting down, without a reload", async ({ page }) => {
  await signUp(page, freshUser("chainlive"));
  await addProviderKey(page, "groq", "gsk_test");
  await addProviderKey(page, "gemini", "gemini-test-key");
  const origin = new URL(page.url()).origin;
  const put = await page.request.put("/api/account/chain", {
    data: {
      entries: [
        { providerId: "groq", pinnedModel: "llama-3.3-70b-versatile", enabled: true },
        { providerId: "gemini", pinnedModel: null, enabled: true },
      ],
    },
    headers: { origin },
  });
  expect(put.status(), await put.text()).toBe(200);
  const key = await unifiedKey(page);
  await page.goto("/dashboard/chain");
  const groqState = page.getByTestId("chain-state").first();
  await expect(groqState).toHaveAttribute("data-status", "ready");

  await groqFaults({ faults: [{ kind: "rate-limit", retryAfterSeconds: 40 }] });
  const response = await chat(key);
  expect(response.status).toBe(200);
  expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
  await expect(groqState).toHaveAttribute("data-status", "cooling_down", { timeout: 4_000 });
  const first = Number((await groqState.getByTestId("chain-countdown").innerText()).replace(/\D/g, ""));
  expect(first).toBeGreaterThan(25);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/chain-cooling-down.png` });
  await expect
    .poll(async () => Number((await groqState.getByTestId("chain-countdown").innerText()).replace(/\D/g, "")), { timeout: 5_000 })
    .toBeLessThan(first);
});

test("the playground: a double-click on Send does not stop the answer; a failover shows its tries and links the trail", async ({ page }) => {
  await signUp(page, freshUser("pgtries"));
  await addProviderKey(page, "groq", "gsk_test");
  await addProviderKey(page, "gemini", "gemini-test-key");
  await page.goto("/dashboard/playground");
  const box = page.getByLabel("Message", { exact: true });
  await box.fill("double click me");
  await page.getByRole("button", { name: "Send" }).dblclick();
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer).toContainText("echo: double click me");
  await expect(answer.getByTestId("answer-meta")).not.toContainText("Stopped");
  await expect(page.getByTestId("assistant-message")).toHaveCount(1);

  await groqFaults({ faults: [{ kind: "rate-limit", retryAfterSeconds: 30, times: 20 }] });
  await box.fill("fail over please");
  await box.press("Enter");
  const second = page.getByTestId("assistant-message").last();
  await expect(second).toContainText("echo: fail over please");
  await expect(second.getByTestId("answer-tries")).toContainText(/\d+ tries: Groq rate limited/);
  await second.getByRole("link", { name: "See the trail" }).click();
  await page.waitForURL("**/dashboard/requests?request=*");
  const trail = page.getByTestId("attempt-trail");
  await expect(trail).toBeVisible({ timeout: 5_000 });
  await expect(trail).toContainText("Rate limited");
  await expect(trail).not.toContainText("rate_limited");

  // Stopping on purpose is not an error in "Errors today": it is counted as stopped.
  await page.goto("/dashboard/playground");
  // Groq may still be cooling down from the failover above, so Gemini may answer: slow both.
  for (const mock of [groqMock, geminiMock]) await groqFaults({ faults: [{ kind: "slow", beforeFirstChunkMs: 5_000, betweenChunksMs: 500 }] }, mock);
  await box.fill("stop me");
  await box.press("Enter");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("assistant-message").last().getByTestId("answer-meta")).toContainText("Stopped");
  await page.goto("/dashboard");
  const errors = page.locator("dt", { hasText: "Errors today" }).locator("..");
  await expect(errors).toContainText("1 stopped by the caller", { timeout: 5_000 });
  await expect(errors.locator("dd").first()).toHaveText("0");
});

test("the same provider key twice is refused with its label; long names never overflow at 1440 px", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signUp(page, freshUser("dupes"));
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/providers");
  await page
    .getByRole("button", { name: /Add (a )?(provider )?key/ })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Add a provider key" });
  await dialog.getByLabel("Provider").selectOption("groq");
  await dialog.getByLabel("API key").fill("gsk_test");
  await expect(dialog.getByLabel("Label")).toHaveAttribute("maxlength", "64");
  await dialog.getByRole("button", { name: "Check and add key" }).click();
  await expect(dialog).toContainText("already saved");
  await expect(dialog).not.toContainText("key:");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const long = "a".repeat(64);
  await page.goto("/dashboard/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create a unified key" });
  await form.getByLabel("Name").fill(long);
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: `“${long}” is ready` });
  await expect(shown).toBeVisible();
  const overflow = await shown.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/key-ready-long-name.png` });
  await shown.getByRole("button", { name: "I’ve saved it" }).click();
  const revoke = page.getByRole("button", { name: `Revoke ${long}` });
  const box = await revoke.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(1440);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
});

test("at 375 px Requests, Usage and Unified keys are cards, the trail is not clipped and Revoke is in reach", async ({ page }) => {
  await signUp(page, freshUser("narrow"));
  await addProviderKey(page, "groq", "gsk_test");
  const key = await unifiedKey(page, "phone");
  for (let i = 0; i < 2; i += 1) await (await chat(key, "auto", `ping ${i}`)).text();
  await page.setViewportSize({ width: 375, height: 812 });

  const fits = async (selector: string) => {
    const boxes = await page.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { right: r.right, scroll: el.scrollWidth - el.clientWidth };
      }),
    );
    expect(boxes.length, selector).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.right, selector).toBeLessThanOrEqual(375);
      expect(b.scroll, selector).toBeLessThanOrEqual(0);
    }
  };

  await page.goto("/dashboard/requests");
  await expect(page.getByTestId("request-row")).toHaveCount(2, { timeout: 5_000 });
  await fits(".table-stack");
  await fits("[data-testid=request-row] td");
  await page.getByRole("button", { name: "Show fallback trail" }).first().click();
  await fits("[data-testid=attempt-trail]");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/requests-cards-375.png`, fullPage: true });

  await page.goto("/dashboard/usage");
  await expect(page.getByTestId("usage-row").first()).toBeVisible({ timeout: 5_000 });
  await fits("[data-testid=usage-row] td");

  await page.goto("/dashboard/keys");
  const revoke = page.getByRole("button", { name: "Revoke phone" });
  await expect(revoke).toBeInViewport();
  await fits("[data-testid=api-key-row] td");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/keys-cards-375.png`, fullPage: true });
});

test("capacity: counted requests against the free-tier limit, the reset time and who answers auto", async ({ page }) => {
  await signUp(page, freshUser("capacity"));
  await addProviderKey(page, "groq", "gsk_test");
  await addProviderKey(page, "gemini", "gemini-test-key");
  const origin = new URL(page.url()).origin;
  await page.request.put("/api/account/chain", {
    data: {
      entries: [
        { providerId: "groq", pinnedModel: "llama-3.3-70b-versatile", enabled: true },
        { providerId: "gemini", pinnedModel: null, enabled: true },
      ],
    },
    headers: { origin },
  });
  const key = await unifiedKey(page);
  const SCRIPTED = 5;
  // The minute window is checked below: the requests and the page must fall in one minute (a CI run
  // sent them at 18:59:59.6 and read 0 at 19:00), so a start late in a minute waits for the next one.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await page.waitForTimeout(60_000 - intoMinute + 200);
  // Different questions: identical ones would be answered by the response cache and never reach groq.
  for (let i = 0; i < SCRIPTED; i += 1) expect((await chat(key, "auto", `ping ${i}`)).headers.get("x-freellmapi-provider")).toBe("groq");

  await page.goto("/dashboard/capacity");
  await expect(page.getByRole("heading", { level: 1, name: "Capacity" })).toBeVisible();
  const groq = page.locator("[data-testid=capacity-provider][data-provider=groq]");
  const model = groq.locator("[data-testid=capacity-model][data-model='llama-3.3-70b-versatile']");
  // Groq's free tier: 1,000 requests a day and 30 a minute for this model (lib/providers/groq/index.ts).
  await expect(model.locator("[data-metric=requests][data-period=day] [data-testid=capacity-window-numbers]")).toHaveText(`${SCRIPTED} / 1K`, {
    timeout: 5_000,
  });
  await expect(model.locator("[data-metric=requests][data-period=minute] [data-testid=capacity-window-numbers]")).toHaveText(`${SCRIPTED} / 30`);
  await expect(groq.getByTestId("capacity-today")).toContainText(`${SCRIPTED} req`);
  await expect(groq).toContainText(/(resets|runs out) at ([A-Z][a-z]{2} \d+, )?\d\d:\d\d UTC/);
  const carriers = page.getByTestId("capacity-carrier");
  await expect(carriers.first()).toHaveAttribute("data-role", "carrying");
  await expect(carriers.first()).toContainText("llama-3.3-70b-versatile");
  await expect(carriers.nth(1)).toHaveAttribute("data-role", "standby");
  await expect(carriers.nth(1)).toContainText("Takes over next");
  await expect(page.getByTestId("capacity-pooled")).toContainText(`${SCRIPTED} of`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/capacity-scripted.png`, fullPage: true });
});
