import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { databaseErrorCode, describeDatabaseError, isDatabaseUnreachable } from "@/lib/db/database-error-code";
import { statusForCode } from "@/lib/errors";
import { log } from "@/lib/log";
import { observeRequest } from "@/lib/observability/observe-request";
import type { Protocol } from "@/lib/protocols/protocol";
import type { RouteOutcome } from "@/lib/router";
import { toStorableText } from "@/lib/validation/storable-text";
import { reportUsageDeferred, reportUsageLost, reportUsageReachable, reportUsageWritten } from "./usage-write-health";

/**
 * Usage and request logs are written off the request path: requests append to a buffer that
 * is flushed in one transaction every USAGE_FLUSH_INTERVAL_MS (200 ms; sooner when it fills) and
 * on shutdown, so no request ever waits on a database write. While the database cannot be reached
 * the rows stay in the buffer (up to MAX_DEFERRED) and are retried with backoff, so an outage of
 * seconds or minutes loses nothing and health turns ok by itself once they are written. A crash
 * loses at most that buffer.
 */
export interface UsageEvent {
  userId: string;
  apiKeyId: string | null;
  protocol: Protocol;
  outcome: RouteOutcome;
  at: Date;
}

const MAX_BUFFER = 500;
/** Rows kept for a retry while the database is unreachable; past this the oldest are dropped, and counted lost. */
const MAX_DEFERRED = 20_000;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 5_000;
/** How much longer than the retry's own delay a caller of flushUsage() waits for that retry to finish. */
const RETRY_WAIT_SLACK_MS = 5_000;
/** Rows in UsageDaily need a provider; requests nobody answered are counted under this id. */
export const NO_PROVIDER = "none";
/** Requests the response cache answered are counted under this id, so no provider's share grows. */
export const CACHE_PROVIDER = "cache";

// One buffer per process, not per bundle: Next.js loads instrumentation (whose shutdown handler
// flushes) apart from the route handlers that record, so module state would not be shared.
const slot = Symbol.for("freellmapi.usage-buffer");
/**
 * `retryMs` is 0 while the database is reachable, else the wait before the next try; `retry` is
 * set while that try is scheduled and settles once it has run.
 */
type Buffer = { events: UsageEvent[]; timer: NodeJS.Timeout | null; flushing: Promise<void>; retryMs: number; retry?: Promise<void> | null };
const state: Buffer = ((globalThis as { [slot]?: Buffer })[slot] ??= { events: [], timer: null, flushing: Promise.resolve(), retryMs: 0, retry: null });

/** A request the caller stopped (mid-stream or before any answer) is not a failure; the log keeps it as 499. */
function stoppedByCaller(outcome: RouteOutcome): boolean {
  return outcome.status === "aborted" || outcome.errorCode === "client_closed";
}

export function httpStatus(outcome: RouteOutcome): number {
  if (outcome.status === "ok") return 200;
  if (outcome.status === "aborted") return 499;
  return statusForCode(outcome.errorCode ?? "internal_error");
}

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function observeOutcome(event: UsageEvent) {
  observeRequest({
    ...event.outcome,
    protocol: event.protocol,
    userId: event.userId,
    apiKeyId: event.apiKeyId,
    requestedModel: event.outcome.requestedModel || null,
    status: httpStatus(event.outcome),
  });
}

export function recordUsage(event: UsageEvent) {
  // Every finished request's outcome passes here: its log line and metrics come from the same record.
  // A JSON answer is reported before its response is written, so they wait for the loop's next check
  // phase and the answer does not wait for them; the loop does not block for I/O while that is
  // pending, so a request that follows the answer sees them. The row is buffered at once.
  setImmediate(observeOutcome, event);
  state.events.push(event);
  // During an outage the retry timer is already set; a full buffer must not turn into a try per request.
  if (state.events.length === MAX_BUFFER && state.retryMs === 0) void flushUsage();
  else state.timer ??= setTimeout(() => void flushUsage(), getEnv().USAGE_FLUSH_INTERVAL_MS).unref();
}

// Refused by the key's own limits before routing: logged, never counted in UsageDaily.
const LIMIT_CODES = new Set(["rate_limit_exceeded", "quota_exceeded"]);

export function recordLimitRejection(apiKey: { id: string; userId: string }, requestId: string, protocol: Protocol, errorCode = "rate_limit_exceeded") {
  recordUsage({
    userId: apiKey.userId,
    apiKeyId: apiKey.id,
    protocol,
    at: new Date(),
    outcome: {
      requestId,
      requestedModel: "",
      providerId: null,
      model: null,
      keyId: null,
      status: "error",
      stream: false,
      latencyMs: 0,
      promptTokens: 0,
      completionTokens: 0,
      usageEstimated: false,
      attempts: [],
      errorCode,
    },
  });
}

// Text a client or provider chose; boundaries refuse what cannot be stored, this is the backstop
// so one odd value can never fail a batch of other people's rows.
const storable = (value: string | null) => (value === null ? null : toStorableText(value));

function storableEvent(event: UsageEvent): UsageEvent {
  const { outcome } = event;
  return {
    ...event,
    outcome: {
      ...outcome,
      requestId: toStorableText(outcome.requestId),
      requestedModel: toStorableText(outcome.requestedModel),
      providerId: storable(outcome.providerId),
      model: storable(outcome.model),
      errorCode: storable(outcome.errorCode),
      attempts: outcome.attempts.map((a) => ({ ...a, model: toStorableText(a.model) })),
    },
  };
}

async function write(batch: UsageEvent[]) {
  const events = batch.map(storableEvent);
  const daily = new Map<
    string,
    {
      userId: string;
      day: Date;
      providerId: string;
      model: string;
      apiKeyId: string;
      requests: number;
      promptTokens: number;
      completionTokens: number;
      errors: number;
      cachedRequests: number;
    }
  >();
  for (const { userId, apiKeyId, outcome, at } of events) {
    if (outcome.errorCode && LIMIT_CODES.has(outcome.errorCode)) continue;
    const row = {
      userId,
      day: utcDay(at),
      providerId: outcome.cached ? CACHE_PROVIDER : (outcome.providerId ?? NO_PROVIDER),
      model: outcome.model ?? outcome.requestedModel,
      apiKeyId: apiKeyId ?? "",
    };
    const key = `${row.userId}|${row.day.toISOString()}|${row.providerId}|${row.model}|${row.apiKeyId}`;
    const entry = daily.get(key) ?? { ...row, requests: 0, promptTokens: 0, completionTokens: 0, errors: 0, cachedRequests: 0 };
    entry.requests += 1;
    entry.promptTokens += outcome.promptTokens;
    entry.completionTokens += outcome.completionTokens;
    if (outcome.status === "error" && !stoppedByCaller(outcome)) entry.errors += 1;
    if (outcome.cached) entry.cachedRequests += 1;
    daily.set(key, entry);
  }
  const apiKeyIds = [...new Set(events.map((e) => e.apiKeyId).filter((id): id is string => !!id))];
  const providerKeyIds = [...new Set(events.map((e) => e.outcome.keyId).filter((id): id is string => !!id))];
  const now = new Date();

  // Raw statements over arrays: one parameter per column whatever the batch size, which costs a
  // fraction of what the ORM spends building a createMany of hundreds of rows.
  const groups = [...daily.values()];
  const logs = events.map(({ userId, apiKeyId, protocol, outcome, at }) => ({
    id: randomUUID(),
    at: at.toISOString(),
    userId,
    apiKeyId,
    protocol,
    outcome,
    attempts: JSON.stringify(
      outcome.attempts.map((a) => ({
        provider: a.providerId,
        model: a.model,
        keyId: a.keyId,
        outcome: a.result,
        status: a.status,
        ms: a.latencyMs,
        ...(a.hedge ? { hedge: true } : {}),
      })),
    ),
  }));
  // One statement (data-modifying CTEs are atomic together): one round trip per flush instead of a
  // transaction's six, which is most of what a flush costs the database under load.
  const at = now.toISOString();
  await prisma.$executeRaw`
    WITH daily AS (
      INSERT INTO "UsageDaily" ("id", "userId", "day", "providerId", "model", "apiKeyId", "requests", "promptTokens", "completionTokens", "errors", "cachedRequests")
      SELECT * FROM unnest(
        ${groups.map(() => randomUUID())}::text[], ${groups.map((g) => g.userId)}::text[], ${groups.map((g) => g.day.toISOString().slice(0, 10))}::date[],
        ${groups.map((g) => g.providerId)}::text[], ${groups.map((g) => g.model)}::text[], ${groups.map((g) => g.apiKeyId)}::text[],
        ${groups.map((g) => g.requests)}::int[], ${groups.map((g) => g.promptTokens)}::int[], ${groups.map((g) => g.completionTokens)}::int[], ${groups.map((g) => g.errors)}::int[],
        ${groups.map((g) => g.cachedRequests)}::int[])
      ON CONFLICT ("userId", "day", "providerId", "model", "apiKeyId") DO UPDATE SET
        "requests" = "UsageDaily"."requests" + EXCLUDED."requests",
        "promptTokens" = "UsageDaily"."promptTokens" + EXCLUDED."promptTokens",
        "completionTokens" = "UsageDaily"."completionTokens" + EXCLUDED."completionTokens",
        "errors" = "UsageDaily"."errors" + EXCLUDED."errors",
        "cachedRequests" = "UsageDaily"."cachedRequests" + EXCLUDED."cachedRequests"
    ), used_api_keys AS (
      UPDATE "ApiKey" SET "lastUsedAt" = ${at}::timestamp WHERE "id" = ANY(${apiKeyIds}::text[])
    ), used_provider_keys AS (
      UPDATE "ProviderKey" SET "lastUsedAt" = ${at}::timestamp WHERE "id" = ANY(${providerKeyIds}::text[])
    )
    INSERT INTO "RequestLog" ("id", "requestId", "createdAt", "userId", "apiKeyId", "requestedModel", "providerId", "model", "status", "stream", "latencyMs", "promptTokens", "completionTokens", "attempts", "errorCode", "protocol", "cached")
    SELECT id, request_id, created_at::timestamp, user_id, api_key_id, requested_model, provider_id, model, status, stream, latency_ms, prompt_tokens, completion_tokens, attempts::jsonb, error_code, protocol, cached
    FROM unnest(
      ${logs.map((l) => l.id)}::text[], ${logs.map((l) => l.outcome.requestId)}::text[], ${logs.map((l) => l.at)}::text[], ${logs.map((l) => l.userId)}::text[],
      ${logs.map((l) => l.apiKeyId)}::text[], ${logs.map((l) => l.outcome.requestedModel)}::text[], ${logs.map((l) => l.outcome.providerId)}::text[],
      ${logs.map((l) => l.outcome.model)}::text[], ${logs.map((l) => httpStatus(l.outcome))}::int[], ${logs.map((l) => l.outcome.stream)}::bool[],
      ${logs.map((l) => l.outcome.latencyMs)}::int[], ${logs.map((l) => l.outcome.promptTokens)}::int[], ${logs.map((l) => l.outcome.completionTokens)}::int[],
      ${logs.map((l) => l.attempts)}::text[], ${logs.map((l) => l.outcome.errorCode)}::text[], ${logs.map((l) => l.protocol)}::text[],
      ${logs.map((l) => l.outcome.cached === true)}::bool[]
    ) AS t(id, request_id, created_at, user_id, api_key_id, requested_model, provider_id, model, status, stream, latency_ms, prompt_tokens, completion_tokens, attempts, error_code, protocol, cached)`;
}

// The user or key was deleted while the row waited in the buffer: nothing left to count it for.
const OWNER_GONE = "23503";

/** One row on its own; a connection that broke under it (no database code) is given one more try. */
async function writeAlone(event: UsageEvent): Promise<unknown> {
  const once = () =>
    write([event]).then(
      () => null,
      (error: unknown) => error,
    );
  const error = await once();
  return error !== null && databaseErrorCode(error) === null ? once() : error;
}

async function writeOneByOne(events: UsageEvent[]) {
  // One after another: a failed transaction can leave the pooled connection broken for the next.
  const unreachable: Array<{ event: UsageEvent; error: unknown }> = [];
  const lost: unknown[] = [];
  for (const event of events) {
    const error = await writeAlone(event);
    if (error === null || databaseErrorCode(error) === OWNER_GONE) continue;
    if (isDatabaseUnreachable(error)) unreachable.push({ event, error });
    else lost.push(error);
  }
  if (unreachable.length > 0)
    defer(
      unreachable.map((u) => u.event),
      unreachable[0].error,
    );
  if (lost.length > 0) {
    reportUsageLost(lost.length, databaseErrorCode(lost[0]));
    log.error(`Could not write ${lost.length} of ${events.length} usage rows: ${describeDatabaseError(lost[0])}`);
    // It answered (it refused rows, it did not go away): no longer in the outage's backoff.
    if (unreachable.length === 0) reachable();
  } else if (unreachable.length === 0) written();
}

/** Puts rows the database could not take back in front of the buffer and schedules the next try. */
function defer(events: UsageEvent[], error: unknown) {
  const pending = [...events, ...state.events];
  const dropped = pending.length - MAX_DEFERRED;
  if (dropped > 0) {
    pending.splice(0, dropped);
    reportUsageLost(dropped, databaseErrorCode(error));
    log.error(`Dropped the ${dropped} oldest usage rows: the database stayed unreachable past ${MAX_DEFERRED} kept rows`);
  }
  state.events = pending;
  reportUsageDeferred(pending.length, databaseErrorCode(error));
  if (state.retryMs === 0) log.warn(`The database is unreachable (${describeDatabaseError(error)}): keeping ${pending.length} usage rows, retrying`);
  state.retryMs = state.retryMs === 0 ? RETRY_FIRST_MS : Math.min(state.retryMs * 2, RETRY_MAX_MS);
  if (state.timer) clearTimeout(state.timer);
  let ran!: () => void;
  state.retry = new Promise<void>((resolve) => (ran = resolve));
  state.timer = setTimeout(() => {
    state.retry = null;
    void writeNow().then(ran);
  }, state.retryMs).unref();
}

function written() {
  reportUsageWritten();
  reachable();
}

/** The database answered: leave the outage's backoff, so a full buffer is written at once again. */
function reachable() {
  reportUsageReachable();
  if (state.retryMs === 0) return;
  state.retryMs = 0;
  log.warn("The database is reachable again: the usage rows kept meanwhile are written");
}

/**
 * Writes everything buffered so far; safe to call at any time (shutdown, tests, after each
 * serverless response). While the database is unreachable it starts no write of its own: it waits
 * for the scheduled retry (at most RETRY_WAIT_SLACK_MS past its delay), so a request per second
 * does not become a failing attempt per second, and `after()` still keeps the function alive
 * until that retry has written the rows or failed.
 */
export function flushUsage(): Promise<void> {
  if (!state.retry) return writeNow();
  let timeout: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timeout = setTimeout(resolve, state.retryMs + RETRY_WAIT_SLACK_MS).unref()));
  return Promise.race([state.retry, bound]).finally(() => clearTimeout(timeout));
}

/**
 * Writes run one after another and each takes the buffer when it starts, not when it was queued,
 * so a slow database gets fewer, larger batches instead of a growing queue of small ones.
 */
function writeNow(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  state.flushing = state.flushing.then(writeBuffered);
  return state.flushing;
}

async function writeBuffered(): Promise<void> {
  const events = state.events;
  state.events = [];
  if (events.length === 0) return;
  try {
    await write(events);
    written();
  } catch (error) {
    if (isDatabaseUnreachable(error)) return defer(events, error);
    // Keep the rows that can be written; never log the error's text (it quotes every row).
    if (events.length > 1) log.warn(`Usage batch of ${events.length} failed (${describeDatabaseError(error)}), writing rows one by one`);
    await writeOneByOne(events).catch((failure: unknown) => log.error(`Usage write failed: ${describeDatabaseError(failure)}`));
  }
}
