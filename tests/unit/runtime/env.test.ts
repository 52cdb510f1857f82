import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://localhost:5432/freellmapi",
  AUTH_SECRET: "a".repeat(64),
  ENCRYPTION_KEY: "b".repeat(64),
  BROWSER_TOKEN_SECRET: "c".repeat(64),
};

describe("environment validation", () => {
  it("applies defaults to a minimal valid environment", () => {
    const env = parseEnv(valid);
    expect(env.MAX_BODY_BYTES).toBe(4 * 1024 * 1024);
    expect(env.GATEWAY_MAX_ATTEMPTS).toBe(8);
    expect(env.REQUEST_LOG_RETENTION_DAYS).toBe(30);
    expect(env.ALLOW_PRIVATE_UPSTREAMS).toBe(false);
  });

  it("names every missing secret with how to make it, in one error", () => {
    const error = (() => {
      try {
        parseEnv({ DATABASE_URL: valid.DATABASE_URL });
      } catch (caught) {
        return caught as EnvError;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error?.problems).toHaveLength(3);
    expect(error?.message).toMatch(/AUTH_SECRET is not set: generate one with `openssl rand -hex 32`/);
    expect(error?.message).toMatch(/ENCRYPTION_KEY is not set/);
    expect(error?.message).toMatch(/BROWSER_TOKEN_SECRET is not set: generate one with `openssl rand -hex 32` \(it signs browser tokens/);
  });

  it("rejects a malformed encryption key without echoing it", () => {
    expect(() => parseEnv({ ...valid, ENCRYPTION_KEY: "not-hex-secret-value" })).toThrow(/ENCRYPTION_KEY must be 64 hex characters/);
    expect(() => parseEnv({ ...valid, ENCRYPTION_KEY: "not-hex-secret-value" })).not.toThrow(/not-hex-secret-value/);
  });

  it("npm start refuses to boot in server mode without the secrets", () => {
    const env = { ...process.env, DATABASE_URL: "postgresql://127.0.0.1:1/none", AUTH_SECRET: "", ENCRYPTION_KEY: "", BROWSER_TOKEN_SECRET: "" };
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/freellmapi cannot start, the environment is incomplete/);
    expect(result.stderr).toMatch(/AUTH_SECRET is not set/);
    expect(result.stderr).toMatch(/BROWSER_TOKEN_SECRET is not set/);
  }, 60_000);
});
