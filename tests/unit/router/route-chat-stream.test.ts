import { afterEach, describe, expect, it } from "vitest";
import { routeChatCompletion } from "@/lib/router/route-chat-completion";
import { chatCompletionRequestSchema } from "@/lib/router/schemas";
import { makeContext } from "./support/context";
import { chunk, readAll, sseHead, startMockUpstream } from "@/tests/mocks/scripted-upstream";

const ENV = { groq: "GROQ_BASE_URL", gemini: "GEMINI_BASE_URL" };
const request = (extra: Record<string, unknown> = {}) =>
  chatCompletionRequestSchema.parse({ model: "auto", stream: true, messages: [{ role: "user", content: "hello" }], ...extra });
let mock: Awaited<ReturnType<typeof startMockUpstream>> | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const events = (text: string) =>
  text
    .split("\n\n")
    .filter(Boolean)
    .map((e) => e.replace(/^data: /, ""));

describe("routeChatCompletion (streaming, real HTTP upstreams)", () => {
  it("a stream that breaks off before any content fails over invisibly", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      sseHead(res);
      if (hit.provider === "groq") {
        res.write(chunk({ role: "assistant", content: "" }));
        return void res.destroy();
      }
      res.write(": keep-alive\n\n");
      res.write(chunk({ role: "assistant", content: "" }));
      res.write(chunk({ content: "Hel" }));
      res.write(chunk({ content: "lo" }));
      res.write(chunk({}, "stop"));
      res.end('data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2}}\n\ndata: [DONE]\n\n');
    });
    const { ctx, done } = makeContext();
    const response = await routeChatCompletion(request({ stream_options: { include_usage: true } }), ctx);
    expect(response.kind).toBe("stream");
    if (response.kind !== "stream") return;
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("groq/llama-3.3-70b-versatile:unhealthy,gemini/gemini-2.5-flash:ok");
    expect(response.headers["content-type"]).toContain("text/event-stream");
    const out = events(await readAll(response.body));
    const contents = out.filter((e) => e !== "[DONE]").map((e) => JSON.parse(e));
    expect(contents.map((c) => c.choices[0]?.delta?.content ?? null).join("")).toBe("Hello");
    expect(contents.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } });
    expect(out.at(-1)).toBe("[DONE]");
    expect(await done).toMatchObject({ status: "ok", providerId: "gemini", promptTokens: 9, completionTokens: 2, stream: true });
    expect(mock.hits.find((h) => h.provider === "groq")!.body.stream_options).toEqual({ include_usage: true });
    expect(mock.hits.find((h) => h.provider === "gemini")!.body).not.toHaveProperty("stream_options");
  });

  it("a stream cut after the first delta ends with an OpenAI error event and no [DONE]", async () => {
    mock = await startMockUpstream(ENV, (_hit, res) => {
      sseHead(res);
      res.write(chunk({ role: "assistant", content: "Par" }));
      setTimeout(() => res.destroy(), 20);
    });
    const { ctx, done } = makeContext();
    const response = await routeChatCompletion(request(), ctx);
    if (response.kind !== "stream") throw new Error("expected a stream");
    const out = events(await readAll(response.body));
    expect(JSON.parse(out[0]).choices[0].delta.content).toBe("Par");
    const last = JSON.parse(out.at(-1)!);
    expect(last.error).toMatchObject({ type: "upstream_error", code: "upstream_stream_error" });
    expect(out).not.toContain("[DONE]");
    expect(await done).toMatchObject({ status: "error", errorCode: "upstream_stream_error", providerId: "groq" });
    expect(mock.hits).toHaveLength(1);
  });

  it("an in-band error before content fails over; usage is not sent when the client did not ask", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      sseHead(res);
      if (hit.provider === "groq") return void res.end('data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n');
      res.write(chunk({ content: "ok" }, null));
      res.end(`${chunk({}, "stop").replace("}]}", '}],"usage":{"prompt_tokens":1,"completion_tokens":1}}')}data: [DONE]\n\n`);
    });
    const { ctx } = makeContext();
    const response = await routeChatCompletion(request(), ctx);
    if (response.kind !== "stream") throw new Error("expected a stream");
    const text = await readAll(response.body);
    expect(text).not.toContain("usage");
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(response.headers["x-freellmapi-provider"]).toBe("gemini");
  });

  it("Gemini tool calls without index come out indexed, with finish_reason tool_calls", async () => {
    mock = await startMockUpstream(ENV, (_hit, res) => {
      sseHead(res);
      res.write(chunk({ role: "assistant", tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: '{"x":1}' } }] }));
      res.write(chunk({ tool_calls: [{ id: "b", type: "function", function: { name: "g", arguments: '{"y":2}' } }] }));
      res.end(`${chunk({}, "stop")}data: [DONE]\n\n`);
    });
    const { ctx } = makeContext({ chain: [{ providerId: "gemini", pinnedModel: "gemini-2.5-flash", enabled: true }] });
    const response = await routeChatCompletion(request({ tools: [{ type: "function", function: { name: "f" } }] }), ctx);
    if (response.kind !== "stream") throw new Error("expected a stream");
    const chunks = events(await readAll(response.body))
      .filter((e) => e !== "[DONE]")
      .map((e) => JSON.parse(e));
    expect(chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []).map((t: { index: number; id: string }) => [t.index, t.id])).toEqual([
      [0, "a"],
      [1, "b"],
    ]);
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");
  });

  it("a client disconnect aborts the upstream request", async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    mock = await startMockUpstream(ENV, (_hit, res) => {
      sseHead(res);
      res.write(chunk({ content: "tick" }));
      const timer = setInterval(() => res.write(chunk({ content: "tick" })), 10);
      res.on("close", () => {
        clearInterval(timer);
        upstreamClosed();
      });
    });
    const client = new AbortController();
    const { ctx, done } = makeContext({ signal: client.signal });
    const response = await routeChatCompletion(request(), ctx);
    if (response.kind !== "stream") throw new Error("expected a stream");
    const reader = response.body.getReader();
    await reader.read();
    await reader.read();
    client.abort();
    await reader.cancel();
    await closed;
    expect(await done).toMatchObject({ status: "aborted" });
  });

  it("a first-byte timeout counts as unhealthy and fails over", async () => {
    mock = await startMockUpstream(ENV, (hit, res) => {
      sseHead(res);
      if (hit.provider === "groq") return; // headers, then silence (NIM-style prefill)
      res.end(`${chunk({ content: "fast" })}${chunk({}, "stop")}data: [DONE]\n\n`);
    });
    const { ctx } = makeContext({ options: { maxAttempts: 8, deadlineMs: 10_000, connectTimeoutMs: 1_000, firstByteTimeoutMs: 300 } });
    const response = await routeChatCompletion(request(), ctx);
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("groq/llama-3.3-70b-versatile:unhealthy,gemini/gemini-2.5-flash:ok");
    if (response.kind === "stream") await readAll(response.body);
  });
});
