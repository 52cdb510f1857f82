// `npx tsx scripts/seed-scale.ts`: fills DATABASE_URL (PostgreSQL, migrated) with the scale the
// dashboard and the key lookup are measured at (docs/BENCHMARKS.md): 10,000 users, 30,000 provider
// keys, 10,000 unified keys, 1,000,000 request-log rows over 30 days, one user ("scale-heavy@example.test")
// owning 100,000 of them, and the UsageDaily rows those requests add up to. Then it times the
// dashboard's queries for the heavy user and prints their EXPLAIN. Options (env): SCALE_USERS,
// SCALE_ROWS, SCALE_HEAVY_ROWS, SCALE_SKIP_SEED=1 (only measure), SCALE_RUNS (timed runs per query, default 40).
import pg from "pg";

const USERS = Number(process.env.SCALE_USERS ?? 10_000);
const ROWS = Number(process.env.SCALE_ROWS ?? 1_000_000);
const HEAVY_ROWS = Number(process.env.SCALE_HEAVY_ROWS ?? 100_000);
const RUNS = Number(process.env.SCALE_RUNS ?? 40);
const HEAVY = "scale-heavy";
const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) throw new Error("Set DATABASE_URL to a migrated PostgreSQL database (npm run db:migrate)");

const db = new pg.Client({ connectionString: url });
await db.connect();
const step = async (label: string, sql: string, params: unknown[] = []) => {
  const started = performance.now();
  const result = await db.query(sql, params);
  console.log(`[seed] ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
};

if (!process.env.SCALE_SKIP_SEED) {
  await db.query(`DELETE FROM "User" WHERE email LIKE 'scale-%@example.test'`);
  // User 0 is the heavy one; every other user shares the rest of the rows evenly.
  await step(
    "users",
    `INSERT INTO "User" (id, email, "updatedAt")
     SELECT CASE WHEN i = 0 THEN '${HEAVY}' ELSE 'scale-u' || i END, CASE WHEN i = 0 THEN '${HEAVY}@example.test' ELSE 'scale-' || i || '@example.test' END, now()
     FROM generate_series(0, $1 - 1) AS i`,
    [USERS],
  );
  const providers = ["groq", "gemini", "openrouter", "mistral", "cerebras", "nvidia"];
  await step(
    "provider keys (3 per user)",
    `INSERT INTO "ProviderKey" (id, "userId", "providerId", "encryptedSecret", "lastFour", status, "updatedAt")
     SELECT 'scale-pk' || u || '-' || k, CASE WHEN u = 0 THEN '${HEAVY}' ELSE 'scale-u' || u END, ($2::text[])[1 + (u + k) % 6], 'v1.scale.not-a-secret', 'abcd', 'active', now()
     FROM generate_series(0, $1 - 1) AS u, generate_series(0, 2) AS k`,
    [USERS, providers],
  );
  await step(
    "unified keys (1 per user)",
    `INSERT INTO "ApiKey" (id, "userId", name, hash, start)
     SELECT 'scale-ak' || u, CASE WHEN u = 0 THEN '${HEAVY}' ELSE 'scale-u' || u END, 'default', md5('scale' || u) || md5('key' || u), 'freellmapi-abcd'
     FROM generate_series(0, $1 - 1) AS u`,
    [USERS],
  );
  await step(
    "chain entries (3 per user)",
    `INSERT INTO "FallbackEntry" (id, "userId", position, "providerId", "updatedAt")
     SELECT 'scale-fe' || u || '-' || k, CASE WHEN u = 0 THEN '${HEAVY}' ELSE 'scale-u' || u END, k, ($2::text[])[1 + (u + k) % 6], now()
     FROM generate_series(0, $1 - 1) AS u, generate_series(0, 2) AS k`,
    [USERS, providers],
  );
  // Row i: the heavy user's for i < HEAVY_ROWS, else user 1 + i % (USERS - 1); spread over 30 days,
  // newest last; 5% errors, 1% stopped; a few protocols.
  await step(
    "request log",
    `INSERT INTO "RequestLog" (id, "requestId", "createdAt", "userId", "apiKeyId", "requestedModel", "providerId", model, status, stream, "latencyMs", "promptTokens", "completionTokens", attempts, "errorCode", protocol)
     SELECT 'scale-rl' || i, 'req_scale' || i, now() - (i % $4) * interval '1 second' * (2592000.0 / $4) - (i / $4) * interval '1 millisecond',
            u, 'scale-ak' || substr(u, 8), 'auto', ($3::text[])[1 + i % 6], 'model-' || (i % 4),
            CASE WHEN i % 100 = 0 THEN 499 WHEN i % 20 = 0 THEN 503 ELSE 200 END, i % 3 = 0, 200 + i % 900, 20 + i % 50, 5 + i % 200,
            '[{"provider":"groq","model":"model-0","outcome":"ok","status":200,"ms":250}]'::jsonb,
            CASE WHEN i % 20 = 0 AND i % 100 <> 0 THEN 'providers_unavailable' END,
            (ARRAY['chat_completions', 'responses', 'messages', 'embeddings'])[1 + i % 4]
     FROM (SELECT i, CASE WHEN i < $2 THEN '${HEAVY}' ELSE 'scale-u' || (1 + i % ($1 - 1)) END AS u FROM generate_series(0, $5 - 1) AS i) AS rows`,
    [USERS, HEAVY_ROWS, providers, Math.max(1, Math.floor(ROWS / USERS)), ROWS],
  );
  await step(
    "usage per day",
    `INSERT INTO "UsageDaily" (id, "userId", day, "providerId", model, "apiKeyId", requests, "promptTokens", "completionTokens", errors)
     SELECT 'scale-ud' || row_number() OVER (), "userId", "createdAt"::date, "providerId", model, "apiKeyId", count(*), sum("promptTokens"), sum("completionTokens"), count(*) FILTER (WHERE status >= 400 AND status <> 499)
     FROM "RequestLog" WHERE id LIKE 'scale-rl%' GROUP BY "userId", "createdAt"::date, "providerId", model, "apiKeyId"`,
  );
  // What autovacuum reaches on its own after bulk inserts; it also marks pages all-visible, which the
  // covering index's index-only scans need.
  await step("vacuum", `VACUUM ANALYZE`);
}

// The dashboard's queries for the heavy user, as Prisma sends them (lib/usage/queries*.ts).
const today = new Date(new Date().toISOString().slice(0, 10));
const start = new Date(today.getTime() - 29 * 86_400_000);
const oldest = await db.query(`SELECT "createdAt", id FROM "RequestLog" WHERE "userId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`, [
  HEAVY,
  Math.floor(HEAVY_ROWS * 0.9),
]);
const deep = oldest.rows[0] as { createdAt: Date; id: string };
const queries: Array<{ page: string; name: string; sql: string; params: unknown[] }> = [
  { page: "Overview", name: "usage today", sql: `SELECT * FROM "UsageDaily" WHERE "userId" = $1 AND day = $2`, params: [HEAVY, today] },
  {
    page: "Overview",
    name: "stopped today",
    sql: `SELECT count(*) FROM "RequestLog" WHERE "userId" = $1 AND "createdAt" >= $2 AND status = 499`,
    params: [HEAVY, today],
  },
  {
    page: "Usage (30 days)",
    name: "daily rows",
    sql: `SELECT * FROM "UsageDaily" WHERE "userId" = $1 AND day >= $2 AND day <= $3 ORDER BY day, "providerId", model`,
    params: [HEAVY, start, today],
  },
  {
    page: "Usage (30 days)",
    name: "filters",
    sql: `SELECT DISTINCT ON ("providerId", model) "providerId", model FROM "UsageDaily" WHERE "userId" = $1 AND day >= $2 AND day <= $3`,
    params: [HEAVY, start, today],
  },
  {
    page: "Usage (30 days)",
    name: "by API",
    sql: `SELECT protocol, count(*), sum("promptTokens"), sum("completionTokens") FROM "RequestLog" WHERE "userId" = $1 AND "createdAt" >= $2 GROUP BY protocol`,
    params: [HEAVY, start],
  },
  {
    page: "Requests",
    name: "first page",
    sql: `SELECT * FROM "RequestLog" WHERE "userId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
    params: [HEAVY],
  },
  {
    page: "Requests",
    name: "first page, errors only",
    sql: `SELECT * FROM "RequestLog" WHERE "userId" = $1 AND status >= 400 ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
    params: [HEAVY],
  },
  {
    page: "Requests",
    name: "deep cursor (90,000 rows in)",
    sql: `SELECT * FROM "RequestLog" WHERE "userId" = $1 AND "createdAt" <= $2 AND ("createdAt" < $2 OR id < $3) ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
    params: [HEAVY, deep.createdAt, deep.id],
  },
  {
    page: "Requests",
    name: "deep cursor, as queried before (the OR alone)",
    sql: `SELECT * FROM "RequestLog" WHERE "userId" = $1 AND ("createdAt" < $2 OR ("createdAt" = $2 AND id < $3)) ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
    params: [HEAVY, deep.createdAt, deep.id],
  },
  {
    page: "Gateway",
    name: "unified key lookup",
    sql: `SELECT id, "userId", "revokedAt" FROM "ApiKey" WHERE hash = $1`,
    params: [`${"0".repeat(32)}${"1".repeat(32)}`],
  },
];

const report: string[] = [];
for (const q of queries) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await db.query(q.sql, q.params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (x: number) => times[Math.min(times.length - 1, Math.ceil(times.length * x) - 1)].toFixed(1);
  const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.params);
  const line = `${q.page} — ${q.name}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`;
  console.log(line);
  report.push(`### ${line}`, "", "```", ...plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]), "```", "");
}
if (process.env.SCALE_REPORT) {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(process.env.SCALE_REPORT, report.join("\n"));
}
await db.end();
