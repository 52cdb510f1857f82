import { expect, test } from "@playwright/test";
import { addProviderKey, signUp } from "./support/auth-helpers";
import { createUnifiedKey } from "./support/keys-helpers";
import { shootOnce } from "./support/screenshots";

test("the connect page fills each tool's setup with this gateway's address", async ({ page, baseURL }) => {
  await signUp(page);
  await page.getByRole("link", { name: "Connect a tool" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connect a tool" })).toBeVisible();
  const tools = page.getByRole("navigation", { name: "Tools" });

  await tools.getByRole("button", { name: "Codex CLI" }).click();
  const codex = page.getByTestId("config-codex-~/.codex/config.toml");
  await expect(codex).toContainText(`base_url = "${baseURL}/v1"`);
  await expect(codex).toContainText('wire_api = "responses"');

  await tools.getByRole("button", { name: "Claude Code" }).click();
  await expect(page.getByRole("heading", { name: "Claude Code" })).toBeVisible();
  // Anthropic clients append /v1 themselves.
  await expect(page.getByTestId("config-claude-code-Terminal")).toContainText(`ANTHROPIC_BASE_URL=${baseURL}\n`);

  await tools.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("config-continue-~/.continue/config.yaml")).toContainText("roles: [autocomplete]");
  await shootOnce(page, "connect-continue");
});

test("a page on another origin calls /v1 with a bearer key through CORS", async ({ page, baseURL }) => {
  await signUp(page);
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/keys");
  const key = await createUnifiedKey(page, { name: "browser app" });

  // localhost and 127.0.0.1 are different origins: the call below is cross-origin and preflighted.
  const gateway = new URL(baseURL!);
  const otherOrigin = `http://localhost:${gateway.port}`;
  await page.goto(`${otherOrigin}/`);
  const result = await page.evaluate(
    async ({ url, key }) => {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-freellmapi-identifier": "visitor-1" },
        body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hello from a static site" }] }),
      });
      const body = await response.json();
      return {
        status: response.status,
        requestId: response.headers.get("x-request-id"),
        provider: response.headers.get("x-freellmapi-provider"),
        text: body.choices?.[0]?.message?.content,
      };
    },
    { url: gateway.origin, key },
  );
  expect(result.status).toBe(200);
  expect(result.text).toContain("hello from a static site");
  // Exposed headers are readable from script only because the gateway exposes them.
  expect(result.requestId).toMatch(/^req_/);
  expect(result.provider).toBe("groq");

  const refused = await page.evaluate(async (url) => {
    const response = await fetch(`${url}/v1/models`, { headers: { authorization: "Bearer freellmapi-not-a-real-key-000000000000" } });
    return { status: response.status, body: await response.json() };
  }, gateway.origin);
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe("invalid_api_key");
});
