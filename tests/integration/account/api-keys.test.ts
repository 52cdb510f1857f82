import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/account/api-keys/route";
import { DELETE as revokeRoute, PATCH as updateRoute } from "@/app/api/account/api-keys/[id]/route";
import { verifyApiKey } from "@/lib/api-keys";
import { prisma } from "@/lib/db";
import { call, twoUsers } from "./account-client";

describe("unified API keys", () => {
  it("creates a key shown once, lists it without secrets, revokes it", async () => {
    const { alice } = await twoUsers();
    const created = await call(createRoute, { method: "POST", user: alice, body: { name: "laptop", dailyRequestCap: 100, modelAllowlist: ["free-fast"] } });
    expect(created.status).toBe(201);
    expect(created.body.plaintext).toMatch(/^freellmapi-[0-9A-Za-z]{32}$/);
    expect(created.body.key).toMatchObject({ name: "laptop", dailyRequestCap: 100, modelAllowlist: ["free-fast"], revokedAt: null });
    expect(created.body.key).not.toHaveProperty("hash");
    expect(await verifyApiKey(created.body.plaintext)).toMatchObject({ userId: alice.id });

    const list = await call(listRoute, { user: alice });
    expect(list.body.keys).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.body.plaintext);

    const revoked = await call(revokeRoute, { method: "DELETE", user: alice, params: { id: created.body.key.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.key.revokedAt).toEqual(expect.any(String));
    expect(await verifyApiKey(created.body.plaintext)).toBeNull();
  });

  it("validates input and refuses another user's key", async () => {
    const { alice, bob } = await twoUsers();
    const bad = await call(createRoute, { method: "POST", user: alice, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("name");
    const past = await call(createRoute, { method: "POST", user: alice, body: { name: "old", expiresAt: "2001-01-01T00:00:00Z" } });
    expect(past.body.error.param).toBe("expiresAt");
    const created = await call(createRoute, { method: "POST", user: alice, body: { name: "mine" } });
    const theft = await call(revokeRoute, { method: "DELETE", user: bob, params: { id: created.body.key.id } });
    expect(theft.status).toBe(404);
    expect(await verifyApiKey(created.body.plaintext)).not.toBeNull();
    expect((await call(listRoute, { user: bob })).body.keys).toEqual([]);
    expect((await call(createRoute, { method: "POST", user: alice, origin: "https://evil.example", body: { name: "x" } })).status).toBe(403);
    expect((await call(listRoute)).status).toBe(401);
  });

  it("sets monthly caps at creation, edits caps with PATCH, and lists what is left of this month", async () => {
    const { alice, bob } = await twoUsers();
    const created = await call(createRoute, { method: "POST", user: alice, body: { name: "budget", monthlyRequestCap: 300, monthlyTokenCap: 50_000 } });
    expect(created.body.key).toMatchObject({ monthlyRequestCap: 300, monthlyTokenCap: 50_000, dailyRequestCap: null });
    const id = created.body.key.id;
    // Usage rows of this month count, last month's do not.
    const now = new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    const row = { userId: alice.id, apiKeyId: id, providerId: "groq", model: "m", errors: 0 };
    await prisma.usageDaily.createMany({
      data: [
        { ...row, day: today, requests: 7, promptTokens: 100, completionTokens: 20 },
        { ...row, day: lastMonth, requests: 1_000, promptTokens: 1_000, completionTokens: 0 },
      ],
    });
    const listed = (await call(listRoute, { user: alice })).body.keys.find((key: { id: string }) => key.id === id);
    expect(listed.usedThisMonth).toEqual({ requests: 7, tokens: 120 });

    const patched = await call(updateRoute, { method: "PATCH", user: alice, params: { id }, body: { monthlyRequestCap: 3, dailyTokenCap: 900 } });
    expect(patched.status).toBe(200);
    expect(patched.body.key).toMatchObject({ monthlyRequestCap: 3, monthlyTokenCap: 50_000, dailyTokenCap: 900 });
    expect(await verifyApiKey(created.body.plaintext)).toMatchObject({ monthlyRequestCap: 3, monthlyTokenCap: 50_000 });
    const cleared = await call(updateRoute, { method: "PATCH", user: alice, params: { id }, body: { monthlyTokenCap: null } });
    expect(cleared.body.key.monthlyTokenCap).toBeNull();

    const bad = await call(updateRoute, { method: "PATCH", user: alice, params: { id }, body: { monthlyRequestCap: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("monthlyRequestCap");
    expect((await call(updateRoute, { method: "PATCH", user: alice, params: { id }, body: { name: "renamed" } })).status).toBe(400);
    expect((await call(updateRoute, { method: "PATCH", user: alice, params: { id }, body: {} })).status).toBe(400);
    expect((await call(updateRoute, { method: "PATCH", user: bob, params: { id }, body: { monthlyRequestCap: 1_000 } })).status).toBe(404);
  });
});
