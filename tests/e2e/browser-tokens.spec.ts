import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";

// A static site on another origin (its own port) calls the gateway with the real `openai` package,
// served to the page unbundled from node_modules, holding only a browser token its "server" (this
// test) minted with a unified key.
const OPENAI_DIR = path.resolve("node_modules/openai");
const PAGE = `<!doctype html><meta charset="utf-8"><title>static site</title>
<script type="module">
  import OpenAI from "/openai/index.mjs";
  window.chat = async ({ baseURL, token, stream }) => {
    const client = new OpenAI({ baseURL, apiKey: token, dangerouslyAllowBrowser: true, maxRetries: 0 });
    try {
      const messages = [{ role: "user", content: stream ? "stream to the page" : "hi from the page" }];
      if (!stream) return { text: (await client.chat.completions.create({ model: "auto", messages })).choices[0].message.content };
      let text = "";
      let chunks = 0;
      for await (const chunk of await client.chat.completions.create({ model: "auto", messages, stream: true })) {
        chunks += 1;
        text += chunk.choices[0]?.delta?.content ?? "";
      }
      return { text, chunks };
    } catch (error) {
      return { error: error.constructor.name, status: error.status ?? null, code: error.code ?? null, message: error.message };
    }
  };
  window.ready = true;
</script>`;

let site: Server;
let siteOrigin = "";

test.beforeAll(async () => {
  site = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://site");
    if (url.pathname === "/") return void response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    const file = path.join(OPENAI_DIR, path.normalize(url.pathname.replace(/^\/openai\//, "")));
    if (!url.pathname.startsWith("/openai/") || !file.startsWith(OPENAI_DIR + path.sep) || !file.endsWith(".mjs")) return void response.writeHead(404).end();
    const body = await readFile(file).catch(() => null);
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/javascript" }).end(body);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

type ChatResult = { text?: string; chunks?: number; error?: string; status?: number | null; code?: string | null; message?: string };

async function openSite(page: Page): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto(siteOrigin);
  await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return tab;
}

const chat = (tab: Page, baseURL: string, token: string, stream = false) =>
  tab.evaluate((args) => (window as unknown as { chat: (a: typeof args) => Promise<ChatResult> }).chat(args), { baseURL, token, stream });

test("a page on another origin chats and streams with a browser token; wrong origin, expiry and revocation refuse it", async ({ page, baseURL }) => {
  await signUp(page, freshUser("browser-token"));
  await addProviderKey(page, "groq", ["gsk", "test"].join("_"));
  const created = await page.request.post("/api/account/api-keys", { data: { name: "static site" }, headers: { origin: baseURL! } });
  const { key, plaintext } = (await created.json()) as { key: { id: string }; plaintext: string };
  // The site's server mints tokens; the unified key never reaches the browser.
  const mint = async (body: Record<string, unknown>) => {
    const response = await fetch(`${baseURL}/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  const gateway = `${baseURL}/v1`;
  const tab = await openSite(page);
  expect(new URL(tab.url()).origin).not.toBe(new URL(baseURL!).origin);

  const token = await mint({ origin: siteOrigin, identifier: "visitor-1" });
  expect(await chat(tab, gateway, token)).toEqual({ text: expect.stringContaining("echo: hi from the page") });
  const streamed = await chat(tab, gateway, token, true);
  expect(streamed.text).toContain("echo: stream to the page");
  expect(streamed.chunks).toBeGreaterThan(1);

  const elsewhere = await mint({ origin: "https://another-site.example" });
  expect(await chat(tab, gateway, elsewhere)).toMatchObject({ error: "PermissionDeniedError", status: 403, code: "forbidden" });

  const brief = await mint({ origin: siteOrigin, ttlSeconds: 1 });
  await tab.waitForTimeout(1_200);
  expect(await chat(tab, gateway, brief)).toMatchObject({
    error: "AuthenticationError",
    status: 401,
    code: "invalid_api_key",
    message: expect.stringContaining("expired"),
  });

  const revoked = await page.request.delete(`/api/account/api-keys/${key.id}`, { headers: { origin: baseURL! } });
  expect(revoked.status()).toBe(200);
  expect(await chat(tab, gateway, token)).toMatchObject({ error: "AuthenticationError", status: 401, message: expect.stringContaining("revoked") });
});
