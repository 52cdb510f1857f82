import { describe, expect, it } from "vitest";
import { GET as getChainRoute, PUT as putChainRoute } from "@/app/api/account/chain/route";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { prisma } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto";
import { parseChainSpec, setChainBySpec } from "@/lib/chain";
import { call, twoUsers } from "./account-client";

async function addKey(userId: string, providerId: string, status: "active" | "invalid" = "active", models: string[] = []) {
  return prisma.providerKey.create({ data: { userId, providerId, encryptedSecret: encryptSecret("k"), lastFour: "", status, models } });
}

const put = (user: { id: string; email: string }, entries: unknown) =>
  call(putChainRoute, { method: "PUT", path: "/api/account/chain", user, body: { entries } });

describe("chain", () => {
  it("replaces the whole order and answers each entry with limits, key count and state", async () => {
    const { alice } = await twoUsers();
    await addKey(alice.id, "groq");
    await addKey(alice.id, "mistral", "invalid");
    const res = await put(alice, [
      { providerId: "gemini", pinnedModel: null, enabled: true },
      { providerId: "groq", pinnedModel: "llama-3.3-70b-versatile", enabled: false },
      { providerId: "mistral", pinnedModel: null, enabled: true },
    ]);
    expect(res.status).toBe(200);
    const entries = res.body.entries;
    expect(entries.map((e: { providerId: string; position: number }) => [e.providerId, e.position])).toEqual([
      ["gemini", 0],
      ["groq", 1],
      ["mistral", 2],
    ]);
    expect(entries[0]).toMatchObject({ providerName: "Google AI Studio (Gemini)", keyCount: 0, state: { status: "no_keys", until: null, reason: null } });
    expect(entries[1]).toMatchObject({ pinnedModel: "llama-3.3-70b-versatile", enabled: false, keyCount: 1, state: { status: "ready" } });
    expect(entries[1].limits).toMatchObject({ rpm: 30, rpd: 1000, tpm: 12000, tpd: 100000, window: "rolling" });
    expect(entries[2].state.status).toBe("invalid_keys");

    const reordered = await put(alice, [{ providerId: "groq", pinnedModel: null, enabled: true }]);
    expect(reordered.body.entries).toHaveLength(1);
    expect((await call(getChainRoute, { user: alice })).body).toEqual(reordered.body);
  });

  it("derives cooling_down and benched from the routing state", async () => {
    const { alice } = await twoUsers();
    const groqKey = await addKey(alice.id, "groq");
    const cerebrasKey = await addKey(alice.id, "cerebras");
    await put(alice, [
      { providerId: "groq", pinnedModel: "llama-3.3-70b-versatile", enabled: true },
      { providerId: "cerebras", pinnedModel: null, enabled: true },
    ]);
    const state = getRoutingState();
    const soon = Date.now() + 30_000;
    const later = Date.now() + 3_600_000;
    await state.block(`${groqKey.id}:llama-3.3-70b-versatile`, soon, "rate_limited");
    await state.block(`${cerebrasKey.id}:*`, later, "quota_exhausted");
    const entries = (await call(getChainRoute, { user: alice })).body.entries;
    expect(entries[0].state).toEqual({ status: "cooling_down", until: new Date(soon).toISOString(), reason: "rate_limited" });
    expect(entries[1].state).toEqual({ status: "benched", until: new Date(later).toISOString(), reason: "quota_exhausted" });

    // A second groq key that is not blocked makes the entry ready again.
    await addKey(alice.id, "groq");
    expect((await call(getChainRoute, { user: alice })).body.entries[0].state.status).toBe("ready");
  });

  it("rejects unknown providers, duplicates and unknown pinned models, naming the field", async () => {
    const { alice } = await twoUsers();
    const unknown = await put(alice, [{ providerId: "nope", pinnedModel: null, enabled: true }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe("entries.0.providerId");
    const dup = await put(alice, [
      { providerId: "groq", pinnedModel: null, enabled: true },
      { providerId: "groq", pinnedModel: null, enabled: true },
    ]);
    expect(dup.status).toBe(400);
    expect(dup.body.error.param).toBe("entries.1.providerId");
    const model = await put(alice, [{ providerId: "groq", pinnedModel: "gpt-17", enabled: true }]);
    expect(model.status).toBe(400);
    expect(model.body.error.param).toBe("entries.0.pinnedModel");
    // A model the user's own key listed is accepted even when the catalog does not know it.
    await addKey(alice.id, "openrouter", "active", ["vendor/new-model:free"]);
    expect((await put(alice, [{ providerId: "openrouter", pinnedModel: "vendor/new-model:free", enabled: true }])).status).toBe(200);
    expect((await call(putChainRoute, { method: "PUT", user: alice, rawBody: "{" })).body.error.code).toBe("invalid_json");
  });

  it("is per user: one user's save never touches another's chain", async () => {
    const { alice, bob } = await twoUsers();
    await put(alice, [{ providerId: "groq", pinnedModel: null, enabled: true }]);
    await put(bob, [{ providerId: "gemini", pinnedModel: null, enabled: true }]);
    expect((await call(getChainRoute, { user: alice })).body.entries.map((e: { providerId: string }) => e.providerId)).toEqual(["groq"]);
    expect((await call(getChainRoute, { user: bob })).body.entries.map((e: { providerId: string }) => e.providerId)).toEqual(["gemini"]);
    expect((await call(getChainRoute)).status).toBe(401);
    expect((await call(putChainRoute, { method: "PUT", user: alice, origin: "https://evil.example", body: { entries: [] } })).status).toBe(403);
  });

  it("takes CLI specs with models that contain slashes", async () => {
    expect(parseChainSpec("groq/openai/gpt-oss-120b")).toEqual({ providerId: "groq", pinnedModel: "openai/gpt-oss-120b", enabled: true });
    const { alice } = await twoUsers();
    const entries = await setChainBySpec(alice.id, ["groq/openai/gpt-oss-120b", "gemini"]);
    expect(entries.map((e) => [e.providerId, e.pinnedModel])).toEqual([
      ["groq", "openai/gpt-oss-120b"],
      ["gemini", null],
    ]);
  });
});
