import OpenAI from "openai";
import { inject, describe, expect, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { createTestUser } from "@/tests/support/factories";
import { createGatewayUser, openAiClient } from "@/tests/support/gateway-fixtures";

const url = () => `${inject("appUrl")}/v1/chat/completions`;

async function post(body: string, apiKey: string, headers: Record<string, string> = {}) {
  const response = await fetch(url(), { method: "POST", body, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error: Record<string, unknown> } };
}

describe("errors in OpenAI's envelope", () => {
  it("401 for a missing or unknown key", async () => {
    const missing = await fetch(url(), { method: "POST", body: "{}" });
    expect(missing.status).toBe(401);
    const error = await openAiClient("freellmapi-0123456789abcdefghijABCDEFGHIJ01")
      .models.list()
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.error.request_id).toMatch(/^req_/);
  });

  it("400 naming the field for malformed JSON and invalid fields", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const broken = await post("{not json", plaintext);
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_json");
    const invalid = await post(JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x" }], temperature: 9 }), plaintext);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.param).toBe("temperature");
    expect(invalid.body.error.type).toBe("invalid_request_error");
    const missing = await post(JSON.stringify({ model: "auto" }), plaintext);
    expect(missing.body.error.param).toBe("messages");
  });

  it("413 for a body over the limit", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const huge = JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x".repeat(5 * 1024 * 1024) }] });
    const response = await post(huge, plaintext);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("404 model_not_found for a model no provider serves", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const error = await client.chat.completions.create({ model: "no-such-model-anywhere", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.code).toBe("model_not_found");
  });

  it("400 telling a user without provider keys where to add them", async () => {
    const user = await createTestUser();
    const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "bare" }));
    const error = await openAiClient(plaintext)
      .chat.completions.create({ model: "auto", messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("no_provider_keys");
    expect(error.message).toMatch(/provider-key:add|dashboard/i);
  });

  it("403 when the key's model allowlist excludes the model", async () => {
    const { client } = await createGatewayUser(["groq"], { modelAllowlist: ["free-fast"] });
    const error = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});

describe("GET /v1/models", () => {
  it("lists the meta-models and every model the caller's keys reach", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.slice(0, 4)).toEqual(["auto", "free", "free-fast", "free-smart"]);
    expect(ids).toContain("groq/llama-3.3-70b-versatile");
    expect(ids.some((id) => id.startsWith("gemini/"))).toBe(true);
    expect(ids.some((id) => id.startsWith("mistral/"))).toBe(false);
    const one = await client.models.retrieve("groq/llama-3.3-70b-versatile");
    expect(one.owned_by).toBe("groq");
    await expect(client.models.retrieve("groq/nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
