import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/account/api-keys/route";
import { DELETE as revokeRoute } from "@/app/api/account/api-keys/[id]/route";
import { verifyApiKey } from "@/lib/api-keys";
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
});
