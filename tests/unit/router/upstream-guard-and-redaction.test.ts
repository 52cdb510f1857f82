import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openAiErrorResponse } from "@/lib/api/openai-error";
import { GatewayError } from "@/lib/router/errors";
import { routeChatCompletion } from "@/lib/router/route-chat-completion";
import { routeEmbeddings } from "@/lib/router/route-embeddings";
import { chatCompletionRequestSchema, embeddingsRequestSchema } from "@/lib/router/schemas";
import { entry, key, makeContext } from "./support/context";
import { completion, json, startMockUpstream } from "@/tests/mocks/scripted-upstream";

// Key-shaped but fake, assembled at run time so no key-like literal sits in the repo.
const FAKE_GROQ_KEY_2 = ["gsk", "abcdefghijklmnop1234"].join("_");

const request = (model = "auto") => chatCompletionRequestSchema.parse({ model, messages: [{ role: "user", content: "hello" }] });
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

// Where a redirect would lead: any request reaching it means the redirect was followed.
async function redirectTarget() {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? "");
    json(res, 200, completion("answer from the internal service"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { paths, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("chat and embeddings never follow an upstream redirect", () => {
  it("takes a 302 as a provider error, shows it, and fails over", async () => {
    const target = await redirectTarget();
    const mock = await startMockUpstream({ groq: "GROQ_BASE_URL", gemini: "GEMINI_BASE_URL" }, (hit, res) => {
      if (hit.provider === "groq") return json(res, 302, {}, { location: `${target.url}/v1/chat/completions` });
      json(res, 200, completion("hi from gemini"));
    });
    closers.push(mock.close);
    const { ctx, outcomes } = makeContext();
    const response = await routeChatCompletion(request(), ctx);
    expect(response.kind === "json" && (response.body as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe(
      "hi from gemini",
    );
    expect(target.paths).toEqual([]);
    await new Promise((r) => setTimeout(r, 10));
    expect(outcomes[0].attempts[0]).toMatchObject({ providerId: "groq", result: "provider_unhealthy", status: 302 });
    expect(outcomes[0].attempts[0].message).toMatch(
      /redirected \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions\); freellmapi does not follow upstream redirects/,
    );
  });

  it("names the redirect in the gateway error when it was the only provider, for streams and embeddings too", async () => {
    const target = await redirectTarget();
    const mock = await startMockUpstream({ groq: "GROQ_BASE_URL", mistral: "MISTRAL_BASE_URL" }, (_hit, res) =>
      json(res, 307, {}, { location: `${target.url}/x` }),
    );
    closers.push(mock.close);
    const { ctx } = makeContext({ chain: [entry("groq", "llama-3.3-70b-versatile")], keys: [key("kg", "groq")] });
    const stream = await routeChatCompletion(
      chatCompletionRequestSchema.parse({ model: "auto", stream: true, messages: [{ role: "user", content: "hi" }] }),
      ctx,
    ).catch((e) => e);
    expect(stream).toBeInstanceOf(GatewayError);
    expect(stream.message).toMatch(/redirected \(HTTP 307/);
    const embed = makeContext({ chain: [entry("mistral")], keys: [key("km", "mistral")] });
    const error = await routeEmbeddings(embeddingsRequestSchema.parse({ model: "auto", input: "hi" }), embed.ctx).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.providers[0].message).toMatch(/redirected \(HTTP 307/);
    expect(target.paths).toEqual([]);
  });
});

describe("custom endpoints on private addresses, with ALLOW_PRIVATE_UPSTREAMS off", () => {
  it("refuses an IPv4-mapped loopback literal before connecting", async () => {
    let connections = 0;
    const server = createServer((_req, res) => json(res, 200, completion("internal")));
    server.on("connection", () => void (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    const port = (server.address() as AddressInfo).port;
    for (const host of ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]"]) {
      const { ctx } = makeContext({ chain: [entry("custom")], keys: [key("kc", "custom", { baseUrl: `https://${host}:${port}/v1`, models: ["m"] })] });
      const error = await routeChatCompletion(request(), ctx).catch((e) => e);
      expect(error, host).toBeInstanceOf(GatewayError);
      expect(error.message).toMatch(/loopback address, not a public one/);
    }
    expect(connections).toBe(0);
  });
});

describe("what providers send back is redacted", () => {
  it("redacts the key used for the call and anything key-shaped from trails, error bodies and key-invalid reasons", async () => {
    const mock = await startMockUpstream({ groq: "GROQ_BASE_URL", gemini: "GEMINI_BASE_URL" }, (hit, res) => {
      const echoed = String(hit.headers.authorization).replace("Bearer ", "");
      if (hit.provider === "groq")
        return json(res, 401, { error: { message: `Invalid API key ${echoed}; also seen: ${FAKE_GROQ_KEY_2}`, code: "invalid_api_key" } });
      json(res, 429, { error: { message: `Rate limit for key ${echoed} (org sk-proj-ABCDEFGH12345678)` } }, { "retry-after": "5" });
    });
    closers.push(mock.close);
    const { ctx, invalid, outcomes } = makeContext();
    const error = await routeChatCompletion(request(), ctx).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    const body = await openAiErrorResponse(error, "req_1").json();
    const shown = JSON.stringify(body);
    await new Promise((r) => setTimeout(r, 10));
    const kept = JSON.stringify({ invalid, attempts: outcomes[0].attempts, message: error.message, providers: error.providers });
    for (const text of [shown, kept]) {
      expect(text).not.toContain("kg-secret");
      expect(text).not.toContain("kge-secret");
      expect(text).not.toContain(FAKE_GROQ_KEY_2);
      expect(text).not.toContain("ABCDEFGH12345678");
      expect(text).toContain("[redacted]");
    }
    expect(invalid[0][1]).toBe("Invalid API key [redacted]; also seen: gsk_[redacted]");
  });

  it("caps a long upstream text", async () => {
    const mock = await startMockUpstream({ groq: "GROQ_BASE_URL" }, (_hit, res) => json(res, 400, { error: { message: "x ".repeat(5_000) } }));
    closers.push(mock.close);
    const { ctx } = makeContext({ chain: [entry("groq", "llama-3.3-70b-versatile")], keys: [key("kg", "groq")] });
    const error = await routeChatCompletion(request(), ctx).catch((e) => e);
    expect(error.attempts[0].message.length).toBeLessThanOrEqual(500);
  });

  it("names keys in error.providers by label and last four, never by database id", async () => {
    const mock = await startMockUpstream({ groq: "GROQ_BASE_URL" }, (_hit, res) => json(res, 503, { error: { message: "overloaded" } }));
    closers.push(mock.close);
    const dbId = "cmkey0000database0id0001";
    const { ctx } = makeContext({ chain: [entry("groq", "llama-3.3-70b-versatile")], keys: [key(dbId, "groq", { label: "work (…wxyz)" })] });
    const error = await routeChatCompletion(request(), ctx).catch((e) => e);
    const body = await openAiErrorResponse(error, "req_2").json();
    expect(body.error.providers[0]).toMatchObject({ provider: "groq", model: "llama-3.3-70b-versatile", key: "work (…wxyz)", state: "provider_unhealthy" });
    expect(body.error.providers[0]).not.toHaveProperty("keyId");
    expect(JSON.stringify(body)).not.toContain(dbId);
  });
});
