import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { anthropicErrorResponse } from "@/lib/api/anthropic-error";
import { AppError } from "@/lib/errors";
import { anthropicStreamErrorType } from "@/lib/protocols/anthropic/error-type";
import { GatewayError } from "@/lib/router";

/** What the official SDK makes of an error answer: the class it raises and the type it reads. */
async function asSdkError(response: Response) {
  const body = await response.json();
  return { error: Anthropic.APIError.generate(response.status, body, undefined, response.headers), body };
}

describe("Anthropic's error envelope", () => {
  it("gives each status Anthropic's type, so the SDK raises the matching class", async () => {
    const cases: Array<[AppError | GatewayError, number, string, abstract new (...args: never[]) => InstanceType<typeof Anthropic.APIError>]> = [
      [new AppError("invalid_request", "bad"), 400, "invalid_request_error", Anthropic.BadRequestError],
      [new AppError("invalid_api_key", "no"), 401, "authentication_error", Anthropic.AuthenticationError],
      [new AppError("model_not_allowed", "no"), 403, "permission_error", Anthropic.PermissionDeniedError],
      [new GatewayError("model_not_found", "no"), 404, "not_found_error", Anthropic.NotFoundError],
      [new AppError("payload_too_large", "big"), 413, "request_too_large", Anthropic.ContentTooLargeError],
      [new AppError("service_unavailable", "later"), 503, "overloaded_error", Anthropic.ServiceUnavailableError],
      [new AppError("internal_error", "oops"), 500, "api_error", Anthropic.InternalServerError],
    ];
    for (const [thrown, status, type, errorClass] of cases) {
      const response = anthropicErrorResponse(thrown, "req_1");
      expect(response.status).toBe(status);
      const { error, body } = await asSdkError(response);
      expect(body).toMatchObject({ type: "error", error: { type, message: thrown.message }, request_id: "req_1" });
      expect(error).toBeInstanceOf(errorClass);
      expect(error.type).toBe(type);
      expect(error.requestID).toBe("req_1");
    }
  });

  it("sends retry-after once on a 429, over the limiter's own header", async () => {
    const response = anthropicErrorResponse(new GatewayError("all_providers_exhausted", "busy", { retryAfterSeconds: 21 }), "req_2", {
      "Retry-After": "21",
      "x-ratelimit-limit": "60",
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("21");
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");
    expect(response.headers.get("request-id")).toBe("req_2");
    expect((await asSdkError(response)).error).toBeInstanceOf(Anthropic.RateLimitError);
  });
});

describe("Anthropic's in-stream error type", () => {
  it("maps a code of the gateway's table as the same failure before the stream, and reads a provider's words otherwise", () => {
    expect(anthropicStreamErrorType("no one answered", "providers_unavailable")).toBe("overloaded_error");
    expect(anthropicStreamErrorType("slow down", "rate_limit_exceeded")).toBe("rate_limit_error");
    expect(anthropicStreamErrorType("too long", "context_length_exceeded")).toBe("invalid_request_error");
    // Not the gateway's codes: what the provider said decides.
    expect(anthropicStreamErrorType("Model is overloaded, try again", "upstream_stream_error")).toBe("overloaded_error");
    expect(anthropicStreamErrorType("The stream ended before the answer was complete.", "upstream_stream_error")).toBe("api_error");
    expect(anthropicStreamErrorType("capacity exceeded", null)).toBe("overloaded_error");
    // A code that only looks like a table key on the prototype chain is not one.
    expect(anthropicStreamErrorType("x", "toString")).toBe("api_error");
  });
});
