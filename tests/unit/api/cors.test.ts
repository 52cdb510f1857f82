import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corsHeaders, preflightResponse } from "@/lib/api/cors";
import { resetEnvCache } from "@/lib/env";

const SITE = "https://static-site.example";
const saved = { ...process.env };
const request = (origin: string | null, method = "POST") =>
  new Request("http://gateway.test/v1/chat/completions", { method, headers: origin ? { origin } : {} });

describe("CORS with CORS_ALLOWED_ORIGINS set", () => {
  beforeAll(() => {
    Object.assign(process.env, {
      DATABASE_URL: "postgresql://127.0.0.1:1/none",
      AUTH_SECRET: "a".repeat(64),
      ENCRYPTION_KEY: "b".repeat(64),
      BROWSER_TOKEN_SECRET: "c".repeat(64),
      CORS_ALLOWED_ORIGINS: "https://listed.example",
    });
    resetEnvCache();
  });
  afterAll(() => {
    process.env = saved;
    resetEnvCache();
  });

  it("lets a listed origin read answers, and an unlisted one only with a browser token bound to it", () => {
    expect(corsHeaders(request("https://listed.example"))).toMatchObject({ "access-control-allow-origin": "https://listed.example", vary: "Origin" });
    expect(corsHeaders(request(SITE))).toEqual({});
    expect(corsHeaders(request(SITE), SITE)).toMatchObject({ "access-control-allow-origin": SITE, vary: "Origin" });
    // A token bound to one site never opens answers to another.
    expect(corsHeaders(request("https://other.example"), SITE)).toEqual({});
  });

  it("answers every origin's preflight, which carries no credentials to tell token holders apart", () => {
    const preflight = preflightResponse(request(SITE, "OPTIONS"), ["POST"]);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  });
});
