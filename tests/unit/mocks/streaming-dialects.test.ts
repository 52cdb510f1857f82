import { afterEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "@/tests/mocks";
import { chat, parseSse, streamedContent } from "./mock-client";

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const weather = [
  { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } } } },
];
const clock = { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { zone: { type: "string" } } } } };

async function stream(profile: Parameters<typeof startMockProvider>[0]["profile"], body: Record<string, unknown>) {
  mock = await startMockProvider({ profile });
  const res = await chat(mock, { stream: true, ...body });
  return parseSse(await res.text());
}

describe("streaming dialects", () => {
  it("openai: tool-call arguments arrive in fragments with index, then finish tool_calls", async () => {
    const { events } = await stream("openai", { model: "gpt-4o-mini", tools: weather, messages: [{ role: "user", content: "call tool" }] });
    const deltas = events.flatMap((e) => e.choices?.[0]?.delta.tool_calls ?? []);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.every((d) => d.index === 0)).toBe(true);
    expect(deltas[0]).toMatchObject({ type: "function", function: { name: "get_weather", arguments: "" } });
    expect(deltas.slice(1).every((d) => d.id === undefined)).toBe(true);
    const args = deltas.map((d) => (d.function as { arguments: string }).arguments).join("");
    expect(JSON.parse(args)).toEqual({ city: "call tool", days: 1 });
    expect(events.at(-1)!.choices![0]!.finish_reason).toBe("tool_calls");
  });

  it("gemini: whole tool calls without index, thought_signature, finish_reason stop", async () => {
    const { events } = await stream("gemini", {
      model: "gemini-2.5-flash",
      tools: [...weather, clock],
      messages: [{ role: "user", content: "call all tools" }],
    });
    const deltas = events.flatMap((e) => e.choices?.[0]?.delta.tool_calls ?? []);
    expect(deltas).toHaveLength(2);
    for (const d of deltas) {
      expect(d).not.toHaveProperty("index");
      expect(typeof d.id).toBe("string");
      expect(JSON.parse((d.function as { arguments: string }).arguments)).toBeTypeOf("object");
      expect((d.extra_content as { google: { thought_signature: string } }).google.thought_signature).toMatch(/^sig/);
    }
    const last = events.at(-1)!;
    expect(last.choices![0]!.finish_reason).toBe("stop");
    expect(last.usage!.total_tokens).toBeGreaterThan(0);
  });

  it("openrouter: keep-alive comments, provider field, trailing usage with cost even without include_usage", async () => {
    const { events, comments, done } = await stream("openrouter", { model: "meta-llama/llama-3.3-70b-instruct:free" });
    expect(comments).toContain(": OPENROUTER PROCESSING");
    expect(done).toBe(true);
    expect(events[0]!.provider).toBe("MockInfra");
    const last = events.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ cost: 0 });
  });

  it("openrouter: reasoning models stream delta.reasoning", async () => {
    const { events } = await stream("openrouter", { model: "openai/gpt-oss-20b:free", messages: [{ role: "user", content: "why" }] });
    const reasoning = events.map((e) => e.choices?.[0]?.delta.reasoning ?? "").join("");
    expect(reasoning).toBe("Thinking about: why");
  });

  it("groq: x_groq id on the first chunk and usage on the last; include_usage adds a trailing chunk", async () => {
    const plain = await stream("groq", { model: "llama-3.3-70b-versatile" });
    expect((plain.events[0]!.x_groq as { id: string }).id).toMatch(/^req_/);
    const final = plain.events.at(-1)!;
    expect(final.choices![0]!.finish_reason).toBe("stop");
    expect((final.x_groq as { usage: { total_tokens: number } }).usage.total_tokens).toBeGreaterThan(0);
    expect(plain.events.some((e) => e.choices?.length === 0)).toBe(false);
    await mock!.close();
    const withUsage = await stream("groq", { model: "llama-3.3-70b-versatile", stream_options: { include_usage: true } });
    expect(withUsage.events.at(-1)!.choices).toEqual([]);
    expect(withUsage.events.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
  });

  it("openai: no usage at all unless include_usage; then usage null on chunks and a choices:[] chunk", async () => {
    const plain = await stream("openai", { model: "gpt-4o-mini" });
    expect(plain.events.every((e) => !("usage" in e))).toBe(true);
    await mock!.close();
    const withUsage = await stream("openai", { model: "gpt-4o-mini", stream_options: { include_usage: true } });
    expect(withUsage.events.slice(0, -1).every((e) => e.usage === null)).toBe(true);
    expect(withUsage.events.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
  });

  it("mistral: usage on the final chunk with finish_reason, no separate chunk", async () => {
    const { events } = await stream("mistral", { model: "mistral-small-latest" });
    const last = events.at(-1)!;
    expect(last.choices![0]!.finish_reason).toBe("stop");
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it("cerebras: message.reasoning and time_info on non-stream answers", async () => {
    mock = await startMockProvider({ profile: "cerebras" });
    const body = (await (await chat(mock, { model: "gpt-oss-120b", messages: [{ role: "user", content: "q" }] })).json()) as any;
    expect(body.choices[0].message.reasoning).toBe("Thinking about: q");
    expect(body.choices[0].message).not.toHaveProperty("reasoning_content");
    expect(body.time_info.total_time).toBeGreaterThan(0);
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it("openai profile uses reasoning_content, streamed before the content", async () => {
    const { events } = await stream("openai", { model: "o4-mini", messages: [{ role: "user", content: "r" }] });
    const firstReasoning = events.findIndex((e) => e.choices?.[0]?.delta.reasoning_content);
    const firstContent = events.findIndex((e) => e.choices?.[0]?.delta.content);
    expect(firstReasoning).toBeGreaterThan(0);
    expect(firstContent).toBeGreaterThan(firstReasoning);
    expect(streamedContent(events)).toBe("[openai:o4-mini] echo: r");
  });

  it("stream dialect can be overridden per mock (e.g. Gemini finish_reason fixed upstream)", async () => {
    mock = await startMockProvider({ profile: "gemini", stream: { finishReasonAfterTools: "tool_calls", toolCallIndex: true } });
    const res = await chat(mock, { model: "gemini-2.5-flash", stream: true, tools: weather, messages: [{ role: "user", content: "call tool" }] });
    const { events } = parseSse(await res.text());
    const deltas = events.flatMap((e) => e.choices?.[0]?.delta.tool_calls ?? []);
    expect(deltas[0]!.index).toBe(0);
    expect(events.at(-1)!.choices![0]!.finish_reason).toBe("tool_calls");
  });
});
