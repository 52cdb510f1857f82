import { describe, expect, it } from "vitest";
import { GET as overviewRoute } from "@/app/api/account/overview/route";
import { GET as requestsRoute } from "@/app/api/account/requests/route";
import { GET as usageRoute } from "@/app/api/account/usage/route";
import { encryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { utcDayRange } from "@/lib/usage/queries";
import { call, twoUsers } from "./account-client";

const DAY = 86_400_000;

async function seedUsage(userId: string, apiKeyId: string) {
  const { today } = utcDayRange(1);
  const rows = [
    { day: today, providerId: "groq", model: "llama-3.3-70b-versatile", apiKeyId, requests: 5, promptTokens: 100, completionTokens: 50, errors: 1 },
    { day: today, providerId: "gemini", model: "gemini-2.5-flash", apiKeyId: "", requests: 2, promptTokens: 10, completionTokens: 5, errors: 0 },
    {
      day: new Date(today.getTime() - 3 * DAY),
      providerId: "groq",
      model: "llama-3.3-70b-versatile",
      apiKeyId,
      requests: 1,
      promptTokens: 7,
      completionTokens: 3,
      errors: 0,
    },
    { day: new Date(today.getTime() - 40 * DAY), providerId: "groq", model: "old", apiKeyId, requests: 9, promptTokens: 9, completionTokens: 9, errors: 9 },
  ];
  await prisma.usageDaily.createMany({ data: rows.map((row) => ({ ...row, userId })) });
}

describe("GET /api/account/usage", () => {
  it("fills every UTC day, groups by provider, totals and filters", async () => {
    const { alice, bob } = await twoUsers();
    const key = await prisma.apiKey.create({ data: { userId: alice.id, name: "app", hash: `h-${alice.id}`, start: "freellmapi-abcd" } });
    await seedUsage(alice.id, key.id);
    const res = await call(usageRoute, { user: alice, path: "/api/account/usage?days=7" });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    const today = res.body.days[6];
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today).toMatchObject({
      requests: 7,
      promptTokens: 110,
      completionTokens: 55,
      errors: 1,
      byProvider: { groq: { requests: 5, tokens: 150 }, gemini: { requests: 2, tokens: 15 } },
    });
    expect(res.body.days[3]).toMatchObject({ requests: 1, byProvider: { groq: { requests: 1, tokens: 10 } } });
    expect(res.body.days[0]).toMatchObject({ requests: 0, byProvider: {} });
    expect(res.body.totals).toEqual({ requests: 8, promptTokens: 117, completionTokens: 58, errors: 1 });
    expect(res.body.rows).toHaveLength(3);
    expect(res.body.rows.find((r: { providerId: string }) => r.providerId === "gemini").apiKeyId).toBeNull();
    expect(res.body.filters).toEqual({
      providers: ["gemini", "groq"],
      models: ["gemini-2.5-flash", "llama-3.3-70b-versatile"],
      apiKeys: [{ id: key.id, name: "app" }],
    });

    const filtered = await call(usageRoute, { user: alice, path: `/api/account/usage?days=7&providerId=groq&apiKeyId=${key.id}` });
    expect(filtered.body.totals.requests).toBe(6);
    // The playground's traffic (no unified key) is a filter of its own.
    const dashboard = await call(usageRoute, { user: alice, path: "/api/account/usage?days=7&apiKeyId=dashboard" });
    expect(dashboard.body.totals.requests).toBe(2);
    expect(dashboard.body.rows.map((r: { providerId: string }) => r.providerId)).toEqual(["gemini"]);
    expect((await call(usageRoute, { user: alice, path: "/api/account/usage?days=0" })).body.error.param).toBe("days");
    const other = await call(usageRoute, { user: bob, path: "/api/account/usage" });
    expect(other.body.totals.requests).toBe(0);
    expect(other.body.byProtocol).toEqual([]);
    expect(other.body.days).toHaveLength(30);
  });
});

describe("GET /api/account/usage by API", () => {
  it("counts requests and tokens by the protocol they came in on, per user and in range", async () => {
    const { alice, bob } = await twoUsers();
    const row = { userId: alice.id, requestedModel: "auto", status: 200, latencyMs: 5, promptTokens: 10, completionTokens: 5 };
    await prisma.requestLog.createMany({
      data: [
        { ...row, requestId: "r1", protocol: "messages" },
        { ...row, requestId: "r2", protocol: "messages" },
        { ...row, requestId: "r3", protocol: "responses" },
        { ...row, requestId: "r4", protocol: "messages", createdAt: new Date(Date.now() - 40 * DAY) },
        { ...row, userId: bob.id, requestId: "r5", protocol: "completions" },
      ],
    });
    const res = await call(usageRoute, { user: alice, path: "/api/account/usage?days=7" });
    expect(res.body.byProtocol).toEqual([
      { protocol: "messages", requests: 2, tokens: 30 },
      { protocol: "responses", requests: 1, tokens: 15 },
    ]);
  });
});

describe("GET /api/account/requests", () => {
  it("pages newest first with a cursor, names the key, and stays per user", async () => {
    const { alice, bob } = await twoUsers();
    const key = await prisma.apiKey.create({ data: { userId: alice.id, name: "app", hash: `r-${alice.id}`, start: "freellmapi-abcd" } });
    const base = Date.now() - 60_000;
    for (let i = 0; i < 5; i++) {
      await prisma.requestLog.create({
        data: {
          userId: alice.id,
          requestId: `req_${i}`,
          createdAt: new Date(base + i * 1000),
          apiKeyId: key.id,
          requestedModel: "free-fast",
          providerId: "groq",
          model: "llama-3.1-8b-instant",
          status: i === 4 ? 429 : 200,
          latencyMs: 100 + i,
          attempts: [{ provider: "groq", model: "llama-3.1-8b-instant", keyId: "k", outcome: "ok", status: 200, ms: 90 }],
          errorCode: i === 4 ? "all_providers_exhausted" : null,
        },
      });
    }
    const first = await call(requestsRoute, { user: alice, path: "/api/account/requests?limit=2" });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { requestId: string }) => r.requestId)).toEqual(["req_4", "req_3"]);
    expect(first.body.items[0]).toMatchObject({
      apiKeyName: "app",
      status: 429,
      errorCode: "all_providers_exhausted",
      attempts: [expect.objectContaining({ outcome: "ok" })],
    });
    expect(first.body.items[0]).not.toHaveProperty("userId");
    const second = await call(requestsRoute, { user: alice, path: `/api/account/requests?limit=2&cursor=${first.body.nextCursor}` });
    expect(second.body.items.map((r: { requestId: string }) => r.requestId)).toEqual(["req_2", "req_1"]);
    const third = await call(requestsRoute, { user: alice, path: `/api/account/requests?limit=2&cursor=${second.body.nextCursor}` });
    expect(third.body.items.map((r: { requestId: string }) => r.requestId)).toEqual(["req_0"]);
    expect(third.body.nextCursor).toBeNull();
    const errors = await call(requestsRoute, { user: alice, path: "/api/account/requests?status=error" });
    expect(errors.body.items).toHaveLength(1);
    expect((await call(requestsRoute, { user: bob })).body).toEqual({ items: [], nextCursor: null });
    expect((await call(requestsRoute, { user: alice, path: "/api/account/requests?cursor=garbage" })).status).toBe(400);
  });
});

describe("GET /api/account/overview", () => {
  it("answers today's numbers, keys needing attention and onboarding counts", async () => {
    const { alice, bob } = await twoUsers();
    const key = await prisma.apiKey.create({ data: { userId: alice.id, name: "app", hash: `o-${alice.id}`, start: "freellmapi-abcd" } });
    await seedUsage(alice.id, key.id);
    const bad = await prisma.providerKey.create({
      data: {
        userId: alice.id,
        providerId: "mistral",
        encryptedSecret: encryptSecret("x"),
        lastFour: "abcd",
        label: "old",
        status: "invalid",
        statusReason: "401 from Mistral",
      },
    });
    const hot = await prisma.providerKey.create({ data: { userId: alice.id, providerId: "groq", encryptedSecret: encryptSecret("y"), lastFour: "wxyz" } });
    await prisma.fallbackEntry.create({ data: { userId: alice.id, providerId: "groq", position: 0 } });
    const until = Date.now() + 120_000;
    await getRoutingState().block(`${hot.id}:llama-3.3-70b-versatile`, until, "rate_limited");
    await getRoutingState().block(`${hot.id}:*`, until + 1000, "quota_exhausted");

    // A request its caller stopped (499 in the log) is counted apart, not as an error.
    await prisma.requestLog.create({ data: { userId: alice.id, requestId: "req_stopped", requestedModel: "auto", status: 499, latencyMs: 40 } });
    const res = await call(overviewRoute, { user: alice });
    expect(res.status).toBe(200);
    expect(res.body.today).toEqual({ requests: 7, promptTokens: 110, completionTokens: 55, errors: 1, stopped: 1, cached: 0 });
    expect(res.body.providersToday).toEqual([
      { providerId: "groq", requests: 5, tokens: 150 },
      { providerId: "gemini", requests: 2, tokens: 15 },
    ]);
    expect(res.body.counts).toEqual({ providerKeys: 2, chainEntries: 1, apiKeys: 1 });
    expect(res.body.attention).toEqual(
      expect.arrayContaining([
        { kind: "invalid_key", providerId: "mistral", keyId: bad.id, label: "old", lastFour: "abcd", model: null, until: null, reason: "401 from Mistral" },
        {
          kind: "cooling_down",
          providerId: "groq",
          keyId: hot.id,
          label: null,
          lastFour: "wxyz",
          model: "llama-3.3-70b-versatile",
          until: new Date(until).toISOString(),
          reason: "rate_limited",
        },
        {
          kind: "benched",
          providerId: "groq",
          keyId: hot.id,
          label: null,
          lastFour: "wxyz",
          model: null,
          until: new Date(until + 1000).toISOString(),
          reason: "quota_exhausted",
        },
      ]),
    );
    const empty = await call(overviewRoute, { user: bob });
    expect(empty.body).toEqual({
      today: { requests: 0, promptTokens: 0, completionTokens: 0, errors: 0, stopped: 0, cached: 0 },
      providersToday: [],
      attention: [],
      counts: { providerKeys: 0, chainEntries: 0, apiKeys: 0 },
    });
    expect((await call(overviewRoute)).status).toBe(401);
  });
});
