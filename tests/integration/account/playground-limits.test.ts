import { describe, expect, it } from "vitest";
import { POST as playgroundChat } from "@/app/api/account/playground/chat/route";
import { assertRequestLimits } from "@/lib/limits";
import { createTestUser } from "@/tests/support/factories";
import { call } from "./account-client";

// Read when this file's limiter is first used: a small account budget, a generous per-key one.
process.env.ACCOUNT_RPM = "4";
process.env.KEY_RPM = "1000";

const chat = { model: "auto", messages: [{ role: "user", content: "hi" }] };

describe("the playground", () => {
  it("counts against the same account limit as the user's unified keys", async () => {
    const user = await createTestUser();
    await assertRequestLimits({ userId: user.id, apiKeyId: "key-a" });
    await assertRequestLimits({ userId: user.id, apiKeyId: "key-b" });
    for (let i = 0; i < 2; i++) {
      const res = await call(playgroundChat, { method: "POST", user, body: chat });
      expect(res.status).not.toBe(429);
    }
    const refused = await call(playgroundChat, { method: "POST", user, body: chat });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await call(playgroundChat, { method: "POST", user: await createTestUser(), body: chat });
    expect(other.status).not.toBe(429);
  });
});
