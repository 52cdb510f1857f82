import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";
import { freePort, startApp } from "@/tests/support/stack";

/**
 * A second instance of the app on the same database and mocks, tuned so heartbeats and
 * first-token timeouts happen within a test: a keep-alive every 250 ms, a 1.5 s first-token
 * limit, no hedging (so the order of attempts is the chain's), and the response cache off.
 * A provider that hangs is marked down for every account of the instance (the provider
 * breaker), so each test that hangs one uses a provider no later test needs.
 */
let app: Awaited<ReturnType<typeof startApp>>;
const url = () => app.baseUrl;

beforeAll(async () => {
  app = await startApp({
    port: await freePort(),
    env: {
      DATABASE_URL: inject("appDatabaseUrl"),
      FREELLMAPI_EMBEDDED_DB: "1",
      STREAM_HEARTBEAT_SECONDS: "0.25",
      UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "1500",
      GATEWAY_HEDGE: "off",
      CACHE_TTL_SECONDS: "0",
      KEY_RPM: "100000",
      ACCOUNT_RPM: "100000",
    },
    quiet: !process.env.DEBUG_APP,
  });
  // The first request to a fresh instance pays for loading the route; keep that out of the timings.
  const { plaintext } = await createGatewayUser(["groq"]);
  await openai(plaintext).chat.completions.create({ model: "auto", messages: [{ role: "user", content: "warm up" }] });
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

const KEEP_ALIVE = ": keep-alive\n\n";
const openai = (key: string) => new OpenAI({ baseURL: `${url()}/v1`, apiKey: key, maxRetries: 0 });
const chatBody = (content: string) => ({ model: "auto", stream: true, messages: [{ role: "user", content }] });

async function rawStream(path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url()}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { response, text: await response.text() };
}

/** Keep-alive comments before the first event of the stream. */
const leadingKeepAlives = (text: string) => {
  let count = 0;
  while (text.startsWith(KEEP_ALIVE, count * KEEP_ALIVE.length)) count++;
  return count;
};

describe("SSE heartbeats while the first token is awaited", () => {
  beforeEach(() => mock.reset("groq", "gemini", "mistral", "cerebras"));

  it("sends keep-alive comments, then the answer in the same valid stream", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    await mock.faults("groq", [{ kind: "slow", beforeFirstChunkMs: 800, times: 2 }]);
    const { response, text } = await rawStream("/v1/chat/completions", plaintext, chatBody("slow thinker"));
    expect(response.status).toBe(200);
    expect(leadingKeepAlives(text)).toBeGreaterThanOrEqual(2);
    expect(text.slice(leadingKeepAlives(text) * KEEP_ALIVE.length)).toMatch(/^data: \{/);
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);

    let answer = "";
    for await (const chunk of await openai(plaintext).chat.completions.create({
      model: "auto",
      stream: true,
      messages: [{ role: "user", content: "slow thinker" }],
    })) {
      answer += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(answer).toContain("[groq:");
  });

  it("fails over after heartbeats: provider A times out after several, B answers, one stream", async () => {
    const { plaintext } = await createGatewayUser(["mistral", "gemini"]);
    await mock.faults("mistral", [], { kind: "hang" });
    const { response, text } = await rawStream("/v1/chat/completions", plaintext, chatBody("A hangs"));
    expect(response.status).toBe(200);
    const beats = leadingKeepAlives(text);
    expect(beats).toBeGreaterThanOrEqual(2);
    const events = text
      .slice(beats * KEEP_ALIVE.length)
      .split("\n\n")
      .filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    expect(events.filter((e) => e === "data: [DONE]")).toHaveLength(1);
    const chunks = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.replace(/^data: /, "")) as { error?: unknown; choices: Array<{ delta?: { content?: string } }> });
    expect(chunks.every((c) => c.error === undefined)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toContain("[gemini:");
    const hungCalls = (await mock.requests("mistral")).filter((r) => r.path.endsWith("/chat/completions"));
    expect(hungCalls).toHaveLength(1);

    // The official client reads the same kind of stream as one answer.
    let answer = "";
    for await (const chunk of await openai(plaintext).chat.completions.create({
      model: "auto",
      stream: true,
      messages: [{ role: "user", content: "A hangs again" }],
    })) {
      answer += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(answer).toContain("[gemini:");
  });

  it("when nothing answers after heartbeats, the stream ends with the gateway's error event, which the SDK raises", async () => {
    const { plaintext } = await createGatewayUser(["cerebras"]);
    await mock.faults("cerebras", [], { kind: "hang" });
    const { response, text } = await rawStream("/v1/chat/completions", plaintext, chatBody("nobody"));
    expect(response.status).toBe(200);
    expect(leadingKeepAlives(text)).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/data: \{"error":\{"message":"[^"]+","type":"[a-z_]+","param":null,"code":"[a-z_]+"\}\}\n\n$/);
    expect(text).not.toContain("[DONE]");

    // Now the provider is known down, the error may come before any beat, as a plain status: either way the SDK raises it.
    await expect(
      (async () => {
        const stream = await openai(plaintext).chat.completions.create({ model: "auto", stream: true, messages: [{ role: "user", content: "nobody again" }] });
        for await (const _ of stream) void _;
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it("an answer that starts before the first beat is untouched (its headers name the provider)", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const { response, text } = await rawStream("/v1/chat/completions", plaintext, chatBody("quick"));
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(text).not.toContain("keep-alive");
  });

  it("Messages and Responses streams carry the keep-alives as comments before their own events", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    await mock.faults("groq", [{ kind: "slow", beforeFirstChunkMs: 800, times: 3 }]);
    const messages = await rawStream(
      "/v1/messages",
      plaintext,
      { model: "auto", max_tokens: 200, stream: true, messages: [{ role: "user", content: "slow claude" }] },
      { "anthropic-version": "2023-06-01" },
    );
    expect(leadingKeepAlives(messages.text)).toBeGreaterThanOrEqual(2);
    expect(messages.text.slice(leadingKeepAlives(messages.text) * KEEP_ALIVE.length)).toMatch(/^event: message_start\n/);
    expect(messages.text).toContain("event: message_stop");

    const responses = await rawStream("/v1/responses", plaintext, { model: "auto", stream: true, input: "slow codex" });
    expect(leadingKeepAlives(responses.text)).toBeGreaterThanOrEqual(2);
    expect(responses.text.slice(leadingKeepAlives(responses.text) * KEEP_ALIVE.length)).toMatch(/^event: response\.created\n/);
    expect(responses.text).toContain("event: response.completed");

    const anthropic = new Anthropic({ baseURL: url(), apiKey: plaintext, maxRetries: 0 });
    const message = await anthropic.messages.stream({ model: "auto", max_tokens: 200, messages: [{ role: "user", content: "slow claude" }] }).finalMessage();
    expect((message.content[0] as Anthropic.TextBlock).text).toContain("[groq:");
  });
});

describe("CACHE_TTL_SECONDS=0", () => {
  beforeEach(() => mock.reset("groq"));

  it("turns the cache off: identical requests all reach the provider and carry no cache header", async () => {
    const { plaintext } = await createGatewayUser(["groq"], { responseCache: true });
    for (let i = 0; i < 2; i++) {
      const { data, response } = await openai(plaintext)
        .chat.completions.create({ model: "auto", messages: [{ role: "user", content: "same" }] })
        .withResponse();
      expect(data.choices[0].message.content).toContain("[groq:");
      expect(response.headers.get("x-freellmapi-cache")).toBeNull();
    }
    expect((await mock.requests("groq")).filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(2);
  });
});
