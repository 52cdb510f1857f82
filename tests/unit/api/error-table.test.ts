import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError } from "@/lib/errors/describe-error";
import { errorResponse } from "@/lib/api/json-error";
import { openAiErrorResponse } from "@/lib/api/openai-error";
import { AppError, ERROR_STATUS, describeZodIssue, statusForCode, toAppError } from "@/lib/errors";
import { InvalidIdentifierError, RateLimitExceededError } from "@/lib/limits";
import { KeyCheckError } from "@/lib/provider-keys/validate-provider-key";
import { GatewayError } from "@/lib/router";

const zodError = (body: unknown) => z.object({ messages: z.array(z.object({ role: z.string() })) }).safeParse(body).error!;

describe("the error code table", () => {
  it("gives every domain error its status from its code, whatever its class", () => {
    const cases: Array<[AppError, number]> = [
      [new AppError("not_found", "none"), 404],
      [new InvalidIdentifierError(), 400],
      [new RateLimitExceededError("key_rpm", 3, {}), 429],
      [new RateLimitExceededError("monthly_requests", 60, {}), 429],
      [new GatewayError("provider_keys_invalid", "fix them"), 424],
      [new GatewayError("client_closed", "gone"), 499],
      [new KeyCheckError("auth_invalid", "rejected"), 400],
    ];
    for (const [error, status] of cases) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).not.toHaveProperty("status");
      expect(ERROR_STATUS[error.code]).toBe(status);
      expect(describeError(error).status).toBe(status);
    }
    expect(new RateLimitExceededError("monthly_requests", 60, {}).code).toBe("quota_exceeded");
    expect(statusForCode("upstream_stream_error")).toBe(500);
  });

  it("names the first bad field of a failed parse as param, in the message too", () => {
    expect(describeZodIssue(zodError({ messages: [{ role: 1 }] }))).toEqual({
      param: "messages.0.role",
      message: expect.stringMatching(/^messages\.0\.role: /),
    });
    const known = toAppError(zodError({ messages: [{ role: 1 }] }));
    expect(known).toMatchObject({ code: "invalid_request", param: "messages.0.role" });
    expect(toAppError(new Error("boom"))).toBeNull();
  });

  it("answers a limit refusal with its headers and one Retry-After", async () => {
    const error = new RateLimitExceededError("key_rpm", 7, { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "Retry-After": "7" });
    const response = openAiErrorResponse(error, "req_1");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("x-ratelimit-limit")).toBe("10");
    expect((await response.json()).error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded", param: null, request_id: "req_1" });
  });

  it("redacts a gateway error's upstream text as it leaves and adds where each provider stood", () => {
    const secret = ["gsk", "abcdefghijklmnop1234"].join("_");
    const error = new GatewayError("providers_unavailable", `groq said: bad key ${secret}`, {
      providers: [{ provider: "groq", model: "m", key: "main …1234", state: "error", availableAt: null, message: `key ${secret}` }],
    });
    const parts = describeError(error);
    expect(parts.status).toBe(503);
    expect(parts.message).not.toContain(secret);
    expect(JSON.stringify(parts.details)).not.toContain(secret);
    expect(parts.details).toMatchObject({ providers: [{ provider: "groq", state: "error" }] });
    expect(describeError(new GatewayError("providers_unavailable", "down")).details).toEqual({});
  });

  it("answers a database that cannot be reached with 503 and Retry-After, on both surfaces, never quoting the driver", async () => {
    // What Prisma throws when the one embedded connection is busy past the pool's timeout, and when a server refuses.
    const poolTimeout = Object.assign(new Error("timeout exceeded when trying to connect"), { clientVersion: "7.0.0" });
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432 postgres://app:hunter2@db"), { code: "P1001", clientVersion: "7.0.0" });
    for (const error of [poolTimeout, refused]) {
      const response = openAiErrorResponse(error, "req_5");
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const body = await response.json();
      expect(body.error).toMatchObject({ type: "server_error", code: "service_unavailable", request_id: "req_5" });
      expect(JSON.stringify(body)).not.toMatch(/hunter2|ECONNREFUSED|timeout exceeded/);
      expect(errorResponse(error, "req_6").status).toBe(503);
    }
    expect(toAppError(Object.assign(new Error("unique constraint"), { code: "P2002", clientVersion: "7.0.0" }))).toBeNull();
  });

  it("gives the identifier error its header as param", () => {
    expect(describeError(new InvalidIdentifierError())).toMatchObject({ status: 400, code: "invalid_identifier", param: "x-freellmapi-identifier" });
  });

  it("maps the dashboard's errors through the same table, and hides anything unknown", async () => {
    const missing = errorResponse(new AppError("not_found", "No API key matches"), "req_2");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No API key matches", requestId: "req_2" } });
    const parse = errorResponse(zodError({}), "req_3");
    expect(parse.status).toBe(400);
    expect((await parse.json()).error).toMatchObject({ code: "invalid_request", param: "messages" });
    const unknown = errorResponse(new Error("connection string with hunter2"), "req_4");
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(await unknown.json())).not.toContain("hunter2");
  });
});
