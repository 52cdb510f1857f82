/**
 * Serverless mode on the production build: the in-process scheduler off (FREELLMAPI_SCHEDULER=off,
 * as on Vercel) and the usage timer set to an hour, so nothing but Next.js's after() can write a
 * request's usage, and nothing but a cron route call can refresh model lists. This file runs its
 * own app (own data folder) on the shared mocks.
 */
import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { findRunningEmbeddedDatabase } from "@/lib/db/embedded-server";
import { resetEnvCache } from "@/lib/env";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";
import { freePort, MOCK_PROFILES, startApp, type MockedProvider } from "@/tests/support/stack";

const cronSecret = randomBytes(24).toString("hex");
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  app = await startApp({
    port: await freePort(),
    env: {
      ...Object.fromEntries(Object.entries(inject("mockUrls")).map(([provider, url]) => [MOCK_PROFILES[provider as MockedProvider], url])),
      ...inject("appSecrets"),
      FREELLMAPI_SCHEDULER: "off",
      CRON_SECRET: cronSecret,
      USAGE_FLUSH_INTERVAL_MS: "3600000",
    },
    quiet: !process.env.DEBUG_APP,
  });
  // The fixtures write to this app's database, not the shared app's.
  await disconnectDb();
  process.env.DATABASE_URL = (await findRunningEmbeddedDatabase(app.dataDir))!;
  resetEnvCache();
}, 300_000);

afterAll(async () => {
  await disconnectDb();
  await app?.stop();
});

const client = (apiKey: string) => new OpenAI({ baseURL: `${app.baseUrl}/v1`, apiKey, maxRetries: 0 });
const cron = (job: string, authorization?: string, baseUrl = app.baseUrl) =>
  fetch(`${baseUrl}/api/cron/${job}`, { headers: authorization ? { authorization } : {} }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
  }));

describe("serverless: usage is written after each response, not by a timer", () => {
  it("a plain and a streamed answer each have their request log and usage row within seconds", async () => {
    const { user, plaintext } = await createGatewayUser(["groq"]);
    const answer = await client(plaintext).chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] });
    expect(answer.choices[0].message.content).toBeTruthy();
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(logs).toMatchObject([{ status: 200, providerId: "groq", stream: false }]);

    const stream = await client(plaintext).chat.completions.create({ model: "auto", stream: true, messages: [{ role: "user", content: "hi" }] });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBeTruthy();
    const both = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } }),
      (rows) => rows.length === 2,
    );
    expect(both.map((row) => row.stream)).toEqual([false, true]);
    const usage = await prisma.usageDaily.aggregate({ where: { userId: user.id }, _sum: { requests: true } });
    expect(usage._sum.requests).toBe(2);
  });
});

describe("serverless: periodic jobs run when their cron route is called", () => {
  it("GET /api/cron/refresh-models with the secret lists each key's models again at the provider", async () => {
    const { keyIds } = await createGatewayUser(["groq"]);
    const keyId = keyIds.groq[0];
    const stale = new Date(Date.now() - 86_400_000);
    await prisma.providerKey.update({ where: { id: keyId }, data: { models: [], lastValidatedAt: stale } });
    await mock.reset("groq");

    const { status, body } = await cron("refresh-models", `Bearer ${cronSecret}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, job: "refresh-models", result: { refreshed: expect.any(Number), failed: 0 } });
    expect((body.result as { refreshed: number }).refreshed).toBeGreaterThanOrEqual(1);

    // The shared app may list models on its own schedule too: this app's own database tells.
    expect((await mock.requests("groq")).filter((r) => r.path.endsWith("/models")).length).toBeGreaterThanOrEqual(1);
    const key = await prisma.providerKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(Array.isArray(key.models) && key.models.length).toBeGreaterThan(0);
    expect(key.lastValidatedAt!.getTime()).toBeGreaterThan(stale.getTime());
  });

  it("the other jobs answer with what they did", async () => {
    expect(await cron("prune-logs", `Bearer ${cronSecret}`)).toMatchObject({ status: 200, body: { ok: true, result: { pruned: 0 } } });
    expect(await cron("recheck-keys", `Bearer ${cronSecret}`)).toMatchObject({
      status: 200,
      body: { ok: true, result: { restored: 0, rejected: 0, failed: 0 } },
    });
  });

  it("refuses a missing or wrong secret with 401 and an unknown job with 404, in the JSON envelope", async () => {
    for (const authorization of [undefined, `Bearer ${cronSecret.slice(1)}`, cronSecret]) {
      const { status, body } = await cron("refresh-models", authorization);
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: "unauthorized", requestId: expect.stringMatching(/^req_/) } });
    }
    expect(await cron("drop-tables", `Bearer ${cronSecret}`)).toMatchObject({ status: 404, body: { error: { code: "not_found", param: "job" } } });
  });

  it("an app with no CRON_SECRET keeps its cron routes closed", async () => {
    const { status, body } = await cron("refresh-models", "Bearer anything", inject("appUrl"));
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: "unauthorized", message: expect.stringMatching(/CRON_SECRET/) } });
  });
});
