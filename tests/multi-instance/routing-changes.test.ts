import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";
import { sessionCookie } from "@/tests/support/session-cookie";
import { A, B, chat, chatCalls, resetMocks, warmUp } from "./instances";

// Each instance caches a user's routing for 2 s: every change below is read by B well within that.
const CACHE_TTL_MS = 2_000;

async function account(baseUrl: string, user: { id: string; email: string }, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/api/account${path}`, {
    method,
    headers: { cookie: await sessionCookie(user), origin: baseUrl, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe("a change to a user's routing made on one instance", () => {
  beforeAll(warmUp);
  beforeEach(resetMocks);
  afterEach(resetMocks);

  it("a chain saved through instance A is what instance B routes by on its very next request", async () => {
    const { user, plaintext } = await createGatewayUser([
      { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" },
      { provider: "cerebras", pinnedModel: "gemma-4-31b" },
    ]);
    const cachedAt = Date.now();
    const before = await chat(B, plaintext);
    expect(before.headers.get("x-freellmapi-provider")).toBe("groq");

    await account(A, user, "PUT", "/chain", {
      entries: [
        { providerId: "cerebras", pinnedModel: "gemma-4-31b", enabled: true },
        { providerId: "groq", pinnedModel: "llama-3.3-70b-versatile", enabled: true },
      ],
    });
    const after = await chat(B, plaintext);
    expect(Date.now() - cachedAt).toBeLessThan(CACHE_TTL_MS);
    expect(after.status).toBe(200);
    expect(after.headers.get("x-freellmapi-provider")).toBe("cerebras");
  });

  it("a model alias changed through instance A is what instance B resolves on its very next request", async () => {
    const { user, plaintext } = await createGatewayUser([
      { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" },
      { provider: "cerebras", pinnedModel: "gemma-4-31b" },
    ]);
    const ask = async () => {
      const response = await fetch(`${B}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello from a test" }] }),
      });
      expect(response.status).toBe(200);
      return response.headers;
    };
    await account(A, user, "PUT", "/model-aliases", { alias: "gpt-4o-mini", target: "groq/llama-3.3-70b-versatile" });
    const cachedAt = Date.now();
    const before = await ask();
    expect(before.get("x-freellmapi-alias-for")).toBe("groq/llama-3.3-70b-versatile");
    expect(before.get("x-freellmapi-provider")).toBe("groq");

    await account(A, user, "PUT", "/model-aliases", { alias: "gpt-4o-mini", target: "cerebras/gemma-4-31b" });
    const after = await ask();
    expect(Date.now() - cachedAt).toBeLessThan(CACHE_TTL_MS);
    expect(after.get("x-freellmapi-provider")).toBe("cerebras");
    expect(after.get("x-freellmapi-model")).toBe("gemma-4-31b");
    expect(after.get("x-freellmapi-alias-for")).toBe("cerebras/gemma-4-31b");
  });

  it("after an alias changed through A, B files the fresh target's answer in the response cache under that target", async () => {
    const { user, plaintext } = await createGatewayUser(
      [
        { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" },
        { provider: "cerebras", pinnedModel: "gemma-4-31b" },
      ],
      { responseCache: true },
    );
    const ask = async (model: string, content: string) => {
      const response = await fetch(`${B}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
        body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
      });
      expect(response.status).toBe(200);
      return response.headers;
    };
    await account(A, user, "PUT", "/model-aliases", { alias: "gpt-4o-mini", target: "groq/llama-3.3-70b-versatile" });
    expect((await ask("gpt-4o-mini", "first question")).get("x-freellmapi-provider")).toBe("groq"); // B caches this routing

    await account(A, user, "PUT", "/model-aliases", { alias: "gpt-4o-mini", target: "cerebras/gemma-4-31b" });
    const fresh = await ask("gpt-4o-mini", "second question");
    expect(fresh.get("x-freellmapi-provider")).toBe("cerebras");
    expect(fresh.get("x-freellmapi-cache")).toBe("miss");
    // Filed under what answered it: the same question to that target is a hit (under the stale alias target it was a miss).
    const again = await ask("cerebras/gemma-4-31b", "second question");
    expect(again.get("x-freellmapi-cache")).toBe("hit");
    expect(again.get("x-freellmapi-provider")).toBe("cerebras");
    const other = await ask("groq/llama-3.3-70b-versatile", "second question");
    expect(other.get("x-freellmapi-cache")).toBe("miss");
    expect(other.get("x-freellmapi-provider")).toBe("groq");
  });

  it("a key rejected on A is not tried by B, and a recheck on A brings it back on B at once", async () => {
    const { user, plaintext, keyIds } = await createGatewayUser([
      { provider: "groq", pinnedModel: "llama-3.3-70b-versatile" },
      { provider: "cerebras", pinnedModel: "gemma-4-31b" },
    ]);
    expect((await chat(B, plaintext)).headers.get("x-freellmapi-provider")).toBe("groq");

    await mock.faults("groq", [{ kind: "bad-key" }]);
    const rejected = await chat(A, plaintext);
    expect(rejected.headers.get("x-freellmapi-provider")).toBe("cerebras");
    expect(await chatCalls("groq")).toBe(2);

    // B cached the key as active a moment ago; the change reaches it with its next request.
    const models = await fetch(`${B}/v1/models`, { headers: { authorization: `Bearer ${plaintext}` } });
    const ids = ((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
    expect(ids.some((id) => id.startsWith("cerebras/"))).toBe(true);
    expect(ids.some((id) => id.startsWith("groq/"))).toBe(false);
    const skipped = await chat(B, plaintext);
    expect(skipped.headers.get("x-freellmapi-provider")).toBe("cerebras");
    expect(await chatCalls("groq")).toBe(2);

    // The provider accepts the key again: the recheck on A clears its bench, and B uses it next.
    const recheckedAt = Date.now();
    const { key } = await account(A, user, "POST", `/provider-keys/${keyIds.groq[0]}/recheck`);
    expect(key.status).toBe("active");
    const restored = await chat(B, plaintext);
    expect(Date.now() - recheckedAt).toBeLessThan(CACHE_TTL_MS);
    expect(restored.status).toBe(200);
    expect(restored.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(await chatCalls("groq")).toBe(3);
  });
});
