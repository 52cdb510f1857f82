import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { disconnectDb, getDb, prisma } from "@/lib/db";
import { getHealth } from "@/lib/health/get-health";
import type { RouteOutcome } from "@/lib/router";
import { flushUsage, recordUsage } from "@/lib/usage/recorder";
import { createTestUser } from "@/tests/support/factories";
import { eventually } from "@/tests/support/eventually";
import { startDatabaseProxy } from "@/tests/support/tcp-proxy";

const outcome = (requestId: string): RouteOutcome => ({
  requestId,
  requestedModel: "outage-model",
  providerId: "groq",
  model: "llama-3.1-8b-instant",
  keyId: null,
  status: "ok",
  stream: false,
  latencyMs: 3,
  promptTokens: 11,
  completionTokens: 7,
  usageEstimated: false,
  attempts: [],
  errorCode: null,
});

let database: Awaited<ReturnType<typeof startDatabaseProxy>>;

// This file's Prisma client reaches the database through a proxy the test can cut.
beforeAll(async () => {
  database = await startDatabaseProxy(inject("databaseUrl"));
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await disconnectDb();
  await database.close();
});

it("keeps the rows recorded while the database is unreachable and writes them, unprompted, once it is back", async () => {
  const user = await createTestUser();
  const run = `outage-${Date.now()}`;
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((line: unknown) => (lines.push(String(line)), true));
  try {
    await database.cut();
    for (const n of [1, 2, 3]) recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-${n}`) });
    await flushUsage();
    expect((await getHealth()).usage).toMatchObject({ status: "failing", deferredRows: 3, lostRows: 0 });
    // Still unreachable at the next tries: nothing is dropped and nothing is counted twice.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await getHealth()).usage).toMatchObject({ status: "failing", deferredRows: 3, lostRows: 0 });

    await database.restore();
    // No flushUsage() here: the recorder's own retry writes them.
    const rows = await eventually(
      () => prisma.requestLog.findMany({ where: { requestId: { startsWith: run } }, orderBy: { requestId: "asc" } }),
      (found) => found.length === 3,
      15_000,
    );
    expect(rows.map((r) => [r.requestId, r.promptTokens, r.completionTokens])).toEqual([1, 2, 3].map((n) => [`${run}-${n}`, 11, 7]));
    const daily = await prisma.usageDaily.findMany({ where: { userId: user.id, model: "llama-3.1-8b-instant" } });
    expect(daily.map((d) => [d.requests, d.promptTokens, d.completionTokens])).toEqual([[3, 33, 21]]);
    expect((await getHealth()).usage).toMatchObject({ status: "ok", deferredRows: 0, lostRows: 0 });
  } finally {
    spy.mockRestore();
    if (!database.listening()) await database.restore();
  }
  const logged = lines.join("\n");
  expect(logged).toMatch(/database is unreachable .*keeping 3 usage rows/);
  expect(logged).toMatch(/reachable again/);
  expect(logged).not.toContain(user.id);
  expect(logged).not.toContain(run);
});

it("a flush after every response during an outage waits for the scheduled retry instead of trying the database itself", async () => {
  const user = await createTestUser();
  const run = `burst-${Date.now()}`;
  const record = (n: number) => recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-${n}`) });
  // Each try of a batch is one statement; the retry of a batch that could not be reached makes no other.
  const attempts = vi.spyOn(getDb(), "$executeRaw");
  const spy = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await database.cut();
    record(0);
    await flushUsage();
    expect(attempts).toHaveBeenCalledTimes(1);

    // Ten responses inside the first backoff (0.5 s), each flushing its row as serverless does.
    const flushed: Array<Promise<number>> = [];
    for (let n = 1; n <= 10; n++) {
      record(n);
      flushed.push(flushUsage().then(() => attempts.mock.calls.length));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(attempts).toHaveBeenCalledTimes(1);
    // Each waited for the retry (its one attempt), not for nothing.
    expect(await Promise.all(flushed)).toEqual(Array(10).fill(2));
    expect((await getHealth()).usage).toMatchObject({ status: "failing", deferredRows: 11, lostRows: 0 });

    await database.restore();
    // The next flush also waits for the next retry, which writes everything kept.
    await flushUsage();
    expect(attempts).toHaveBeenCalledTimes(3);
    const rows = await prisma.requestLog.findMany({ where: { requestId: { startsWith: run } } });
    expect(rows).toHaveLength(11);
    expect((await getHealth()).usage).toMatchObject({ status: "ok", deferredRows: 0, lostRows: 0 });
  } finally {
    attempts.mockRestore();
    spy.mockRestore();
    if (!database.listening()) await database.restore();
  }
});

// Only against a real server, as the recorder's poisoned-row test (tests/integration/usage/usage-recorder.test.ts).
it.runIf(inject("databaseTarget") === "postgres")("leaves the outage's backoff when the database is back, even if it then refuses a row", async () => {
  const user = await createTestUser();
  const run = `refused-${Date.now()}`;
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((line: unknown) => (lines.push(String(line)), true));
  await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_outage_poison() RETURNS trigger AS $$
      BEGIN IF NEW."requestId" LIKE '%-poison' THEN RAISE EXCEPTION 'refused row'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_outage_poison BEFORE INSERT ON "RequestLog" FOR EACH ROW EXECUTE FUNCTION refuse_outage_poison()`);
  try {
    await database.cut();
    for (const n of ["1", "poison"])
      recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-${n}`) });
    await flushUsage();
    expect((await getHealth()).usage).toMatchObject({ deferredRows: 2 });
    await database.restore();
    // Waits for the scheduled retry: the batch is refused, then written row by row.
    await flushUsage();
    expect(await prisma.requestLog.count({ where: { requestId: { startsWith: run } } })).toBe(1);
    expect((await getHealth()).usage).toMatchObject({ status: "failing", deferredRows: 0, lostRows: 1 });
    // Reachable again: a full buffer is written at once and a next outage starts its backoff afresh.
    expect(lines.join("\n")).toMatch(/reachable again/);
  } finally {
    spy.mockRestore();
    if (!database.listening()) await database.restore();
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_outage_poison ON "RequestLog"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS refuse_outage_poison()`);
  }
});
