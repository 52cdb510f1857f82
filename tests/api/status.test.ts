import { beforeEach, describe, expect, inject, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock, TEST_KEYS } from "@/tests/support/gateway-fixtures";

const base = () => inject("appUrl");
const status = (key: string) => fetch(`${base()}/v1/status`, { headers: { authorization: `Bearer ${key}` } });

interface KeyStatus {
  key: { label: string | null; last_four: string; masked: string };
  state: string;
  until: string | null;
  reason: string | null;
  windows: Array<{ metric: string; period: string; used: number; limit: number; resets_at: string }>;
  models: Array<{ model: string; state: string; until: string | null; reason: string | null; windows: unknown[] }>;
}
interface StatusBody {
  object: string;
  now: string;
  chain: Array<{ position: number; provider: string; enabled: boolean; keys: KeyStatus[] }>;
  cache: { enabled: boolean; ttl_seconds: number; key_enabled: boolean; today: { requests: number; hits: number; hit_rate: number | null } };
}

/** The key's own state, or the state of the first of its models that is not ready. */
const worstState = (key: KeyStatus) => (key.state !== "ready" ? key : (key.models.find((m) => m.state !== "ready") ?? key));

describe("GET /v1/status", () => {
  beforeEach(() => mock.reset("groq", "gemini", "mistral"));

  it("refuses a missing or wrong key in OpenAI's envelope", async () => {
    const missing = await fetch(`${base()}/v1/status`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { type: string; code: string } }).error).toMatchObject({
      type: "authentication_error",
      code: "invalid_api_key",
    });
    const wrong = await status("freellmapi-not-a-real-key");
    expect(wrong.status).toBe(401);
    const post = await fetch(`${base()}/v1/status`, { method: "POST", headers: { authorization: "Bearer x" } });
    expect(post.status).toBe(405);
  });

  it("shows the chain in order with a cooling-down, a benched, a ready and an invalid key, masked, and the cache hit rate", async () => {
    const { client, plaintext, user } = await createGatewayUser(["groq", "gemini", "mistral"], { responseCache: true });
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 120 });
    await mock.faults("gemini", [], { kind: "rate-limit", window: "day" });
    const minute = () => Math.floor(Date.now() / 60_000);
    const askedMinute = minute();
    const { response } = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "who is up?" }] }).withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("mistral");
    await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "who is up?" }] });
    const dead = "gsk_dead_" + "k".repeat(8) + "beef";
    await prisma.providerKey.create({
      data: {
        userId: user.id,
        providerId: "groq",
        label: "old groq",
        encryptedSecret: encryptSecret(dead),
        lastFour: dead.slice(-4),
        status: "invalid",
        statusReason: "rejected by the provider",
      },
    });

    const read = async () => (await (await status(plaintext)).json()) as StatusBody;
    const body = await eventually(read, (b) => b.cache.today.requests === 2);
    expect(body.object).toBe("gateway.status");
    expect(body.chain.map((entry) => [entry.position, entry.provider])).toEqual([
      [0, "groq"],
      [1, "gemini"],
      [2, "mistral"],
    ]);
    const [groq, gemini, mistral] = body.chain;

    const cooling = worstState(groq.keys[0]);
    expect(cooling.state).toBe("cooling_down");
    expect(Date.parse(cooling.until!)).toBeGreaterThan(Date.now() + 60_000);
    expect(groq.keys[1]).toMatchObject({
      key: { label: "old groq", last_four: "beef", masked: "old groq ····beef" },
      state: "invalid",
      reason: "rejected by the provider",
    });

    const benched = worstState(gemini.keys[0]);
    expect(benched).toMatchObject({ state: "benched", reason: "quota_exhausted" });
    expect(Date.parse(benched.until!)).toBeGreaterThan(Date.now());

    expect(mistral.keys[0].state).toBe("ready");
    expect(mistral.keys[0].models.every((m) => m.state === "ready")).toBe(true);
    const counted = [...mistral.keys[0].windows, ...mistral.keys[0].models.flatMap((m) => m.windows as KeyStatus["windows"])];
    // Mistral counts requests per minute and tokens per month: the month's tokens always show the
    // answer; its minute's request only while that minute lasts (a run can cross into the next one).
    expect(counted.some((w) => w.metric === "tokens" && w.period === "month" && w.used >= 1 && w.limit > 0)).toBe(true);
    if (minute() === askedMinute) expect(counted.some((w) => w.metric === "requests" && w.period === "minute" && w.used >= 1 && w.limit > 0)).toBe(true);

    expect(body.cache).toMatchObject({ enabled: true, ttl_seconds: 3600, key_enabled: true, today: { requests: 2, hits: 1, hit_rate: 0.5 } });
    // Masked keys only: no secret in the answer.
    const text = JSON.stringify(body);
    for (const secret of [TEST_KEYS.groq, TEST_KEYS.gemini, TEST_KEYS.mistral, dead]) expect(text).not.toContain(secret);
  });
});
