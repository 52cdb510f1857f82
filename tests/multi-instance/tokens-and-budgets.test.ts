import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGatewayUser } from "@/tests/support/gateway-fixtures";
import { A, B, chat, resetMocks, warmUp } from "./instances";

const SITE = "https://static-site.example";

async function mint(baseUrl: string, unifiedKey: string, body: unknown) {
  const response = await fetch(`${baseUrl}/v1/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${unifiedKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { token: string } };
}

// Both instances share one Redis and one database, and sign browser tokens with one secret.
describe("browser tokens and budgets across two instances", () => {
  beforeAll(warmUp);
  beforeEach(resetMocks);

  it("a token minted on instance A answers on instance B, for its origin only, and shares its end user's bucket there", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const minted = await mint(A, plaintext, { origin: SITE, identifier: "page-visitor" });
    expect(minted.status).toBe(200);

    const onB = await chat(B, minted.body.token, { origin: SITE });
    expect(onB.status).toBe(200);
    // CORS_ALLOWED_ORIGINS is unset here: any origin may read answers.
    expect(onB.headers.get("access-control-allow-origin")).toBe("*");

    // The token's end user is the same bucket whichever instance counts it: the key's 10 per
    // minute per end user, shared, so 9 more pass over both instances and the 11th is refused.
    for (let i = 0; i < 9; i++) expect((await chat(i % 2 === 0 ? A : B, minted.body.token, { origin: SITE })).status).toBe(200);
    const refused = await chat(A, minted.body.token, { origin: SITE });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe("rate_limit_exceeded");
    // Another end user of the same key is not held back by the visitor's bucket.
    expect((await chat(B, plaintext, { "x-freellmapi-identifier": "someone-else" })).status).toBe(200);
    // Instance B checks the origin the token was minted for, as A does.
    const wrongOrigin = await chat(B, minted.body.token, { origin: "https://elsewhere.example" });
    expect(wrongOrigin.status).toBe(403);
  });

  it("a monthly request cap holds over both instances: exactly the cap is answered, then quota_exceeded until the month ends", async () => {
    const { plaintext } = await createGatewayUser(["groq"], { monthlyRequestCap: 5 });
    const statuses: number[] = [];
    // No end user named: the cap is the key's (with x-freellmapi-identifier it would be each end user's).
    for (let i = 0; i < 8; i++) {
      const answer = await chat(i % 2 === 0 ? A : B, plaintext);
      statuses.push(answer.status);
      if (answer.status === 429) {
        expect(answer.body.error?.code).toBe("quota_exceeded");
        const now = new Date();
        const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
        const retryAfter = Number(answer.headers.get("retry-after"));
        expect(Math.abs(Date.now() + retryAfter * 1000 - monthEnd)).toBeLessThan(5_000);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it("a daily request cap holds over both instances", async () => {
    const { plaintext } = await createGatewayUser(["groq"], { dailyRequestCap: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await chat(i % 2 === 0 ? B : A, plaintext)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });
});
