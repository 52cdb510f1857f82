import { beforeEach, describe, expect, inject, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

const json = { type: "json_object" as const };

describe("JSON mode cut at the token limit", () => {
  beforeEach(() => mock.reset("groq"));

  it("warns with x-freellmapi-warning when a json_object answer stops at max_tokens and does not parse", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const cut = await client.chat.completions
      .create({ model: "auto", response_format: json, max_tokens: 3, messages: [{ role: "user", content: "a long json answer please" }] })
      .withResponse();
    expect(cut.data.choices[0].finish_reason).toBe("length");
    expect(() => JSON.parse(cut.data.choices[0].message.content ?? "")).toThrow();
    expect(cut.response.headers.get("x-freellmapi-warning")).toBe("json-possibly-truncated");

    const whole = await client.chat.completions
      .create({ model: "auto", response_format: json, messages: [{ role: "user", content: "a long json answer please" }] })
      .withResponse();
    expect(JSON.parse(whole.data.choices[0].message.content ?? "")).toBeTypeOf("object");
    expect(whole.response.headers.get("x-freellmapi-warning")).toBeNull();

    // Not JSON mode: a cut answer is just cut.
    const text = await client.chat.completions
      .create({ model: "auto", max_tokens: 3, messages: [{ role: "user", content: "a long answer please" }] })
      .withResponse();
    expect(text.data.choices[0].finish_reason).toBe("length");
    expect(text.response.headers.get("x-freellmapi-warning")).toBeNull();
  });

  it("ends a cut JSON stream with a warning comment before [DONE], which the SDK ignores", async () => {
    const { client, plaintext } = await createGatewayUser(["groq"]);
    const body = {
      model: "auto",
      stream: true,
      response_format: json,
      max_tokens: 3,
      messages: [{ role: "user" as const, content: "a long json answer please" }],
    };
    const response = await fetch(`${inject("appUrl")}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(text.endsWith(": x-freellmapi-warning: json-possibly-truncated\n\ndata: [DONE]\n\n")).toBe(true);

    let content = "";
    for await (const chunk of await client.chat.completions.create({ ...body, stream: true as const })) content += chunk.choices[0]?.delta?.content ?? "";
    expect(content.length).toBeGreaterThan(0);

    const whole = await fetch(`${inject("appUrl")}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
      body: JSON.stringify({ ...body, max_tokens: undefined }),
    });
    expect(await whole.text()).not.toContain("json-possibly-truncated");
  });
});
