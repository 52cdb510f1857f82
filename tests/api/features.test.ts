import { beforeEach, describe, expect, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

describe("chat features through the gateway", () => {
  beforeEach(() => mock.reset("groq", "gemini", "mistral", "nvidia"));

  it("reassembles streamed tool calls, including Gemini's index-less deltas", async () => {
    const { client } = await createGatewayUser(["gemini"]);
    const stream = await client.chat.completions.create({
      model: "auto",
      stream: true,
      tools: [weatherTool],
      messages: [{ role: "user", content: "call tool for Paris" }],
    });
    const calls = new Map<number, { name: string; args: string }>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        expect(typeof call.index).toBe("number");
        const entry = calls.get(call.index) ?? { name: "", args: "" };
        entry.name += call.function?.name ?? "";
        entry.args += call.function?.arguments ?? "";
        calls.set(call.index, entry);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(calls.size).toBe(1);
    expect(calls.get(0)?.name).toBe("get_weather");
    expect(JSON.parse(calls.get(0)!.args)).toHaveProperty("city");
    expect(finish).toBe("tool_calls");
  });

  it("returns tool calls without streaming", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const completion = await client.chat.completions.create({
      model: "auto",
      tools: [weatherTool],
      tool_choice: "auto",
      messages: [{ role: "user", content: "call tool please" }],
    });
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
  });

  it("answers JSON mode with valid JSON", async () => {
    const { client } = await createGatewayUser(["mistral"]);
    const completion = await client.chat.completions.create({
      model: "auto",
      response_format: { type: "json_object" },
      messages: [{ role: "user", content: "give me json" }],
    });
    expect(() => JSON.parse(completion.choices[0].message.content ?? "")).not.toThrow();
  });

  it("serves embeddings and fails over between embedding providers", async () => {
    const { client } = await createGatewayUser(["mistral", "nvidia"]);
    await mock.faults("mistral", [], { kind: "server-error", status: 503 });
    const { data, response } = await client.embeddings.create({ model: "auto", input: ["one", "two"] }).withResponse();
    expect(data.data).toHaveLength(2);
    expect(data.data[0].embedding.length).toBeGreaterThan(10);
    expect(response.headers.get("x-freellmapi-provider")).toBe("nvidia");
  });

  it("ignores unknown fields and accepts content parts", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const completion = await client.chat.completions.create({
      model: "auto",
      messages: [{ role: "user", content: [{ type: "text", text: "parts work" }] }],
      max_completion_tokens: 200,
      seed: 7,
      user: "end-user-1",
      // @ts-expect-error an extension field some clients send
      some_vendor_extension: { on: true },
    });
    expect(completion.choices[0].message.content).toContain("parts work");
  });
});
