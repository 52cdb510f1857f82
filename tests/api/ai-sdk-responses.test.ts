import { createOpenAI } from "@ai-sdk/openai";
import { generateText, stepCountIs, streamText, tool } from "ai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

// The AI SDK's default `openai(model)` speaks the Responses API.
const provider = (apiKey: string) => createOpenAI({ baseURL: `${inject("appUrl")}/v1`, apiKey });

describe("Vercel AI SDK, default openai() provider (Responses API)", () => {
  beforeEach(() => mock.reset("groq", "gemini"));

  it("generateText answers through /v1/responses with usage", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const result = await generateText({ model: provider(plaintext)("auto"), system: "be brief", prompt: "hello from the ai sdk" });
    expect(result.text).toContain("echo: hello from the ai sdk");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const sent = await mock.requests("groq");
    expect(sent.filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(1);
  });

  it("streamText runs a tool and answers with its result in a second step", async () => {
    const { plaintext } = await createGatewayUser(["gemini"]);
    const calls: string[] = [];
    const result = streamText({
      model: provider(plaintext)("auto"),
      prompt: "call tool get_weather for Paris",
      tools: {
        get_weather: tool({
          description: "Weather for a city",
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => {
            calls.push(city);
            return `sunny in ${city}`;
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    let streamed = "";
    for await (const delta of result.textStream) streamed += delta;
    const steps = await result.steps;
    expect(calls).toHaveLength(1);
    expect(steps[0].toolCalls.map((call) => call.toolName)).toEqual(["get_weather"]);
    expect(steps[0].finishReason).toBe("tool-calls");
    expect(streamed).toContain("tool result:");
    expect(streamed).toContain(`sunny in ${calls[0]}`);
    expect(await result.finishReason).toBe("stop");
  });
});
