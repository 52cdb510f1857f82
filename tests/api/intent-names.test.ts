import OpenAI from "openai";
import { beforeEach, describe, expect, it } from "vitest";
import { setModelAlias, setModelAliasSchema } from "@/lib/model-aliases";
import { findModelSpec, isProviderId } from "@/lib/providers/catalog";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

const INTENTS = ["free-large", "free-small", "free-vision", "free-tools", "free-reasoning"] as const;
const ask = (client: OpenAI, model: string, content: OpenAI.ChatCompletionUserMessageParam["content"] = "hi") =>
  client.chat.completions.create({ model, messages: [{ role: "user", content }] }).withResponse();

const IMAGE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

function specOf(response: Response) {
  const providerId = response.headers.get("x-freellmapi-provider")!;
  if (!isProviderId(providerId)) throw new Error(`unexpected provider ${providerId}`);
  return findModelSpec(providerId, response.headers.get("x-freellmapi-model")!);
}

// Through the mocks: Groq serves llama-3.3-70b, llama-3.1-8b and gpt-oss-120b; Gemini serves gemini-2.5-flash.
describe("intent names", () => {
  beforeEach(() => mock.reset("groq", "gemini"));

  it("GET /v1/models lists every intent name after auto, free-fast and free-smart", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids.slice(0, 9)).toEqual(["auto", "free", "free-fast", "free-smart", ...INTENTS]);
    expect((await client.models.retrieve("free-vision")).owned_by).toBe("freellmapi");
  });

  it("each name answers with a model that has its trait", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    const picked: Record<string, string> = {};
    for (const intent of INTENTS) {
      const { data, response } = await ask(client, intent);
      expect(data.choices[0].message.content, intent).toContain("echo: hi");
      expect(response.headers.get("x-freellmapi-requested-model")).toBe(intent);
      picked[intent] = `${response.headers.get("x-freellmapi-provider")}/${response.headers.get("x-freellmapi-model")}`;
      const spec = specOf(response)!;
      if (intent === "free-large") expect(spec.params).toBeGreaterThanOrEqual(70);
      if (intent === "free-small") expect(spec.params).toBeLessThanOrEqual(32);
      if (intent === "free-vision") expect(spec.vision).toBe(true);
      if (intent === "free-tools") expect(spec.tools).toBe(true);
      if (intent === "free-reasoning") expect(spec.reasoning).toBe(true);
    }
    expect(picked).toEqual({
      "free-large": "groq/openai/gpt-oss-120b",
      "free-small": "groq/llama-3.1-8b-instant",
      "free-vision": "gemini/gemini-2.5-flash",
      "free-tools": "gemini/gemini-2.5-flash",
      "free-reasoning": "gemini/gemini-2.5-flash",
    });
  });

  it("free-vision never reaches a text-only model: Groq first in the chain is skipped, and alone it is a 404", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    const { response } = await ask(client, "free-vision", [
      { type: "text", text: "what is this?" },
      { type: "image_url", image_url: { url: IMAGE } },
    ]);
    expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
    expect((await mock.requests("groq")).filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(0);

    const { client: groqOnly } = await createGatewayUser(["groq"]);
    const error = await ask(groqOnly, "free-vision").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    expect((error as Error).message).toMatch(/free-vision.*image input/);
  });

  it("auto with an image already skips text-only models", async () => {
    const { client } = await createGatewayUser(["groq", "gemini"]);
    const { response } = await ask(client, "auto", [{ type: "image_url", image_url: { url: IMAGE } }]);
    expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
  });

  it("works as an alias target and in a key's allowlist like the other meta-models", async () => {
    const { client, user } = await createGatewayUser(["groq", "gemini"], { modelAllowlist: ["free-small"] });
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o-mini", target: "free-small" }));
    const { response } = await ask(client, "gpt-4o-mini");
    expect(response.headers.get("x-freellmapi-model")).toBe("llama-3.1-8b-instant");
    const refused = await ask(client, "free-large").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});
