import OpenAI from "openai";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";

const chatCalls = async (provider: Parameters<typeof mock.requests>[0]) =>
  (await mock.requests(provider)).filter((request) => request.path.endsWith("/chat/completions"));

describe("POST /v1/completions (legacy text completions)", () => {
  beforeEach(() => mock.reset("groq", "gemini", "cerebras"));

  it("answers a text_completion through the chain, with usage and the gateway headers", async () => {
    const { client, user } = await createGatewayUser(["groq"]);
    const { data, response } = await client.completions.create({ model: "auto", prompt: "def fibonacci(n):", max_tokens: 64 }).withResponse();
    expect(data.object).toBe("text_completion");
    expect(data.id).toMatch(/^cmpl-/);
    expect(data.choices[0].text).toContain("[groq:");
    expect(data.choices[0].text).toContain("def fibonacci(n):");
    expect(data.choices[0].finish_reason).toBe("stop");
    expect(data.usage!.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    // The upstream got a chat request that asks for a continuation, with the prompt as the user turn.
    const [call] = await chatCalls("groq");
    const messages = call.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0].role).toBe("system");
    expect(messages[1]).toEqual({ role: "user", content: "def fibonacci(n):" });
    expect(call.body.max_completion_tokens ?? call.body.max_tokens).toBe(64);
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(logs[0]).toMatchObject({ protocol: "completions", status: 200, providerId: "groq" });
  });

  it("streams text_completion chunks, then usage when asked, then [DONE]", async () => {
    const { client } = await createGatewayUser(["gemini"]);
    const stream = await client.completions.create({ model: "auto", prompt: ["Once upon a time"], stream: true, stream_options: { include_usage: true } });
    let text = "";
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("text_completion");
      for (const choice of chunk.choices) {
        text += choice.text;
        finish = choice.finish_reason ?? finish;
      }
      usage = chunk.usage ?? usage;
    }
    expect(text).toContain("Once upon a time");
    expect(finish).toBe("stop");
    expect(usage!.completion_tokens).toBeGreaterThan(0);
  });

  it("fills in the middle when a suffix is sent", async () => {
    const { client } = await createGatewayUser(["groq"]);
    await client.completions.create({ model: "auto", prompt: "function add(a, b) {\n  return ", suffix: "\n}\n" });
    const [call] = await chatCalls("groq");
    const messages = call.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0].content).toMatch(/PREFIX/);
    expect(messages[1].content).toBe("<PREFIX>function add(a, b) {\n  return </PREFIX>\n<SUFFIX>\n}\n</SUFFIX>");
  });

  it("fails over before the first byte, and reports max_tokens cuts as length", async () => {
    const { client } = await createGatewayUser(["groq", "cerebras"]);
    await mock.faults("groq", [], { kind: "server-error", status: 503 });
    const answer = await client.completions.create({ model: "auto", prompt: "a long answer please", max_tokens: 2 });
    expect(answer.choices[0].text).toContain("[cerebra");
    expect(answer.choices[0].text).not.toContain("[groq");
    expect(answer.choices[0].finish_reason).toBe("length");
  });

  it("ends a stream that breaks after output began with an error event, never [DONE]", async () => {
    const { client } = await createGatewayUser(["groq"]);
    await mock.faults("groq", [{ kind: "stream-cut", afterChunks: 2 }]);
    const stream = await client.completions.create({ model: "auto", prompt: "this stream will break off", stream: true });
    const error = await (async () => {
      for await (const chunk of stream) void chunk;
    })().catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error.message)).toMatch(/stream/i);
  });

  it("refuses what it cannot do with a 400 naming the field", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ echo: true }, "echo"],
      [{ prompt: ["one", "two"] }, "prompt"],
      [{ prompt: [1, 2, 3] }, "prompt"],
      [{ n: 2 }, "n"],
      [{ best_of: 3 }, "best_of"],
      [{ logprobs: 2 }, "logprobs"],
    ];
    for (const [fields, param] of cases) {
      const error = await client.completions.create({ model: "auto", prompt: "x", ...fields } as never).catch((e) => e);
      expect(error, param).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe(param);
    }
    expect(await chatCalls("groq")).toHaveLength(0);
  });
});
