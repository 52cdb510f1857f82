import { describe, expect, it } from "vitest";
import { GET as capacityRoute } from "@/app/api/account/capacity/route";
import { encryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { usageWindows } from "@/lib/router/usage-windows";
import { call, twoUsers } from "./account-client";

const DAY = 86_400_000;

describe("GET /api/account/capacity", () => {
  it("sets the router's counts against each free-tier window, pools them, and names who carries auto", async () => {
    const { alice, bob } = await twoUsers();
    // Groq counts per model (1,000 requests a day for llama-3.3-70b); Mistral per key, monthly.
    const groq = await prisma.providerKey.create({
      data: {
        userId: alice.id,
        providerId: "groq",
        encryptedSecret: encryptSecret("g"),
        lastFour: "gggg",
        label: "main",
        models: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"],
      },
    });
    await prisma.fallbackEntry.createMany({
      data: [
        { userId: alice.id, providerId: "groq", position: 0, pinnedModel: "llama-3.3-70b-versatile" },
        { userId: alice.id, providerId: "gemini", position: 1 },
      ],
    });
    const gemini = await prisma.providerKey.create({
      data: { userId: alice.id, providerId: "gemini", encryptedSecret: encryptSecret("m"), lastFour: "mmmm", models: ["gemini-2.5-flash"] },
    });
    const now = Date.now();
    const state = getRoutingState();
    const target = `${groq.id}:llama-3.3-70b-versatile`;
    // Counted two minutes ago: today's window holds them, the current minute does not.
    await state.recordUsage([target, `${groq.id}:*`], usageWindows("rolling", now - 120_000), { requests: 40, tokens: 12_000 });
    // Gemini's only model is benched: it cannot carry, and says until when.
    await state.block(`${gemini.id}:gemini-2.5-flash`, now + 3_600_000, "quota_exhausted");
    const today = new Date(Math.floor(now / DAY) * DAY);
    await prisma.usageDaily.create({
      data: {
        userId: alice.id,
        day: today,
        providerId: "groq",
        model: "llama-3.3-70b-versatile",
        requests: 40,
        promptTokens: 9_000,
        completionTokens: 3_000,
        errors: 2,
      },
    });
    await prisma.requestLog.createMany({
      data: [100, 200, 300, 400].map((ms, i) => ({
        userId: alice.id,
        requestId: `r${i}`,
        requestedModel: "auto",
        providerId: "groq",
        model: "llama-3.3-70b-versatile",
        status: 200,
        latencyMs: ms,
      })),
    });
    await prisma.requestLog.create({ data: { userId: alice.id, requestId: "stop", requestedModel: "auto", status: 499, latencyMs: 5 } });

    const res = await call(capacityRoute, { user: alice });
    expect(res.status).toBe(200);
    const [g, m] = res.body.providers;
    expect(g).toMatchObject({
      providerId: "groq",
      today: { requests: 40, promptTokens: 9_000, completionTokens: 3_000, errors: 2 },
      dayRequests: { used: 40, limit: 1_000 },
    });
    const windows = g.keys[0].models[0].windows;
    expect(windows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: "requests", period: "day", used: 40, limit: 1_000 }),
        expect.objectContaining({ metric: "tokens", period: "day", used: 12_000, limit: 100_000 }),
        expect.objectContaining({ metric: "requests", period: "minute", used: 0, limit: 30 }),
      ]),
    );
    // 40 of 1,000 since midnight: at that pace it lasts past the reset unless the day is nearly over.
    const elapsed = Math.max(now - today.getTime(), 60_000);
    const expected = now + (960 / 40) * elapsed;
    if (expected < today.getTime() + DAY) expect(Date.parse(g.runsOutAt)).toBeCloseTo(expected, -4);
    else expect(g.runsOutAt).toBeNull();
    expect(m).toMatchObject({ providerId: "gemini", window: "pacific-day" });

    expect(res.body.carriers.map((c: { providerId: string; model: string; role: string }) => [c.providerId, c.model, c.role])).toEqual([
      ["groq", "llama-3.3-70b-versatile", "carrying"],
      ["gemini", "gemini-2.5-flash", "out"],
    ]);
    // Gemini 2.5 Flash's free day (catalog limit) is pooled with Groq's.
    expect(res.body.pooled.requests.used).toBe(40);
    expect(res.body.pooled.requests.limit).toBeGreaterThan(1_000);
    expect(res.body.carriers[1]).toMatchObject({ reason: "quota_exhausted", unavailableUntil: new Date(now + 3_600_000).toISOString() });

    const day = res.body.days.at(-1);
    expect(day).toMatchObject({ requests: 40, errors: 2, stopped: 1, promptTokens: 9_000, completionTokens: 3_000, p50: 250 });
    expect(day.p95).toBe(385);
    expect(res.body.days).toHaveLength(14);

    const empty = await call(capacityRoute, { user: bob });
    expect(empty.body).toMatchObject({ providers: [], carriers: [], pooled: { requests: { used: 0, limit: 0 } } });
    expect((await call(capacityRoute)).status).toBe(401);
  });
});
