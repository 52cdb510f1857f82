/**
 * State that must outlive a restart of the app (embedded mode, in-process limits) and the
 * automatic recheck of rejected provider keys. This file runs its own app on the shared mocks
 * with its own data folder, so it can stop it with SIGTERM and start it again on the same data.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { findRunningEmbeddedDatabase } from "@/lib/db/embedded-server";
import { resetEnvCache } from "@/lib/env";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";
import { freePort, MOCK_PROFILES, startApp, type MockedProvider } from "@/tests/support/stack";

type App = Awaited<ReturnType<typeof startApp>>;

const BURST = 60;
let app: App;
let dataDir: string;
let port: number;

const appEnv = () => ({
  ...Object.fromEntries(Object.entries(inject("mockUrls")).map(([provider, url]) => [MOCK_PROFILES[provider as MockedProvider], url])),
  ...inject("appSecrets"),
  KEY_RPM: "100000",
  ACCOUNT_RPM: "100000",
  // Seconds instead of 10 min / 1 h / 6 h, so the schedule runs within a test.
  PROVIDER_KEY_RECHECK_SCHEDULE: "1s,1s,1s",
  // Nothing is written on the timer: rows that reach the database came from the SIGTERM flush.
  USAGE_FLUSH_INTERVAL_MS: "3600000",
});

async function start() {
  app = await startApp({ port, dataDir, env: appEnv(), quiet: !process.env.DEBUG_APP });
  // This file's fixtures write to this app's database, not the shared app's.
  await disconnectDb();
  process.env.DATABASE_URL = (await findRunningEmbeddedDatabase(dataDir))!;
  resetEnvCache();
}

async function stop() {
  await disconnectDb();
  await app.stop();
}

const client = (apiKey: string) => new OpenAI({ baseURL: `${app.baseUrl}/v1`, apiKey, maxRetries: 0 });
const ask = (apiKey: string) =>
  client(apiKey)
    .chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] })
    .withResponse();
const chatCalls = async (provider: MockedProvider) => (await mock.requests(provider)).filter((r) => r.path.endsWith("/chat/completions")).length;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "freellmapi-restart-"));
  port = await freePort();
  await start();
}, 300_000);

afterAll(async () => {
  if (app) await stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("after a restart on the same data folder", () => {
  let capped: Awaited<ReturnType<typeof createGatewayUser>>;
  let monthly: Awaited<ReturnType<typeof createGatewayUser>>;
  let benched: Awaited<ReturnType<typeof createGatewayUser>>;
  let burst: Awaited<ReturnType<typeof createGatewayUser>>;
  let openrouterCallsBeforeRestart = 0;

  beforeAll(async () => {
    await mock.reset("groq", "openrouter");
    capped = await createGatewayUser(["groq"], { dailyRequestCap: 3 });
    monthly = await createGatewayUser(["groq"], { monthlyRequestCap: 3 });
    benched = await createGatewayUser(["openrouter", "groq"]);
    burst = await createGatewayUser(["groq"]);

    for (let i = 0; i < 3; i++) expect((await ask(capped.plaintext)).response.status).toBe(200);
    const refused = await ask(capped.plaintext).catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    for (let i = 0; i < 3; i++) expect((await ask(monthly.plaintext)).response.status).toBe(200);

    // OpenRouter's daily free quota is spent: the key is benched until the UTC day (or the hint) ends.
    await mock.faults("openrouter", [{ kind: "rate-limit", window: "day", retryAfterSeconds: 7200 }]);
    const { response } = await ask(benched.plaintext);
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    openrouterCallsBeforeRestart = await chatCalls("openrouter");
    expect(openrouterCallsBeforeRestart).toBe(1);
    await eventually(
      () => prisma.routingBench.count({ where: { providerKeyId: benched.keyIds.openrouter[0] } }),
      (count) => count > 0,
    );

    const answers = await Promise.all(Array.from({ length: BURST }, () => ask(burst.plaintext)));
    expect(answers.every((a) => a.response.status === 200)).toBe(true);

    await stop();
    await start();
  }, 300_000);

  it("a clean SIGTERM wrote every buffered request log and usage row of a burst", async () => {
    expect(await prisma.requestLog.count({ where: { userId: burst.user.id } })).toBe(BURST);
    const usage = await prisma.usageDaily.aggregate({ where: { userId: burst.user.id }, _sum: { requests: true } });
    expect(usage._sum.requests).toBe(BURST);
  });

  it("a unified key that used its daily cap of 3 before the restart is still refused", async () => {
    const error = await ask(capped.plaintext).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(error.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a unified key that used its monthly cap of 3 before the restart is still refused, until the month ends", async () => {
    const error = await ask(monthly.plaintext).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe("quota_exceeded");
    const now = new Date();
    const toMonthEnd = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - now.getTime()) / 1000;
    expect(Math.abs(Number(error.headers.get("retry-after")) - toMonthEnd)).toBeLessThan(30);
  });

  it("a provider benched until its daily quota resets is not called again", async () => {
    const { response } = await ask(benched.plaintext);
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(await chatCalls("openrouter")).toBe(openrouterCallsBeforeRestart);
  });
});

describe("automatic recheck of a key rejected by a 401", () => {
  it("brings a key back when the provider accepts it again, and clears the bench that kept it out", async () => {
    await mock.reset("groq", "cerebras");
    const { plaintext, keyIds } = await createGatewayUser(["groq", "cerebras"]);
    // One spurious 401 from Groq: the key is marked invalid and benched key-wide.
    await mock.faults("groq", [{ kind: "bad-key" }]);
    const first = await ask(plaintext);
    expect(first.response.headers.get("x-freellmapi-provider")).toBe("cerebras");
    const marked = await eventually(
      () => prisma.providerKey.findUniqueOrThrow({ where: { id: keyIds.groq[0] } }),
      (key) => key.status === "invalid",
    );
    expect(marked.recheckAt).not.toBeNull();

    const restored = await eventually(
      () => prisma.providerKey.findUniqueOrThrow({ where: { id: keyIds.groq[0] } }),
      (key) => key.status === "active",
      15_000,
    );
    expect(restored).toMatchObject({ status: "active", statusReason: null, recheckAttempts: 0, recheckAt: null });
    // Without the bench cleared, Groq would stay skipped for the hour auth failures bench a key.
    const again = await eventually(
      () => ask(plaintext),
      (answer) => answer.response.headers.get("x-freellmapi-provider") === "groq",
      5_000,
    );
    expect(again.response.headers.get("x-freellmapi-provider")).toBe("groq");
  });

  it("leaves a key the provider keeps rejecting invalid once the schedule is spent", async () => {
    await mock.reset("groq", "cerebras");
    const { plaintext, keyIds } = await createGatewayUser([{ provider: "groq", keys: ["gsk_wrong_key"] }, "cerebras"]);
    expect((await ask(plaintext)).response.headers.get("x-freellmapi-provider")).toBe("cerebras");
    const spent = await eventually(
      () => prisma.providerKey.findUniqueOrThrow({ where: { id: keyIds.groq[0] } }),
      (key) => key.recheckAttempts === 3,
      20_000,
    );
    expect(spent).toMatchObject({ status: "invalid", recheckAt: null, recheckAttempts: 3 });
    const listings = (await mock.requests("groq")).filter((r) => r.path.endsWith("/models") && r.headers.authorization === "Bearer gsk_wrong_key");
    expect(listings.length).toBe(3);
  });
});
