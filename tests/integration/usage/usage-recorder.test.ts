import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { getHealth } from "@/lib/health/get-health";
import type { RouteOutcome } from "@/lib/router";
import { flushUsage, recordUsage } from "@/lib/usage/recorder";
import { createTestUser } from "@/tests/support/factories";

const outcome = (requestId: string, requestedModel: string): RouteOutcome => ({
  requestId,
  requestedModel,
  providerId: null,
  model: null,
  keyId: null,
  status: "error",
  stream: false,
  latencyMs: 1,
  promptTokens: 0,
  completionTokens: 0,
  usageEstimated: false,
  attempts: [],
  errorCode: "no_provider_keys",
});

// A row the database refuses for its own reasons (here a trigger), standing in for any failure.
beforeAll(async () => {
  await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
    BEGIN IF NEW."requestedModel" = 'poison' THEN RAISE EXCEPTION 'refused row %', NEW."requestedModel"; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_poison BEFORE INSERT ON "RequestLog" FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
});

afterAll(async () => {
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_poison ON "RequestLog"`);
  await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS refuse_poison()`);
});

describe("the usage recorder", () => {
  it("writes a batch holding unstorable text whole: that text replaced, every row kept, nothing logged", async () => {
    const user = await createTestUser();
    const run = `n${Date.now()}`;
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((line: unknown) => (lines.push(String(line)), true));
    try {
      recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-a`, "auto") });
      recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-b`, "x\u0000y") });
      recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-c`, "\uDC00") });
      await flushUsage();
    } finally {
      spy.mockRestore();
    }
    const rows = await prisma.requestLog.findMany({ where: { requestId: { startsWith: run } }, orderBy: { requestId: "asc" } });
    expect(rows.map((r) => r.requestedModel)).toEqual(["auto", "x\uFFFDy", "\uFFFD"]);
    expect(lines).toEqual([]);
  });

  // Only against a real server: on the embedded database, rows committed right after a failed
  // Prisma transaction were seen to vanish now and then (PGlite's socket session), which would
  // make this test flaky for a reason that is not the recorder's.
  it.runIf(inject("databaseTarget") === "postgres")(
    "keeps every other row when one fails, stores unstorable text replaced, says so on /api/health, logs no row values",
    async () => {
      const user = await createTestUser();
      const run = `r${Date.now()}`;
      const lines: string[] = [];
      const spy = vi.spyOn(process.stderr, "write").mockImplementation((line: unknown) => (lines.push(String(line)), true));
      try {
        recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-good`, "auto") });
        recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-nul`, "a\u0000b\uD800") });
        recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-bad`, "poison") });
        await flushUsage();
      } finally {
        spy.mockRestore();
      }
      const rows = await prisma.requestLog.findMany({ where: { requestId: { startsWith: run } }, orderBy: { requestId: "asc" } });
      expect(rows.map((r) => [r.requestId, r.requestedModel])).toEqual([
        [`${run}-good`, "auto"],
        [`${run}-nul`, "a\uFFFDb\uFFFD"],
      ]);
      const health = await getHealth();
      expect(health.status).toBe("degraded");
      expect(health.usage).toMatchObject({ status: "failing", lostRows: 1, lastErrorCode: "P0001" });
      expect(lines.join("\n")).toMatch(/Could not write 1 of 3 usage rows/);
      expect(lines.join("\n")).not.toMatch(/poison|refused row|auto|executeRaw/);
      expect(lines.join("\n")).not.toContain(user.id);

      recordUsage({ userId: user.id, apiKeyId: null, protocol: "chat_completions", at: new Date(), outcome: outcome(`${run}-later`, "auto") });
      await flushUsage();
      expect((await getHealth()).usage.status).toBe("ok");
    },
  );
});
