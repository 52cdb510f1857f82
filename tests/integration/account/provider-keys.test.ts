import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as addRoute } from "@/app/api/account/provider-keys/route";
import { DELETE as deleteRoute } from "@/app/api/account/provider-keys/[id]/route";
import { POST as recheckRoute } from "@/app/api/account/provider-keys/[id]/recheck/route";
import { GET as catalogRoute } from "@/app/api/account/providers/route";
import { decryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { markProviderKeyInvalid, refreshProviderModels } from "@/lib/provider-keys";
import { startMockProvider, type MockProvider } from "@/tests/mocks";
import { call, twoUsers } from "./account-client";

let groq: MockProvider;
let gemini: MockProvider;
let openai: MockProvider;

beforeAll(async () => {
  [groq, gemini, openai] = await Promise.all([
    startMockProvider({ profile: "groq", zeroLatency: true, keys: ["gsk_test", "gsk_twice_0001", "gsk_twice_0002"] }),
    startMockProvider({ profile: "gemini", zeroLatency: true }),
    startMockProvider({ profile: "openai", zeroLatency: true }),
  ]);
  process.env.GROQ_BASE_URL = groq.url;
  process.env.GEMINI_BASE_URL = gemini.url;
});

afterAll(async () => {
  delete process.env.GROQ_BASE_URL;
  delete process.env.GEMINI_BASE_URL;
  await Promise.all([groq.close(), gemini.close(), openai.close()]);
});

const add = (user: { id: string; email: string }, body: unknown) => call(addRoute, { method: "POST", path: "/api/account/provider-keys", user, body });

describe("provider keys", () => {
  it("refuses the same key twice, naming the label it is saved under, without echoing the secret", async () => {
    const { alice, bob } = await twoUsers();
    expect((await add(alice, { providerId: "groq", key: "gsk_twice_0001", label: "personal" })).status).toBe(201);
    const again = await add(alice, { providerId: "groq", key: "gsk_twice_0001", label: "other label" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", param: "key" });
    expect(again.body.error.message).toContain("“personal”");
    expect(JSON.stringify(again.body)).not.toContain("gsk_twice_0001");
    expect(await prisma.providerKey.count({ where: { userId: alice.id, providerId: "groq" } })).toBe(1);
    // Another key of the same provider, or the same key for another user, is fine.
    expect((await add(alice, { providerId: "groq", key: "gsk_twice_0002" })).status).toBe(201);
    expect((await add(bob, { providerId: "groq", key: "gsk_twice_0001" })).status).toBe(201);
  });

  it("adds a key the provider accepts: encrypted, models listed, provider appended to the chain", async () => {
    const { alice } = await twoUsers();
    const res = await add(alice, { providerId: "groq", key: "gsk_test", label: "work" });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatchObject({ providerId: "groq", label: "work", lastFour: "test", status: "active", baseUrl: null });
    expect(res.body.models).toEqual(groq.models);
    expect(res.body.key.models).toEqual(groq.models);
    expect(JSON.stringify(res.body)).not.toContain("gsk_test");
    const row = await prisma.providerKey.findUniqueOrThrow({ where: { id: res.body.key.id }, omit: { encryptedSecret: false } });
    expect(row.encryptedSecret).not.toContain("gsk_test");
    expect(decryptSecret(row.encryptedSecret)).toBe("gsk_test");
    expect(await prisma.fallbackEntry.findMany({ where: { userId: alice.id }, select: { providerId: true, position: true } })).toEqual([
      { providerId: "groq", position: 0 },
    ]);

    // A second key for the same provider does not add a second chain entry; another provider goes last.
    expect((await add(alice, { providerId: "groq", key: "gsk_twice_0002" })).status).toBe(201);
    const gem = await add(alice, { providerId: "gemini", key: "gemini-test-key" });
    expect(gem.status).toBe(201);
    expect(gem.body.models).toContain("gemini-2.5-flash");
    expect(gem.body.models.some((m: string) => m.startsWith("models/"))).toBe(false);
    const chain = await prisma.fallbackEntry.findMany({ where: { userId: alice.id }, orderBy: { position: "asc" }, select: { providerId: true } });
    expect(chain.map((c) => c.providerId)).toEqual(["groq", "gemini"]);

    const list = await call(listRoute, { user: alice });
    expect(list.body.keys).toHaveLength(3);
    expect(list.body.keys[0]).not.toHaveProperty("encryptedSecret");
  });

  it("refuses a key the provider rejects (401) and Gemini's 400 for a bad key, saving nothing", async () => {
    const { alice } = await twoUsers();
    const rejected = await add(alice, { providerId: "groq", key: "gsk_wrong_key_123" });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error).toMatchObject({ code: "provider_key_rejected", param: "key" });
    expect(rejected.body.error.message).toMatch(/Groq rejected this key/);
    const gem = await add(alice, { providerId: "gemini", key: "AIzaNotAValidKey000000" });
    expect(gem.status).toBe(400);
    expect(gem.body.error.code).toBe("provider_key_rejected");
    expect(gem.body.error.message).toMatch(/API key not valid/);
    expect(await prisma.providerKey.count({ where: { userId: alice.id } })).toBe(0);
    expect(await prisma.fallbackEntry.count({ where: { userId: alice.id } })).toBe(0);
  });

  it("says clearly when the provider cannot be reached", async () => {
    const { alice } = await twoUsers();
    process.env.GROQ_BASE_URL = "http://127.0.0.1:9/openai/v1";
    try {
      const res = await add(alice, { providerId: "groq", key: "gsk_test" });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("provider_key_rejected");
      expect(res.body.error.message).toMatch(/could not be reached/);
    } finally {
      process.env.GROQ_BASE_URL = groq.url;
    }
  });

  it("validates provider ids and custom base URLs", async () => {
    const { alice } = await twoUsers();
    const unknown = await add(alice, { providerId: "nope", key: "x" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe("providerId");
    const noBase = await add(alice, { providerId: "custom", key: "sk-test" });
    expect(noBase.status).toBe(400);
    expect(noBase.body.error.param).toBe("baseUrl");
    process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    resetEnvCache();
    const privateUrl = await add(alice, { providerId: "custom", key: openai.keys[0], baseUrl: openai.url });
    expect(privateUrl.status).toBe(400);
    expect(privateUrl.body.error.code).toBe("unsafe_upstream");
    process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
    resetEnvCache();
    try {
      const ok = await add(alice, { providerId: "custom", key: openai.keys[0], baseUrl: openai.url });
      expect(ok.status).toBe(201);
      expect(ok.body.key.baseUrl).toBe(openai.url);
    } finally {
      delete process.env.ALLOW_PRIVATE_UPSTREAMS;
      resetEnvCache();
    }
  });

  it("rechecks: an accepted key stays active, a rejected one becomes invalid with the reason", async () => {
    const { alice } = await twoUsers();
    const created = await add(alice, { providerId: "groq", key: "gsk_test" });
    const id = created.body.key.id as string;
    await markProviderKeyInvalid(id, "upstream said 401");
    const ok = await call(recheckRoute, { method: "POST", user: alice, params: { id } });
    expect(ok.status).toBe(200);
    expect(ok.body.key).toMatchObject({ id, status: "active", statusReason: null });
    expect(ok.body.models).toEqual(groq.models);
    groq.enqueue({ kind: "bad-key", endpoint: "models" });
    const bad = await call(recheckRoute, { method: "POST", user: alice, params: { id } });
    expect(bad.status).toBe(200);
    expect(bad.body.key.status).toBe("invalid");
    expect(bad.body.key.statusReason).toMatch(/rejected this key/);
  });

  it("keeps keys private between users: 404 on recheck and delete of another user's key", async () => {
    const { alice, bob } = await twoUsers();
    const created = await add(alice, { providerId: "groq", key: "gsk_test" });
    const id = created.body.key.id as string;
    expect((await call(listRoute, { user: bob })).body.keys).toEqual([]);
    expect((await call(recheckRoute, { method: "POST", user: bob, params: { id } })).status).toBe(404);
    const del = await call(deleteRoute, { method: "DELETE", user: bob, params: { id } });
    expect(del.status).toBe(404);
    expect(del.body.error.code).toBe("not_found");
    expect(await prisma.providerKey.count({ where: { id } })).toBe(1);
    expect((await call(deleteRoute, { method: "DELETE", user: alice, params: { id } })).status).toBe(204);
    expect(await prisma.providerKey.count({ where: { id } })).toBe(0);
    expect((await call(deleteRoute, { method: "DELETE", user: alice, params: { id } })).status).toBe(404);
  });

  it("needs a session and a same-origin request", async () => {
    const { alice } = await twoUsers();
    expect((await call(listRoute)).status).toBe(401);
    const csrf = await call(addRoute, { method: "POST", user: alice, origin: "https://evil.example", body: { providerId: "groq", key: "gsk_test" } });
    expect(csrf.status).toBe(403);
    expect((await call(addRoute, { method: "POST", user: alice, rawBody: "[" })).body.error.code).toBe("invalid_json");
  });

  it("refreshes the models of active keys and invalidates keys the provider now rejects", async () => {
    const { alice } = await twoUsers();
    const created = await add(alice, { providerId: "groq", key: "gsk_test" });
    await prisma.providerKey.update({ where: { id: created.body.key.id }, data: { models: [] } });
    const counts = await refreshProviderModels();
    expect(counts.refreshed).toBeGreaterThanOrEqual(1);
    const row = await prisma.providerKey.findUniqueOrThrow({ where: { id: created.body.key.id } });
    expect(row.models).toEqual(groq.models);
  });
});

describe("GET /api/account/providers", () => {
  it("lists the catalog with plain-number limits and key hints", async () => {
    const { alice } = await twoUsers();
    const res = await call(catalogRoute, { user: alice });
    expect(res.status).toBe(200);
    const groqEntry = res.body.find((p: { id: string }) => p.id === "groq");
    expect(groqEntry).toMatchObject({ name: "Groq", keyHint: "gsk_…", requiresBaseUrl: false, trainsOnFreeTier: false });
    expect(groqEntry.limits).toEqual({ rpm: null, rpd: null, tpm: null, tpd: null, window: "rolling", note: expect.any(String) });
    expect(groqEntry.models[0]).toEqual({
      id: expect.any(String),
      contextWindow: expect.any(Number),
      tools: expect.any(Boolean),
      vision: expect.any(Boolean),
      reasoning: expect.any(Boolean),
    });
    expect(res.body.find((p: { id: string }) => p.id === "custom").requiresBaseUrl).toBe(true);
  });
});
