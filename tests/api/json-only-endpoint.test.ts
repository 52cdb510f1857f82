import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { addProviderKey, addProviderKeySchema } from "@/lib/provider-keys";
import { startMockProvider, type MockProvider } from "@/tests/mocks";
import { openAiClient } from "@/tests/support/gateway-fixtures";

// The gateway calls every upstream streaming; some OpenAI-compatible servers ignore `stream` and
// answer JSON. The benchmark's "upstream answers JSON" row measures this path against the stream's.
let endpoint: MockProvider;

beforeAll(async () => {
  endpoint = await startMockProvider({ profile: "openai", stream: { ignoresStream: true } });
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
  resetEnvCache();
});

afterAll(() => endpoint.close());

describe("a custom endpoint that answers JSON although asked to stream", () => {
  it("is what the mock plays", async () => {
    const res = await fetch(`${endpoint.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as { choices: unknown[] }).choices).toHaveLength(1);
  });

  it("answers a non-streamed request whole, usage included", async () => {
    endpoint.reset();
    const user = await prisma.user.create({ data: { email: `json-${randomBytes(6).toString("hex")}@example.test` } });
    await addProviderKey(user.id, addProviderKeySchema.parse({ providerId: "custom", baseUrl: endpoint.url, key: "sk-test", label: null }));
    const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "json", responseCache: false }));
    const { data, response } = await openAiClient(plaintext)
      .chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    const sent = endpoint.requests.filter((r) => r.path === "/chat/completions");
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ stream: true });
    expect(response.headers.get("x-freellmapi-provider")).toBe("custom");
    expect(data.choices[0].message.content).toMatch(/\S/);
    expect(data.choices[0].finish_reason).toBe("stop");
    expect(data.usage!.total_tokens).toBeGreaterThan(0);
  });
});
