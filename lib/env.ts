import { z } from "zod";
import { parseTrustProxy } from "@/lib/limits/client-address";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters"),
  /** Signs browser tokens (POST /v1/tokens); generated in embedded mode. */
  BROWSER_TOKEN_SECRET: z.string().min(32, "must be at least 32 characters"),
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z.string().url().optional().catch(undefined),
  REDIS_URL: optionalText,
  UPSTASH_REDIS_REST_URL: optionalText,
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  GITHUB_CLIENT_ID: optionalText,
  GITHUB_CLIENT_SECRET: optionalText,
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_NAME: z.string().default("OpenID Connect"),
  ALLOW_PRIVATE_UPSTREAMS: bool,
  REQUEST_LOG_RETENTION_DAYS: int(30),
  MAX_BODY_BYTES: int(4 * 1024 * 1024),
  GATEWAY_MAX_ATTEMPTS: int(8),
  GATEWAY_DEADLINE_MS: int(60_000),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(5_000),
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: int(30_000),
  GATEWAY_HEDGE: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  KEY_RPM: int(600),
  ACCOUNT_RPM: int(1_200),
  /** Delays between automatic rechecks of a key the gateway saw rejected (s, m or h). */
  PROVIDER_KEY_RECHECK_SCHEDULE: z
    .string()
    .regex(/^\s*\d+[smh]?\s*(,\s*\d+[smh]?\s*)*$/, "must be a comma-separated list of delays such as 10m,1h,6h")
    .default("10m,1h,6h"),
  USAGE_FLUSH_INTERVAL_MS: int(200),
  /** Response cache lifetime; 0 turns the cache off. */
  CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(3_600),
  /** Keep-alive comments while a stream waits for its first token (fractions allowed); 0 = none. */
  STREAM_HEARTBEAT_SECONDS: z.coerce.number().min(0).default(15),
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^TRUST_PROXY: /, "") });
      }
    }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** json, or pretty (the default in a terminal; JSON when stdout is not a TTY). */
  LOG_FORMAT: z
    .enum(["json", "pretty"], { error: "must be json or pretty" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Bearer token for GET /metrics; unset = the endpoint answers 404. */
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Comma-separated origins allowed to call /v1 from a browser; empty = any origin. */
  /** Bearer secret of the /api/cron/<job> routes; unset = those routes are closed. */
  CRON_SECRET: optionalText,
  /** Periodic jobs in this process (on) or from cron routes (off); unset = off on Vercel, else on. */
  FREELLMAPI_SCHEDULER: z.preprocess((value) => value || undefined, z.enum(["on", "off"], { error: "must be on or off" }).optional()),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    ),
});

export type Env = z.infer<typeof schema>;

/** How to produce each required secret, shown when one is missing. */
const REMEDIES: Record<string, string> = {
  DATABASE_URL: "a PostgreSQL URL, e.g. postgresql://user:pass@host:5432/freellmapi (unset it to use the embedded database)",
  AUTH_SECRET: "generate one with `openssl rand -hex 32`",
  ENCRYPTION_KEY: "generate one with `openssl rand -hex 32` (keep it: it decrypts stored provider keys)",
  ENCRYPTION_KEY_PREVIOUS: "the previous ENCRYPTION_KEY, 64 hex characters, or leave it unset",
  METRICS_TOKEN: "generate one with `openssl rand -hex 32`, or leave it unset to turn /metrics off",
  BROWSER_TOKEN_SECRET: "generate one with `openssl rand -hex 32` (it signs browser tokens; every instance needs the same one)",
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`freellmapi cannot start, the environment is incomplete:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const missing = source[name] === undefined || source[name] === "";
    const what = missing ? "is not set" : issue.message;
    return `${name} ${what}${REMEDIES[name] ? `: ${REMEDIES[name]}` : ""}`;
  });
  throw new EnvError(problems);
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between suites; production never calls this. */
export function resetEnvCache() {
  cached = undefined;
}

/**
 * Who runs the periodic jobs: this process (`npm start`, a long-running server) or an outside
 * scheduler calling /api/cron/<job> (serverless, where no timer outlives a request).
 * FREELLMAPI_SCHEDULER decides; unset, it is off on Vercel and on everywhere else. Here, beside the
 * setting, because the jobs and the usage recorder (which the jobs prune) both ask.
 */
export function inProcessScheduler(
  env: { setting?: "on" | "off"; vercel?: string } = { setting: getEnv().FREELLMAPI_SCHEDULER, vercel: process.env.VERCEL },
): boolean {
  if (env.setting) return env.setting === "on";
  return !env.vercel;
}
