import { expect, inject, vi } from "vitest";
import { MOCK_PROFILES, type MockedProvider } from "@/tests/support/stack";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

export const [A, B] = inject("appUrls");

export interface ChatAnswer {
  status: number;
  headers: Headers;
  body: { error?: { code?: string; message?: string; param?: string | null } } & Record<string, unknown>;
}

/** One chat request to one instance, raw, so a test sees every status and header. */
export async function chat(baseUrl: string, apiKey: string, headers: Record<string, string> = {}): Promise<ChatAnswer> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hello from a test" }] }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** `count` concurrent requests, alternating A, B, A, B... */
export function burst(count: number, apiKey: string, headers: Record<string, string> = {}): Promise<ChatAnswer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => chat(i % 2 === 0 ? A : B, apiKey, headers)));
}

export const statuses = (answers: ChatAnswer[]) => answers.map((answer) => answer.status);
export const count = (answers: ChatAnswer[], status: number) => answers.filter((answer) => answer.status === status).length;

export async function health(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/health`);
  return { status: response.status, body: (await response.json()) as { status: string; database: string; redis: string } };
}

/** The private Redis: kill and restart the server, or stall the proxy the instances use. */
export const redisServer = {
  stop: () => control("/stop"),
  start: () => control("/start"),
  freeze: () => control("/freeze"),
  thaw: () => control("/thaw"),
};

async function control(path: string): Promise<void> {
  const response = await fetch(`${inject("redisControlUrl")}${path}`, { method: "POST" });
  if (!response.ok) throw new Error(`redis control ${path}: ${response.status} ${await response.text()}`);
}

export async function chatCalls(provider: MockedProvider): Promise<number> {
  return (await mock.requests(provider)).filter((request) => request.path.endsWith("/chat/completions")).length;
}

/** Both instances answer from the shared Redis again (their background probe runs every 2 s). */
export async function waitForSharedRedis(timeoutMs = 10_000) {
  await vi.waitFor(
    async () => {
      for (const url of [A, B]) expect((await health(url)).body.redis).toBe("ok");
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

/**
 * The mocks count what they served (their rate-limit headers run out after a few hundred
 * requests); start each test from zero so earlier traffic never decides an outcome.
 */
export function resetMocks() {
  return mock.reset(...(Object.keys(MOCK_PROFILES) as MockedProvider[]));
}

/**
 * Each instance opens its Redis connection on its first limited request; do that before a
 * test counts anything, so a cold connect does not decide the outcome.
 */
export async function warmUp() {
  await resetMocks();
  const { plaintext } = await createGatewayUser(["groq"]);
  for (const url of [A, B]) expect((await chat(url, plaintext)).status).toBe(200);
  await waitForSharedRedis();
}
