import { afterEach, describe, expect, it } from "vitest";
import { assertSafeUpstreamUrl } from "@/lib/providers/assert-safe-upstream-url";
import { ProviderRequestError } from "@/lib/providers/errors";
import { listModels } from "@/lib/providers/list-models";
import { resolveUpstream } from "@/lib/providers/resolve-upstream";
import { json, startMockUpstream } from "@/tests/mocks/scripted-upstream";

let mock: Awaited<ReturnType<typeof startMockUpstream>> | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("assertSafeUpstreamUrl", () => {
  it("refuses http, loopback, private and link-local unless allowed", async () => {
    await expect(assertSafeUpstreamUrl("http://example.com/v1", { allowPrivate: false })).rejects.toThrow(/https/);
    await expect(assertSafeUpstreamUrl("https://127.0.0.1/v1", { allowPrivate: false })).rejects.toThrow(/loopback address, not a public one/);
    await expect(assertSafeUpstreamUrl("https://[::1]/v1", { allowPrivate: false })).rejects.toThrow(/loopback address, not a public one/);
    await expect(assertSafeUpstreamUrl("https://localhost/v1", { allowPrivate: false })).rejects.toThrow(/loopback address, not a public one/);
    await expect(assertSafeUpstreamUrl("https://169.254.169.254/latest", { allowPrivate: false })).rejects.toThrow(/link-local address, not a public one/);
    await expect(assertSafeUpstreamUrl("not a url", { allowPrivate: false })).rejects.toThrow(/not a valid URL/);
    await expect(assertSafeUpstreamUrl("http://127.0.0.1:11434/v1", { allowPrivate: true })).resolves.toBeInstanceOf(URL);
    await expect(assertSafeUpstreamUrl("https://8.8.8.8/v1", { allowPrivate: false })).resolves.toBeInstanceOf(URL);
  });
});

describe("resolveUpstream", () => {
  it("reads the env override at call time and splits Cloudflare's accountId:token", () => {
    process.env.CLOUDFLARE_BASE_URL = "http://127.0.0.1:9/cf/{account_id}/ai/v1/";
    const up = resolveUpstream("cloudflare", "acc123:tok456");
    delete process.env.CLOUDFLARE_BASE_URL;
    expect(up).toMatchObject({ baseUrl: "http://127.0.0.1:9/cf/acc123/ai/v1", headers: { authorization: "Bearer tok456" } });
    expect(resolveUpstream("kilo", "").headers).not.toHaveProperty("authorization");
    expect(() => resolveUpstream("groq", "")).toThrow(/needs an API key/);
  });
});

describe("listModels", () => {
  it("keeps only free OpenRouter models, strips Gemini's models/ prefix, classifies a bad key", async () => {
    mock = await startMockUpstream({ openrouter: "OPENROUTER_BASE_URL", gemini: "GEMINI_BASE_URL", groq: "GROQ_BASE_URL" }, (hit, res) => {
      if (hit.provider === "openrouter")
        return json(res, 200, {
          data: [
            { id: "a/b:free", pricing: { prompt: "0", completion: "0" } },
            { id: "a/c", pricing: { prompt: "0.000001", completion: "0.000002" } },
            { id: "a/d:free", pricing: { prompt: "0.1", completion: "0" } },
          ],
        });
      if (hit.provider === "gemini") return json(res, 200, { object: "list", data: [{ id: "models/gemini-2.5-flash" }, { id: "gemini-2.5-flash-lite" }] });
      json(res, 401, { error: { message: "Invalid API Key", code: "invalid_api_key" } });
    });
    expect(await listModels("openrouter", "k")).toEqual([{ id: "a/b:free", capabilities: ["chat"] }]);
    expect((await listModels("gemini", "k")).map((m) => m.id)).toEqual(["gemini-2.5-flash", "gemini-2.5-flash-lite"]);
    const error = await listModels("groq", "bad").catch((e) => e);
    expect(error).toBeInstanceOf(ProviderRequestError);
    expect(error.failure.kind).toBe("auth_invalid");
    expect(mock.hits.find((h) => h.provider === "groq")!.headers.authorization).toBe("Bearer bad");
  });
});
