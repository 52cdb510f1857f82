import OpenAI from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { encodeBrowserToken } from "@/lib/browser-tokens";
import { prisma } from "@/lib/db";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";
import { sessionCookie } from "@/tests/support/session-cookie";

// POST /v1/tokens and the tokens in use, over HTTP with the official client. A Node client can set
// Origin itself; the real-browser run from another origin is tests/e2e/browser-tokens.spec.ts.
const SITE = "https://static-site.example";
const appUrl = () => inject("appUrl");

async function mint(unifiedKey: string, body: unknown) {
  const response = await fetch(`${appUrl()}/v1/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${unifiedKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { token: string; expiresAt: string; error?: { code: string; param: string | null; type: string; message: string } },
  };
}

const browserClient = (token: string, origin: string | null = SITE) =>
  new OpenAI({ baseURL: `${appUrl()}/v1`, apiKey: token, maxRetries: 0, defaultHeaders: origin ? { origin } : {} });
const ask = (client: OpenAI, model = "auto") =>
  client.chat.completions.create({ model, messages: [{ role: "user", content: "hi from the page" }] }).withResponse();
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
  );

describe("browser tokens", () => {
  beforeEach(() => mock.reset("groq"));

  it("mints a short-lived token bound to an origin; it answers chat, streamed too, from that origin only", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const minted = await mint(plaintext, { origin: SITE });
    expect(minted.status).toBe(200);
    expect(minted.body.token).toMatch(/^fbt_/);
    expect(minted.body.token).not.toContain(plaintext);
    const ttl = (Date.parse(minted.body.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(290);
    expect(ttl).toBeLessThanOrEqual(300);

    const { data, response } = await ask(browserClient(minted.body.token));
    expect(data.choices[0].message.content).toContain("echo: hi from the page");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");

    const stream = await browserClient(minted.body.token).chat.completions.create({
      model: "auto",
      stream: true,
      messages: [{ role: "user", content: "stream to the page" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toContain("echo: stream to the page");

    const wrong = await failure(ask(browserClient(minted.body.token, "https://other.example")));
    expect(wrong).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(wrong.code).toBe("forbidden");
    const missing = await failure(ask(browserClient(minted.body.token, null)));
    expect(missing).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(missing.message).toMatch(/no Origin header/);
    // Only the one exact origin: not a sub-path's origin, not another port or scheme.
    for (const near of ["http://static-site.example", "https://static-site.example:8443", "https://static-site.example.evil.test"]) {
      expect(await failure(ask(browserClient(minted.body.token, near)))).toBeInstanceOf(OpenAI.PermissionDeniedError);
    }
  });

  it("refuses a forged, an expired, and a revoked key's token with 401 in OpenAI's envelope", async () => {
    const { plaintext, user } = await createGatewayUser(["groq"]);
    const key = await prisma.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    const forged = encodeBrowserToken({ k: key.id, o: SITE, e: Math.floor(Date.now() / 1000) + 600 }, "not-the-server-secret-but-long-enough");
    const bad = await failure(ask(browserClient(forged)));
    expect(bad).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(bad.code).toBe("invalid_api_key");

    const expired = encodeBrowserToken({ k: key.id, o: SITE, e: Math.floor(Date.now() / 1000) - 1 }, inject("appSecrets").BROWSER_TOKEN_SECRET);
    const late = await failure(ask(browserClient(expired)));
    expect(late).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(late.message).toMatch(/expired/);
    const short = await mint(plaintext, { origin: SITE, ttlSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await failure(ask(browserClient(short.body.token)))).toBeInstanceOf(OpenAI.AuthenticationError);

    // Revoked through the dashboard API: the next call with a token it issued is refused at once.
    const { token } = (await mint(plaintext, { origin: SITE })).body;
    expect((await ask(browserClient(token))).response.status).toBe(200);
    const revoke = await fetch(`${appUrl()}/api/account/api-keys/${key.id}`, {
      method: "DELETE",
      headers: { cookie: await sessionCookie(user), origin: appUrl() },
    });
    expect(revoke.status).toBe(200);
    const revoked = await failure(ask(browserClient(token)));
    expect(revoked).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(revoked.message).toMatch(/revoked, deleted or has expired/);
  });

  it("carries the key's limits to one end-user bucket per token, and the page cannot pick another bucket", async () => {
    const { plaintext } = await createGatewayUser(["groq"], { dailyRequestCap: 2 });
    const alice = (await mint(plaintext, { origin: SITE, identifier: "alice" })).body.token;
    const bob = (await mint(plaintext, { origin: SITE, identifier: "bob" })).body.token;
    for (let i = 0; i < 2; i++) expect((await ask(browserClient(alice))).response.status).toBe(200);
    const capped = await failure(ask(browserClient(alice)));
    expect(capped).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(capped.headers?.get("retry-after"))).toBeGreaterThan(0);
    expect((await ask(browserClient(bob))).response.status).toBe(200);
    const escape = new OpenAI({
      baseURL: `${appUrl()}/v1`,
      apiKey: alice,
      maxRetries: 0,
      defaultHeaders: { origin: SITE, "x-freellmapi-identifier": "carol" },
    });
    expect(await failure(ask(escape))).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it("narrows the key's allowlist with models, and cannot widen it", async () => {
    const { plaintext, user } = await createGatewayUser(["groq"]);
    const narrow = (await mint(plaintext, { origin: SITE, models: ["free-fast"] })).body.token;
    expect((await ask(browserClient(narrow), "free-fast")).response.status).toBe(200);
    const outside = await failure(ask(browserClient(narrow), "auto"));
    expect(outside).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(outside.code).toBe("model_not_allowed");

    const { plaintext: limited } = await createApiKey(user.id, createApiKeySchema.parse({ name: "limited", modelAllowlist: ["free-fast"] }));
    const widen = await mint(limited, { origin: SITE, models: ["auto"] });
    expect(widen.status).toBe(403);
    expect(widen.body.error).toMatchObject({ code: "model_not_allowed", param: "models" });
    const inherited = (await mint(limited, { origin: SITE })).body.token;
    expect((await failure(ask(browserClient(inherited), "auto"))).code).toBe("model_not_allowed");
  });

  it("refuses bad bodies in OpenAI's envelope, tokens minting tokens, and minting without a key", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    for (const [body, param] of [
      [{ origin: "https://static-site.example/app" }, "origin"],
      [{ origin: "static-site.example" }, "origin"],
      [{ origin: SITE, ttlSeconds: 901 }, "ttlSeconds"],
      [{ origin: SITE, identifier: "no spaces" }, "identifier"],
      [{}, "origin"],
    ] as const) {
      const refused = await mint(plaintext, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "invalid_request", param, type: "invalid_request_error" });
    }
    const { token } = (await mint(plaintext, { origin: SITE })).body;
    const chained = await fetch(`${appUrl()}/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, origin: SITE, "content-type": "application/json" },
      body: JSON.stringify({ origin: SITE }),
    });
    expect(chained.status).toBe(403);
    expect(((await chained.json()) as { error: { message: string } }).error.message).toMatch(/cannot mint/);
    const anonymous = await fetch(`${appUrl()}/v1/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ origin: SITE }),
    });
    expect(anonymous.status).toBe(401);
    const get = await fetch(`${appUrl()}/v1/tokens`, { headers: { authorization: `Bearer ${plaintext}` } });
    expect(get.status).toBe(405);
  });

  it("answers the CORS preflight a browser sends before using a token", async () => {
    const preflight = await fetch(`${appUrl()}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: { origin: SITE, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, x-stainless-os" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  });
});
