import OpenAI from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";
import { sessionCookie } from "@/tests/support/session-cookie";

const base = () => inject("appUrl");
const chatCalls = async (provider: Parameters<typeof mock.requests>[0]) =>
  (await mock.requests(provider)).filter((r) => r.path.endsWith("/chat/completions")).length;
const ask = (content: string, extra: Record<string, unknown> = {}) => ({ model: "auto", messages: [{ role: "user" as const, content }], ...extra });
const askStream = (content: string, extra: Record<string, unknown> = {}) =>
  ask(content, { ...extra, stream: true }) as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
const cacheOn = { responseCache: true };

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  let text = "";
  let usage: OpenAI.CompletionUsage | null = null;
  let finish: string | null = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
    if (chunk.usage) usage = chunk.usage;
  }
  return { text, usage, finish };
}

describe("response cache", () => {
  beforeEach(() => mock.reset("groq", "gemini"));

  it("answers an identical request from the cache: miss, then hit, one provider call, same answer", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    const first = await client.chat.completions.create(ask("cache me")).withResponse();
    expect(first.response.headers.get("x-freellmapi-cache")).toBe("miss");
    const second = await client.chat.completions.create(ask("cache me")).withResponse();
    expect(second.response.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(second.response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(second.response.headers.get("x-freellmapi-attempts")).toBe("0");
    expect(Number(second.response.headers.get("x-freellmapi-cache-age"))).toBeGreaterThanOrEqual(0);
    expect(second.data.choices[0].message.content).toBe(first.data.choices[0].message.content);
    expect(second.data.usage).toEqual(first.data.usage);
    expect(await chatCalls("groq")).toBe(1);

    // Anything that changes the answer is another entry.
    for (const extra of [{ temperature: 0.5 }, { max_tokens: 50 }, { seed: 7 }, { stop: ["x"] }, { top_p: 0.9 }]) {
      const other = await client.chat.completions.create(ask("cache me", extra)).withResponse();
      expect(other.response.headers.get("x-freellmapi-cache"), JSON.stringify(extra)).toBe("miss");
    }
    expect(await chatCalls("groq")).toBe(6);
  });

  it("never crosses users: the same request from another account is a miss", async () => {
    const a = await createGatewayUser(["groq"], cacheOn);
    const b = await createGatewayUser(["groq"], cacheOn);
    await a.client.chat.completions.create(ask("mine only"));
    const { response } = await b.client.chat.completions.create(ask("mine only")).withResponse();
    expect(response.headers.get("x-freellmapi-cache")).toBe("miss");
    expect(await chatCalls("groq")).toBe(2);
  });

  it("x-freellmapi-cache: no-store neither reads nor writes", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    const noStore = { headers: { "x-freellmapi-cache": "no-store" } };
    const first = await client.chat.completions.create(ask("private"), noStore).withResponse();
    expect(first.response.headers.get("x-freellmapi-cache")).toBe("bypass");
    const second = await client.chat.completions.create(ask("private")).withResponse();
    expect(second.response.headers.get("x-freellmapi-cache")).toBe("miss");
    const third = await client.chat.completions.create(ask("private"), noStore).withResponse();
    expect(third.response.headers.get("x-freellmapi-cache")).toBe("bypass");
    expect(await chatCalls("groq")).toBe(3);
  });

  it("an unknown x-freellmapi-cache value is a 400 in OpenAI's envelope", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    const error = await client.chat.completions.create(ask("x"), { headers: { "x-freellmapi-cache": "sometimes" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("x-freellmapi-cache");
    expect(await chatCalls("groq")).toBe(0);
  });

  it("the key's switch, set from the dashboard's keys API, turns the cache off and on", async () => {
    const { client, user } = await createGatewayUser(["groq"], cacheOn);
    const key = await prisma.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    const cookie = await sessionCookie(user);
    const put = (enabled: unknown) =>
      fetch(`${base()}/api/account/api-keys/${key.id}/cache`, {
        method: "PUT",
        headers: { cookie, origin: base(), "content-type": "application/json" },
        body: JSON.stringify({ enabled }),
      });

    const off = await put(false);
    expect(off.status).toBe(200);
    expect(((await off.json()) as { key: { responseCache: boolean } }).key.responseCache).toBe(false);
    for (let i = 0; i < 2; i++) {
      const { response } = await client.chat.completions.create(ask("switch")).withResponse();
      expect(response.headers.get("x-freellmapi-cache")).toBe("bypass");
    }
    expect(await chatCalls("groq")).toBe(2);

    expect((await put("yes")).status).toBe(400);
    expect((await put(true)).status).toBe(200);
    await client.chat.completions.create(ask("switch"));
    const { response } = await client.chat.completions.create(ask("switch")).withResponse();
    expect(response.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(await chatCalls("groq")).toBe(3);

    // Another user's key is not found.
    const stranger = await createGatewayUser(["groq"]);
    const foreign = await fetch(`${base()}/api/account/api-keys/${key.id}/cache`, {
      method: "PUT",
      headers: { cookie: await sessionCookie(stranger.user), origin: base(), "content-type": "application/json" },
      body: JSON.stringify({ enabled: false }),
    });
    expect(foreign.status).toBe(404);
  });

  it("errors are never cached", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    await mock.faults("groq", [], { kind: "http", status: 400, body: { error: { message: "upstream refused this", type: "invalid_request_error" } } });
    const error = await client.chat.completions.create(ask("fails first")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    await mock.reset("groq");
    const { response, data } = await client.chat.completions.create(ask("fails first")).withResponse();
    expect(response.headers.get("x-freellmapi-cache")).toBe("miss");
    expect(data.choices[0].message.content).toContain("[groq:");
  });

  it("a stream the client aborts, or one cut off upstream, is not stored", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    await mock.faults("groq", [{ kind: "slow", betweenChunksMs: 300 }]);
    const controller = new AbortController();
    const stream = await client.chat.completions.create(askStream("abort me please now", { temperature: 0 }), { signal: controller.signal });
    let received = "";
    // The SDK ends the iteration quietly on its own abort.
    await (async () => {
      for await (const chunk of stream) {
        received += chunk.choices[0]?.delta?.content ?? "";
        if (received) controller.abort();
      }
    })().catch(() => {});
    expect(received.length).toBeGreaterThan(0);

    await mock.faults("groq", [{ kind: "stream-cut", afterChunks: 3 }]);
    const cut = await client.chat.completions.create(askStream("cut me, a long enough answer to cut", { temperature: 0 }));
    await expect(collect(cut)).rejects.toThrow();

    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const content of ["abort me please now", "cut me, a long enough answer to cut"]) {
      const { response } = await client.chat.completions.create(ask(content, { temperature: 0 })).withResponse();
      expect(response.headers.get("x-freellmapi-cache"), content).toBe("miss");
    }
  });

  it("replays a cached answer as a stream the SDK parses, with the usage chunk when asked", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    const request = askStream("stream me", { temperature: 0, stream_options: { include_usage: true } });
    const first = await client.chat.completions.create(request).withResponse();
    expect(first.response.headers.get("x-freellmapi-cache")).toBe("miss");
    const original = await collect(first.data);
    expect(original.text).toContain("[groq:");
    // Stored once the stream has ended.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const replay = await client.chat.completions.create(request).withResponse();
    expect(replay.response.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(replay.response.headers.get("content-type")).toContain("text/event-stream");
    const replayed = await collect(replay.data);
    expect(replayed.text).toBe(original.text);
    expect(replayed.finish).toBe("stop");
    expect(replayed.usage?.completion_tokens).toBe(original.usage?.completion_tokens);

    // Without include_usage there is no usage chunk; a whole (non-streamed) request shares the entry.
    const plain = await collect(await client.chat.completions.create({ ...request, stream_options: undefined }));
    expect(plain.usage).toBeNull();
    const whole = await client.chat.completions.create(ask("stream me", { temperature: 0 })).withResponse();
    expect(whole.response.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(whole.data.choices[0].message.content).toBe(original.text);
    expect(await chatCalls("groq")).toBe(1);
  });

  it("stores a stream sampled with temperature > 0 only with x-freellmapi-cache: force", async () => {
    const { client } = await createGatewayUser(["groq"], cacheOn);
    const sampled = askStream("creative", { temperature: 0.8 });
    await collect(await client.chat.completions.create(sampled));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await client.chat.completions.create(sampled).withResponse();
    expect(again.response.headers.get("x-freellmapi-cache")).toBe("miss");
    await collect(again.data);

    const force = { headers: { "x-freellmapi-cache": "force" } };
    await collect(await client.chat.completions.create(sampled, force));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const forced = await client.chat.completions.create(sampled).withResponse();
    expect(forced.response.headers.get("x-freellmapi-cache")).toBe("hit");
    await collect(forced.data);
    expect(await chatCalls("groq")).toBe(3);
  });

  it("counts a hit as cached with zero provider tokens, in the request log and daily usage", async () => {
    const { client, user } = await createGatewayUser(["groq"], cacheOn);
    await client.chat.completions.create(ask("count me"));
    await client.chat.completions.create(ask("count me"));
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } }),
      (rows) => rows.length === 2,
    );
    expect(logs.map((l) => l.cached)).toEqual([false, true]);
    expect(logs[0].promptTokens).toBeGreaterThan(0);
    expect(logs[1]).toMatchObject({ status: 200, promptTokens: 0, completionTokens: 0, providerId: "groq" });
    const daily = await prisma.usageDaily.findMany({ where: { userId: user.id } });
    expect(daily.find((row) => row.providerId === "cache")).toMatchObject({ requests: 1, cachedRequests: 1, promptTokens: 0, completionTokens: 0 });
    expect(daily.find((row) => row.providerId === "groq")).toMatchObject({ requests: 1, cachedRequests: 0 });

    const overview = await fetch(`${base()}/api/account/overview`, { headers: { cookie: await sessionCookie(user) } });
    expect(((await overview.json()) as { today: { requests: number; cached: number } }).today).toMatchObject({ requests: 2, cached: 1 });
  });

  it("serves the Responses and Messages protocols from the same cache", async () => {
    const { client, plaintext } = await createGatewayUser(["groq"], cacheOn);
    const first = await client.responses.create({ model: "auto", input: "through responses" }).withResponse();
    expect(first.response.headers.get("x-freellmapi-cache")).toBe("miss");
    const second = await client.responses.create({ model: "auto", input: "through responses" }).withResponse();
    expect(second.response.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(second.data.output_text).toBe(first.data.output_text);

    const message = () =>
      fetch(`${base()}/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": plaintext, "anthropic-version": "2023-06-01", "content-type": "application/json" },
        body: JSON.stringify({ model: "auto", max_tokens: 100, messages: [{ role: "user", content: "through messages" }] }),
      });
    expect((await message()).headers.get("x-freellmapi-cache")).toBe("miss");
    const hit = await message();
    expect(hit.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(((await hit.json()) as { content: Array<{ text: string }> }).content[0].text).toContain("[groq:");
    expect(await chatCalls("groq")).toBe(2);
  });
});
