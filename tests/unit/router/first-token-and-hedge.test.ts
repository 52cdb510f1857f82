import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routeChatCompletion } from "@/lib/router/route-chat-completion";
import { chatCompletionRequestSchema } from "@/lib/router/schemas";
import { ttfbTracker } from "@/lib/router/ttfb-tracker";
import { entry, key, makeContext } from "./support/context";
import { chunk, json, sseHead, startMockUpstream } from "@/tests/mocks/scripted-upstream";

const ENV = { groq: "GROQ_BASE_URL", gemini: "GEMINI_BASE_URL" };
const request = () => chatCompletionRequestSchema.parse({ model: "auto", messages: [{ role: "user", content: "hello" }] });
const answer = (text: string) => `${chunk({ content: text })}${chunk({}, "stop")}data: [DONE]\n\n`;
let mock: Awaited<ReturnType<typeof startMockUpstream>> | undefined;
beforeEach(() => ttfbTracker.clear());
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("first-token deadlines, hedging and provider outages", () => {
  it("leaves a hung provider after its learned first-token deadline (p95 × 4, at least 5 s), not the 30 s timeout", async () => {
    for (let i = 0; i < 5; i++) ttfbTracker.record("groq", "llama-3.3-70b-versatile", 20);
    mock = await startMockUpstream(ENV, (hit, res) => {
      if (hit.provider === "groq") return sseHead(res); // headers, then nothing
      sseHead(res);
      res.end(answer("from gemini"));
    });
    const { ctx } = makeContext({ options: { maxAttempts: 8, deadlineMs: 60_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 30_000, hedge: false } });
    const started = Date.now();
    const response = await routeChatCompletion(request(), ctx);
    const elapsed = Date.now() - started;
    expect(response.kind).toBe("json");
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("groq/llama-3.3-70b-versatile:unhealthy,gemini/gemini-2.5-flash:ok");
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(8_000);
  }, 15_000);

  it("hedges a late attempt: the first token wins and the loser is aborted without counting as a failure", async () => {
    let loserClosed = false;
    mock = await startMockUpstream(ENV, (hit, res) => {
      sseHead(res);
      if (hit.provider === "groq") {
        res.on("close", () => (loserClosed = true));
        return;
      }
      res.end(answer("hedged"));
    });
    const { ctx, done } = makeContext({ options: { maxAttempts: 8, deadlineMs: 20_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 10_000 } });
    const started = Date.now();
    const response = await routeChatCompletion(request(), ctx);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("groq/llama-3.3-70b-versatile:hedge_lost,gemini/gemini-2.5-flash:ok(hedge)");
    expect((await done).attempts.map((a) => [a.result, a.hedge ?? false])).toEqual([
      ["hedge_lost", false],
      ["ok", true],
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(loserClosed).toBe(true);
    const snapshot = await ctx.state.snapshot(["kg:llama-3.3-70b-versatile", "provider:groq"], () => ({ minute: 0, day: "" }));
    expect(snapshot.get("kg:llama-3.3-70b-versatile")!.breaker.consecutiveFailures).toBe(0);
    expect(snapshot.get("provider:groq")!.breaker.consecutiveFailures).toBe(0);
  });

  it("while a provider is late, a failed hedge is replaced by another provider's model, not the late provider's next one", async () => {
    let geminiCalls = 0;
    mock = await startMockUpstream(ENV, (hit, res) => {
      if (hit.provider === "groq") return sseHead(res); // every groq model hangs
      if (geminiCalls++ === 0) return json(res, 503, { error: { message: "overloaded" } });
      sseHead(res);
      res.end(answer("second gemini model"));
    });
    const keys = [
      key("kg", "groq", { models: ["llama-3.3-70b-versatile", "openai/gpt-oss-120b"] }),
      key("kge", "gemini", { models: ["gemini-2.5-flash", "gemini-3-flash-preview"] }),
    ];
    const { ctx } = makeContext({
      keys,
      chain: [entry("groq"), entry("gemini")],
      options: { maxAttempts: 8, deadlineMs: 20_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 10_000 },
    });
    const started = Date.now();
    const response = await routeChatCompletion(request(), ctx);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe(
      "gemini/gemini-3-flash-preview:unhealthy(hedge),groq/openai/gpt-oss-120b:hedge_lost,gemini/gemini-2.5-flash:ok(hedge)",
    );
    expect(mock.hits.filter((h) => h.provider === "groq")).toHaveLength(1);
  });

  it("a platform-wide error (an HTML 502 from a proxy) skips the provider like a transport failure", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      if (hit.provider === "groq") {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><body>502 Bad Gateway</body></html>");
        return;
      }
      sseHead(res);
      res.end(answer("ok"));
    });
    const { ctx } = makeContext({ keys: [key("kg", "groq"), key("kg2", "groq"), key("kge", "gemini")] });
    const response = await routeChatCompletion(request(), ctx);
    expect(response.headers["x-freellmapi-provider"]).toBe("gemini");
    expect(mock.hits.filter((h) => h.provider === "groq")).toHaveLength(1);
  });

  it("a provider refusing connections is skipped for its other keys in the request, and its breaker opens after 3", async () => {
    mock = await startMockUpstream(ENV, (hit, res, req) => {
      if (hit.provider === "groq") return void req.socket.destroy();
      sseHead(res);
      res.end(answer("ok"));
    });
    const keys = [key("kg", "groq"), key("kg2", "groq"), key("kge", "gemini")];
    const { ctx } = makeContext({ keys });
    for (let i = 0; i < 3; i++) {
      const response = await routeChatCompletion(request(), ctx);
      expect(response.headers["x-freellmapi-provider"]).toBe("gemini");
    }
    expect(mock.hits.filter((h) => h.provider === "groq")).toHaveLength(3);
    // Open now: the next request does not call groq at all.
    const response = await routeChatCompletion(request(), ctx);
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("gemini/gemini-2.5-flash:ok");
    expect(mock.hits.filter((h) => h.provider === "groq")).toHaveLength(3);
  });
});
