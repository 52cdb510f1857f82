/**
 * Which Redis backend the deployment uses, read from the environment.
 * Read from `process.env` directly (not `getEnv()`) so unit tests and scripts that have no
 * DATABASE_URL can still build a config; tests pass their own object instead.
 */
export type RedisConfig =
  | { kind: "upstash"; url: string; token: string; timeoutMs: number; prefix: string }
  | { kind: "tcp"; url: string; timeoutMs: number; prefix: string }
  | { kind: "none" };

type EnvSource = Record<string, string | undefined>;

// Loopback/in-VPC TCP answers in well under a millisecond; a REST call to Upstash pays TLS + HTTP.
const DEFAULT_TIMEOUT_MS = { tcp: 100, upstash: 500 } as const;

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(text(value));
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** Upstash wins when both are set: a hosted deployment sets it on purpose. */
export function readRedisConfig(env: EnvSource = process.env): RedisConfig {
  const prefix = text(env.REDIS_KEY_PREFIX) ?? "freellmapi";
  const restUrl = text(env.UPSTASH_REDIS_REST_URL);
  const restToken = text(env.UPSTASH_REDIS_REST_TOKEN);
  if (restUrl && restToken) {
    const timeoutMs = positiveInt(env.REDIS_TIMEOUT_MS, DEFAULT_TIMEOUT_MS.upstash);
    return { kind: "upstash", url: restUrl, token: restToken, timeoutMs, prefix };
  }
  const url = text(env.REDIS_URL);
  if (url) return { kind: "tcp", url, timeoutMs: positiveInt(env.REDIS_TIMEOUT_MS, DEFAULT_TIMEOUT_MS.tcp), prefix };
  return { kind: "none" };
}
