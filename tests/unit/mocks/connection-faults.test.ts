import { afterEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "@/tests/mocks";
import { chat, parseSse, readUntilClose } from "./mock-client";

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("connection and streaming faults", () => {
  it("hang: accepts the request and never answers until close()", async () => {
    mock = await startMockProvider({ profile: "nvidia", faults: [{ kind: "hang" }] });
    const outcome = await Promise.race([
      chat(mock, { model: "meta/llama-3.3-70b-instruct" }, undefined).then(
        () => "answered",
        () => "failed",
      ),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 300)),
    ]);
    expect(outcome).toBe("still waiting");
    expect(mock.requests).toHaveLength(1);
  });

  it("hang ends with a client-side abort", async () => {
    mock = await startMockProvider({ profile: "groq", faults: [{ kind: "hang" }] });
    const res = fetch(`${mock.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer gsk_test" },
      body: JSON.stringify({ model: "llama-3.3-70b-versatile", messages: [] }),
      signal: AbortSignal.timeout(150),
    });
    await expect(res).rejects.toThrow(/abort|timeout/i);
  });

  it("reset: the socket is destroyed with no HTTP response", async () => {
    mock = await startMockProvider({ profile: "groq", faults: [{ kind: "reset" }] });
    await expect(chat(mock, { model: "llama-3.3-70b-versatile" })).rejects.toThrow();
    expect((await chat(mock, { model: "llama-3.3-70b-versatile" })).status).toBe(200);
  });

  it("stream-cut: some deltas, then the connection drops without [DONE]", async () => {
    mock = await startMockProvider({ profile: "groq", faults: [{ kind: "stream-cut", afterChunks: 3 }] });
    const res = await chat(mock, { model: "llama-3.3-70b-versatile", stream: true });
    expect(res.status).toBe(200);
    const { text, failed } = await readUntilClose(res);
    expect(failed).toBe(true);
    const { events, done } = parseSse(text);
    expect(events).toHaveLength(3);
    expect(done).toBe(false);
    expect(events.every((e) => e.choices?.[0]?.finish_reason === null)).toBe(true);
  });

  it("stream-error: OpenAI-style in-band error event then close, no [DONE]", async () => {
    mock = await startMockProvider({ profile: "openai", faults: [{ kind: "stream-error", afterChunks: 2, message: "boom" }] });
    const { events, done } = parseSse(await (await chat(mock, { model: "gpt-4o-mini", stream: true })).text());
    expect(done).toBe(false);
    expect(events).toHaveLength(3);
    expect(events[2]).toEqual({ error: { message: "boom", type: "server_error", param: null, code: null } });
  });

  it("stream-error: OpenRouter keeps the chunk shape with finish_reason error", async () => {
    mock = await startMockProvider({ profile: "openrouter", faults: [{ kind: "stream-error", afterChunks: 1 }] });
    const res = await chat(mock, { model: "openai/gpt-4o-mini", stream: true });
    const { events } = parseSse(await res.text());
    const last = events.at(-1)!;
    expect(last.error).toMatchObject({ code: 502 });
    expect(last.choices![0]!.finish_reason).toBe("error");
    expect(last.object).toBe("chat.completion.chunk");
  });

  it("stream-error on a non-stream request is a 200 carrying an error", async () => {
    mock = await startMockProvider({ profile: "openrouter", faults: [{ kind: "stream-error" }] });
    const res = await chat(mock, { model: "openai/gpt-4o-mini" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { error: unknown }).error).toBeDefined();
  });

  it("slow: delays headers, then the first chunk", async () => {
    mock = await startMockProvider({ profile: "nvidia", faults: [{ kind: "slow", beforeHeadersMs: 150, beforeFirstChunkMs: 200 }] });
    const start = Date.now();
    const res = await chat(mock, { model: "meta/llama-3.3-70b-instruct", stream: true });
    const headersAt = Date.now() - start;
    const reader = res.body!.getReader();
    await reader.read();
    const firstChunkAt = Date.now() - start;
    await reader.cancel();
    expect(headersAt).toBeGreaterThanOrEqual(140);
    expect(headersAt).toBeLessThan(340);
    expect(firstChunkAt).toBeGreaterThanOrEqual(340);
  });
});
