import { describe, expect, it } from "vitest";
import { POST as createKeyRoute } from "@/app/api/account/api-keys/route";
import { DELETE as revokeKeyRoute } from "@/app/api/account/api-keys/[id]/route";
import { PUT as putChainRoute } from "@/app/api/account/chain/route";
import { GET as listRoute, PUT as putRoute } from "@/app/api/account/model-aliases/route";
import { DELETE as deleteRoute } from "@/app/api/account/model-aliases/[id]/route";
import { POST as addProviderKeyRoute } from "@/app/api/account/provider-keys/route";
import { getUserRouting } from "@/lib/gateway/user-routing";
import { call, twoUsers } from "./account-client";

type User = { id: string; email: string };
const put = (user: User, body: unknown) => call(putRoute, { method: "PUT", path: "/api/account/model-aliases", user, body });
const list = (user: User) => call(listRoute, { path: "/api/account/model-aliases", user });

describe("model aliases", () => {
  it("creates, replaces, lists and removes account and per-key aliases, and the gateway sees each change at once", async () => {
    const { alice } = await twoUsers();
    const key = (await call(createKeyRoute, { method: "POST", user: alice, body: { name: "claude" } })).body.key;
    await getUserRouting(alice.id); // warm the cache: a change must drop it

    const created = await put(alice, { alias: "gpt-4o-mini", target: "free-fast" });
    expect(created.status).toBe(200);
    expect(created.body.alias).toMatchObject({ alias: "gpt-4o-mini", target: "free-fast", apiKeyId: null, apiKeyName: null });
    expect((await put(alice, { alias: "claude-*", target: "auto", apiKeyId: key.id })).body.alias).toMatchObject({ apiKeyId: key.id, apiKeyName: "claude" });
    const replaced = await put(alice, { alias: "gpt-4o-mini", target: "free-smart" });
    expect(replaced.body.alias.id).toBe(created.body.alias.id);

    const listed = (await list(alice)).body.aliases;
    expect(listed.map((a: { alias: string; target: string; apiKeyName: string | null }) => [a.alias, a.target, a.apiKeyName])).toEqual([
      ["gpt-4o-mini", "free-smart", null],
      ["claude-*", "auto", "claude"],
    ]);
    expect((await getUserRouting(alice.id)).aliases).toEqual(
      expect.arrayContaining([
        { alias: "gpt-4o-mini", target: "free-smart", apiKeyId: "" },
        { alias: "claude-*", target: "auto", apiKeyId: key.id },
      ]),
    );

    expect((await call(deleteRoute, { method: "DELETE", user: alice, params: { id: created.body.alias.id } })).status).toBe(204);
    expect((await getUserRouting(alice.id)).aliases).toEqual([{ alias: "claude-*", target: "auto", apiKeyId: key.id }]);
    expect((await call(deleteRoute, { method: "DELETE", user: alice, params: { id: created.body.alias.id } })).status).toBe(404);
  });

  it("answers bad input with the field that is wrong", async () => {
    const { alice } = await twoUsers();
    const cases: [unknown, string][] = [
      [{ alias: "auto", target: "free" }, "alias"],
      [{ alias: "cla*de", target: "auto" }, "alias"],
      [{ alias: "gpt-4o", target: "" }, "target"],
      [{ alias: "gpt-4o", target: "gpt-4o" }, "target"],
      [{ alias: "gpt-4o", target: "auto", apiKeyId: "nope" }, "apiKeyId"],
    ];
    for (const [body, param] of cases) {
      const res = await put(alice, body);
      expect(res.status, JSON.stringify(body)).toBe(body && (body as { apiKeyId?: string }).apiKeyId ? 404 : 400);
      expect(res.body.error.param).toBe(param);
    }
    const revoked = (await call(createKeyRoute, { method: "POST", user: alice, body: { name: "old" } })).body.key;
    await call(revokeKeyRoute, { method: "DELETE", user: alice, params: { id: revoked.id } });
    expect((await put(alice, { alias: "gpt-4o", target: "auto", apiKeyId: revoked.id })).status).toBe(404);
    expect((await call(putRoute, { method: "PUT", user: alice, rawBody: "{" })).body.error.code).toBe("invalid_json");
  });

  it("keeps each user's aliases to themselves", async () => {
    const { alice, bob } = await twoUsers();
    const aliceKey = (await call(createKeyRoute, { method: "POST", user: alice, body: { name: "a" } })).body.key;
    const mine = (await put(alice, { alias: "gpt-4o", target: "auto" })).body.alias;

    expect((await list(bob)).body.aliases).toEqual([]);
    // Bob cannot hang an alias on Alice's key, delete hers, or reach her routing.
    const onHerKey = await put(bob, { alias: "gpt-4o", target: "free", apiKeyId: aliceKey.id });
    expect(onHerKey.status).toBe(404);
    expect((await call(deleteRoute, { method: "DELETE", user: bob, params: { id: mine.id } })).status).toBe(404);
    // Bob's own alias of the same name is his alone.
    expect((await put(bob, { alias: "gpt-4o", target: "free-smart" })).status).toBe(200);
    expect((await list(alice)).body.aliases).toMatchObject([{ id: mine.id, alias: "gpt-4o", target: "auto" }]);
    expect((await getUserRouting(alice.id)).aliases).toEqual([{ alias: "gpt-4o", target: "auto", apiKeyId: "" }]);

    expect((await call(listRoute, { path: "/api/account/model-aliases" })).status).toBe(401);
    expect((await call(putRoute, { method: "PUT", user: alice, origin: "https://evil.example", body: { alias: "x", target: "auto" } })).status).toBe(403);
  });
});

describe("provider names", () => {
  it("takes common names (google, nim) in the chain and for provider keys", async () => {
    const { alice } = await twoUsers();
    const chain = await call(putChainRoute, {
      method: "PUT",
      path: "/api/account/chain",
      user: alice,
      body: { entries: [{ providerId: "google", pinnedModel: "gemini-2.5-flash" }, { providerId: "NIM" }, { providerId: "groq" }] },
    });
    expect(chain.status).toBe(200);
    expect(chain.body.entries.map((e: { providerId: string }) => e.providerId)).toEqual(["gemini", "nvidia", "groq"]);

    const twice = await call(putChainRoute, { method: "PUT", user: alice, body: { entries: [{ providerId: "google" }, { providerId: "gemini" }] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain("gemini appears twice");

    const unknown = await call(addProviderKeyRoute, { method: "POST", user: alice, body: { providerId: "openai", key: "sk-x" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe("providerId");
  });
});
