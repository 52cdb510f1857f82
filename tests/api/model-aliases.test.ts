import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { prisma } from "@/lib/db";
import { setModelAlias, setModelAliasSchema } from "@/lib/model-aliases";
import { createGatewayUser, eventually, mock, openAiClient } from "@/tests/support/gateway-fixtures";

const ask = (client: OpenAI, model: string) => client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] }).withResponse();

// Aliases are written before the user's first request, so the app's 2 s routing cache holds them already.
describe("model aliases", () => {
  beforeEach(() => mock.reset("groq", "gemini", "mistral"));

  it("answers a hard-coded name with the model it is mapped to, keeping the name sent in the headers and the log", async () => {
    const { client, user } = await createGatewayUser(["groq", "gemini"]);
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o-mini", target: "gemini/gemini-2.5-flash" }));
    const { data, response } = await ask(client, "gpt-4o-mini");
    expect(data.choices[0].message.content).toContain("[gemini:");
    expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
    expect(response.headers.get("x-freellmapi-model")).toBe("gemini-2.5-flash");
    expect(response.headers.get("x-freellmapi-requested-model")).toBe("gpt-4o-mini");
    expect(response.headers.get("x-freellmapi-alias-for")).toBe("gemini/gemini-2.5-flash");
    const sent = await mock.requests("gemini");
    expect(sent.at(-1)?.body.model).toMatch(/gemini-2\.5-flash$/);
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(logs[0]).toMatchObject({ requestedModel: "gpt-4o-mini", providerId: "gemini", model: "gemini-2.5-flash", status: 200 });
  });

  it("lets a unified key's own alias win over the account's", async () => {
    const { client, user } = await createGatewayUser(["groq", "gemini"]);
    const other = await createApiKey(user.id, createApiKeySchema.parse({ name: "other" }));
    const own = await prisma.apiKey.findFirstOrThrow({ where: { userId: user.id, name: "test" } });
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o", target: "groq/llama-3.1-8b-instant" }));
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o", target: "gemini/gemini-2.5-flash", apiKeyId: own.id }));
    const mine = await ask(client, "gpt-4o");
    expect(mine.response.headers.get("x-freellmapi-provider")).toBe("gemini");
    const theirs = await ask(openAiClient(other.plaintext), "gpt-4o");
    expect(theirs.response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(theirs.response.headers.get("x-freellmapi-model")).toBe("llama-3.1-8b-instant");
  });

  it("maps every name a trailing-* pattern matches, streamed too, and for embeddings", async () => {
    const { client, user } = await createGatewayUser(["mistral"]);
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "claude-*", target: "auto" }));
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "text-embedding-3-small", target: "auto" }));
    const stream = await client.chat.completions
      .create({ model: "claude-sonnet-4-5-20250929", stream: true, messages: [{ role: "user", content: "dated name" }] })
      .withResponse();
    expect(stream.response.headers.get("x-freellmapi-requested-model")).toBe("claude-sonnet-4-5-20250929");
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toContain("echo: dated name");
    expect((await ask(client, "claude-haiku-4-5")).response.headers.get("x-freellmapi-provider")).toBe("mistral");

    const embedded = await client.embeddings.create({ model: "text-embedding-3-small", input: "vector me" }).withResponse();
    expect(embedded.data.data[0].embedding.length).toBeGreaterThan(10);
    expect(embedded.response.headers.get("x-freellmapi-provider")).toBe("mistral");
    expect(embedded.response.headers.get("x-freellmapi-requested-model")).toBe("text-embedding-3-small");
  });

  it("applies to every protocol on the shared gateway path, e.g. legacy /v1/completions", async () => {
    const { client, user } = await createGatewayUser(["groq", "gemini"]);
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-3.5-turbo-instruct", target: "gemini/gemini-2.5-flash" }));
    const { data, response } = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "complete me" }).withResponse();
    expect(data.choices[0].text).toContain("[gemini:");
    expect(response.headers.get("x-freellmapi-requested-model")).toBe("gpt-3.5-turbo-instruct");
    expect(response.headers.get("x-freellmapi-alias-for")).toBe("gemini/gemini-2.5-flash");
  });

  it("maps Claude Code's dated names on /v1/messages with a claude-* alias", async () => {
    const { plaintext, user } = await createGatewayUser(["groq"]);
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "claude-*", target: "auto" }));
    const anthropic = new Anthropic({ baseURL: inject("appUrl"), apiKey: plaintext, maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create({ model: "claude-sonnet-4-5-20250929", max_tokens: 64, messages: [{ role: "user", content: "from claude" }] })
      .withResponse();
    expect((data.content[0] as Anthropic.TextBlock).text).toContain("echo: from claude");
    expect(response.headers.get("x-freellmapi-requested-model")).toBe("claude-sonnet-4-5-20250929");
    expect(response.headers.get("x-freellmapi-alias-for")).toBe("auto");
  });

  it("lists aliases in /v1/models with alias_for, each key seeing its own", async () => {
    const { client, user } = await createGatewayUser(["groq"]);
    const other = await createApiKey(user.id, createApiKeySchema.parse({ name: "other" }));
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o-mini", target: "free-fast" }));
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "claude-*", target: "auto" }));
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o-mini", target: "free-smart", apiKeyId: other.apiKey.id }));

    const ids = async (c: OpenAI) => {
      const page = await c.models.list();
      return page.data.map((m) => [m.id, (m as unknown as { alias_for?: string }).alias_for ?? null]);
    };
    const mine = await ids(client);
    const metas = ["auto", "free", "free-fast", "free-smart", "free-large", "free-small", "free-vision", "free-tools", "free-reasoning"].map((id) => [
      id,
      null,
    ]);
    expect(mine.slice(0, 11)).toEqual([...metas, ["claude-*", "auto"], ["gpt-4o-mini", "free-fast"]]);
    expect(mine.some(([id]) => id === "groq/llama-3.1-8b-instant")).toBe(true);
    expect((await ids(openAiClient(other.plaintext))).filter(([id]) => id === "gpt-4o-mini")).toEqual([["gpt-4o-mini", "free-smart"]]);

    const retrieved = await client.models.retrieve("claude-opus-4-1-20250805");
    expect(retrieved).toMatchObject({ id: "claude-opus-4-1-20250805", alias_for: "auto" });
  });

  it("still answers 404 model_not_found for a name no alias matches", async () => {
    const { client, user } = await createGatewayUser(["groq"]);
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "claude-*", target: "auto" }));
    for (const model of ["gpt-5-nonexistent", "claude"]) {
      const error = await ask(client, model).catch((e) => e);
      expect(error, model).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error.code).toBe("model_not_found");
    }
    await expect(client.models.retrieve("gpt-5-nonexistent")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("applies the key's allowlist to the alias target", async () => {
    const { client, user } = await createGatewayUser(["groq"], { modelAllowlist: ["free-fast"] });
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "gpt-4o-mini", target: "free-fast" }));
    await setModelAlias(user.id, setModelAliasSchema.parse({ alias: "claude-*", target: "auto" }));
    expect((await ask(client, "gpt-4o-mini")).response.headers.get("x-freellmapi-provider")).toBe("groq");
    const error = await ask(client, "claude-sonnet-4-5").catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error.message).toContain("`claude-sonnet-4-5` is an alias of `auto`");
  });
});
