import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { JOBS, assertCronSecret, inProcessScheduler, isJobName } from "@/lib/jobs";

const vercel = JSON.parse(readFileSync("vercel.json", "utf8")) as { buildCommand: string; crons: Array<{ path: string; schedule: string }> };

const baseEnv = {
  DATABASE_URL: "postgresql://localhost:5432/freellmapi",
  AUTH_SECRET: "a".repeat(64),
  ENCRYPTION_KEY: "b".repeat(64),
  BROWSER_TOKEN_SECRET: "c".repeat(64),
};
const saved = { ...process.env };
function withEnv(extra: Record<string, string>) {
  process.env = { ...saved, ...baseEnv, ...extra };
  resetEnvCache();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const cronRequest = (authorization?: string) => new Request("http://x/api/cron/prune-logs", { headers: authorization ? { authorization } : {} });
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  return null;
};

describe("periodic jobs", () => {
  it("vercel.json schedules every job of the registry, and only those, at most once a day (Vercel Hobby)", () => {
    expect(vercel.crons.map((cron) => cron.path).sort()).toEqual(
      Object.keys(JOBS)
        .map((name) => `/api/cron/${name}`)
        .sort(),
    );
    for (const { schedule } of vercel.crons) expect(schedule).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it("vercel.json migrates the database before it builds", () => {
    expect(vercel.buildCommand).toBe("npm run db:migrate && npm run build");
  });

  it("knows its job names and nothing inherited", () => {
    expect(isJobName("refresh-models")).toBe(true);
    expect(isJobName("toString")).toBe(false);
    expect(isJobName("flush")).toBe(false);
  });

  it("the in-process scheduler is on by default, off on Vercel, and FREELLMAPI_SCHEDULER wins", () => {
    expect(inProcessScheduler({})).toBe(true);
    expect(inProcessScheduler({ vercel: "1" })).toBe(false);
    expect(inProcessScheduler({ setting: "on", vercel: "1" })).toBe(true);
    expect(inProcessScheduler({ setting: "off" })).toBe(false);
    withEnv({ FREELLMAPI_SCHEDULER: "" });
    expect(inProcessScheduler()).toBe(!process.env.VERCEL);
  });

  it("FREELLMAPI_SCHEDULER accepts on or off only", () => {
    withEnv({ FREELLMAPI_SCHEDULER: "sometimes" });
    expect(() => inProcessScheduler()).toThrow(/FREELLMAPI_SCHEDULER must be on or off/);
  });
});

describe("cron route authentication", () => {
  it("accepts exactly `Bearer <CRON_SECRET>`", () => {
    withEnv({ CRON_SECRET: "s".repeat(24) });
    expect(refusal(() => assertCronSecret(cronRequest(`Bearer ${"s".repeat(24)}`)))).toBeNull();
    for (const header of [undefined, `Bearer ${"s".repeat(23)}`, `Bearer ${"s".repeat(24)}x`, `bearer ${"s".repeat(24)}`, "s".repeat(24)]) {
      expect(refusal(() => assertCronSecret(cronRequest(header)))).toMatchObject({ code: "unauthorized" });
    }
  });

  it("refuses everything while CRON_SECRET is unset, and says why", () => {
    withEnv({});
    delete process.env.CRON_SECRET;
    const error = refusal(() => assertCronSecret(cronRequest("Bearer undefined")));
    expect(error).toBeInstanceOf(AppError);
    expect(error?.message).toMatch(/set CRON_SECRET/);
  });
});
