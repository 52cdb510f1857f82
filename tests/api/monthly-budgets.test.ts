import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";

const ask = (client: OpenAI) => client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] }).withResponse();

function secondsToMonthEnd(): number {
  const now = new Date();
  return (Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - now.getTime()) / 1000;
}

describe("monthly budgets per unified key", () => {
  beforeEach(() => mock.reset("groq"));

  it("a cap of 3 requests a month: the 4th is 429 quota_exceeded with Retry-After to the month's end", async () => {
    const { client, user } = await createGatewayUser(["groq"], { monthlyRequestCap: 3 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) remaining.push((await ask(client)).response.headers.get("x-ratelimit-remaining")!);
    expect(remaining).toEqual(["2", "1", "0"]);

    const error = (await ask(client).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe("quota_exceeded");
    expect(error.type).toBe("rate_limit_error");
    expect(error.message).toMatch(/monthly requests budget/);
    const retryAfter = Number(error.headers.get("retry-after"));
    expect(Math.abs(retryAfter - secondsToMonthEnd())).toBeLessThan(5);
    const now = new Date();
    expect(Number(error.headers.get("x-ratelimit-reset"))).toBe(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000);
    // The refusal never reached a provider and is logged under its own code.
    expect((await mock.requests("groq")).filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(3);
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } }),
      (rows) => rows.length === 4,
    );
    expect(logs.map((log) => log.errorCode)).toEqual([null, null, null, "quota_exceeded"]);
  });

  it("answers the Anthropic surface in its envelope, and the monthly token cap counts recorded tokens", async () => {
    const { plaintext, client } = await createGatewayUser(["groq"], { monthlyTokenCap: 1 });
    expect((await ask(client)).response.status).toBe(200);
    // Tokens are recorded after the answer, off the request path.
    const anthropic = new Anthropic({ baseURL: inject("appUrl"), apiKey: plaintext, maxRetries: 0 });
    const refused = await eventually(
      () =>
        anthropic.messages.create({ model: "auto", max_tokens: 16, messages: [{ role: "user", content: "hi" }] }).then(
          () => null,
          (e: unknown) => e,
        ),
      (e) => e !== null,
    );
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    const body = (refused as InstanceType<typeof Anthropic.RateLimitError>).error as { error: { type: string; code: string } };
    expect(body.error).toMatchObject({ type: "rate_limit_error", code: "quota_exceeded" });
  });
});
