import { describe, expect, it, beforeEach } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";

describe("POST /v1/chat/completions", () => {
  beforeEach(() => mock.reset("groq", "gemini", "openrouter", "mistral"));

  it("answers a plain request through the first provider in the chain", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    const { data, response } = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hello there" }] }).withResponse();
    expect(data.choices[0].message.content).toContain("echo: hello there");
    expect(data.choices[0].message.content).toContain("[groq:");
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(response.headers.get("x-freellmapi-requested-model")).toBe("auto");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(Number(response.headers.get("x-freellmapi-overhead-ms"))).toBeGreaterThanOrEqual(0);
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("records usage and the request log off the request path", async () => {
    const { client, user } = await createGatewayUser(["groq"]);
    await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "count me" }] });
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ providerId: "groq", status: 200, requestedModel: "auto" });
    const usage = await prisma.usageDaily.findMany({ where: { userId: user.id } });
    expect(usage[0].requests).toBe(1);
    expect(usage[0].promptTokens + usage[0].completionTokens).toBeGreaterThan(0);
  });

  it("streams deltas and usage when asked", async () => {
    const { client } = await createGatewayUser(["gemini"]);
    const stream = await client.chat.completions.create({
      model: "auto",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "stream please" }],
    });
    let text = "";
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage.total_tokens;
    }
    expect(text).toContain("echo: stream please");
    expect(usage).toBeGreaterThan(0);
  });

  it("fails over to the next provider when the first is rate limited, and says so", async () => {
    const { client } = await createGatewayUser(["groq", "mistral"]);
    // Groq limits each model separately, so every Groq model must be limited to force a failover.
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 30 });
    const { data, response } = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "x" }] }).withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("mistral");
    expect(Number(response.headers.get("x-freellmapi-attempts"))).toBeGreaterThanOrEqual(2);
    expect(response.headers.get("x-freellmapi-fallback-trail")).toMatch(/groq\/.*rate_limited/);
    expect(data.choices[0].message.content).toContain("[mistral:");
    // Mistral answers 422 to stream_options and unknown fields; the adapter must not send them.
    const sent = await mock.requests("mistral");
    expect(sent.at(-1)?.body).not.toHaveProperty("stream_options");
  });
});
