import type { ClassifiedFailure } from "@/lib/providers/classify-error";
import { assertSafeUpstreamUrl } from "@/lib/providers/assert-safe-upstream-url";
import { resolveUpstream, type Upstream } from "@/lib/providers/resolve-upstream";
import type { Candidate } from "./candidate";
import { GatewayError, type ProviderState } from "./errors";
import { BREAKER, decideFailureAction } from "./failure-policy";
import { limitReachedUntil } from "./limit-check";
import { verifiedBaseUrl } from "./verified-base-url";
import type { Target, TargetSnapshot } from "./state";
import type { AttemptRecord, RouteContext, RouteOptions } from "./types";
import { usageWindows } from "./usage-windows";

export interface AttemptCall {
  upstream: Upstream;
  signal: AbortSignal;
  /** The answer is committed (a stream started flowing): the overall deadline no longer applies. */
  commit: () => void;
}

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; failure: ClassifiedFailure };

export interface AttemptRun {
  ctx: RouteContext;
  options: RouteOptions;
  candidates: Candidate[];
  promptTokens: number;
  startedAt: number;
}

export interface AttemptSuccess<T> {
  value: T;
  candidate: Candidate;
  trail: AttemptRecord[];
}

/**
 * Tries candidates in order until one answers: one state snapshot up front, skip what is blocked,
 * breaker-open or over its counted limits, act on each classified failure, bounded by max attempts
 * and the deadline. The secret is decrypted only for the candidate about to be called.
 */
export async function runAttempts<T>(run: AttemptRun, attempt: (c: Candidate, call: AttemptCall) => Promise<AttemptOutcome<T>>): Promise<AttemptSuccess<T>> {
  const { ctx, options, candidates } = run;
  const deadline = run.startedAt + options.deadlineMs;
  const windowOf = new Map<Target, Candidate>();
  for (const c of candidates) windowOf.set(c.target, c).set(c.keyTarget, c);
  const snapshot = await ctx.state.snapshot([...windowOf.keys()], (t) => usageWindows(windowOf.get(t)!.provider.limits.window, Date.now()));

  const trail: AttemptRecord[] = [];
  const states: ProviderState[] = [];
  const blockedNow = new Map<Target, number>();
  const skipModels = new Set<string>();
  let tooLargeAt: number | null = null;

  for (const c of candidates) {
    const now = Date.now();
    const skip = skipReason(c, snapshot, blockedNow, skipModels, tooLargeAt, run.promptTokens, now);
    if (skip) {
      states.push({ provider: c.providerId, model: c.model, key: c.key.label, state: skip.state, availableAt: skip.until });
      continue;
    }
    if (ctx.signal?.aborted) throw new GatewayError("client_closed", "The client closed the connection.");
    if (trail.length >= options.maxAttempts || now >= deadline) {
      states.push({ provider: c.providerId, model: c.model, key: c.key.label, state: "not_tried", availableAt: null });
      continue;
    }

    const started = Date.now();
    const outcome = await callOne(c, run, deadline, attempt);
    const latencyMs = Date.now() - started;
    if (outcome.ok) {
      trail.push({ providerId: c.providerId, model: c.model, keyId: c.key.id, result: "ok", status: 200, latencyMs });
      void ctx.state.recordSuccess(c.target).catch(() => {});
      return { value: outcome.value, candidate: c, trail };
    }
    const failure = outcome.failure;
    trail.push({ providerId: c.providerId, model: c.model, keyId: c.key.id, result: failure.kind, status: failure.status, latencyMs, message: failure.message });
    if (ctx.signal?.aborted) throw new GatewayError("client_closed", "The client closed the connection.");

    const action = decideFailureAction(c, failure, Date.now());
    if (action.type === "block") {
      blockedNow.set(action.target, action.until);
      void ctx.state.block(action.target, action.until, action.reason).catch(() => {});
    } else if (action.type === "breaker") {
      void ctx.state.recordFailure(action.target, BREAKER).catch(() => {});
    }
    if (failure.kind === "auth_invalid" && failure.status !== -1) {
      await Promise.resolve(ctx.onKeyInvalid(c.key.id, failure.message)).catch(() => {});
    }
    if (failure.kind === "model_gone" || failure.kind === "request_too_large") skipModels.add(`${c.providerId}/${c.model}`);
    if (failure.kind === "request_too_large" && c.spec) tooLargeAt = Math.max(tooLargeAt ?? 0, c.spec.contextWindow);
    states.push({ provider: c.providerId, model: c.model, key: c.key.label, state: failure.kind, availableAt: action.type === "block" ? action.until : null, message: failure.message });
  }
  throw exhausted(trail, states);
}

async function callOne<T>(c: Candidate, run: AttemptRun, deadline: number, attempt: (c: Candidate, call: AttemptCall) => Promise<AttemptOutcome<T>>): Promise<AttemptOutcome<T>> {
  let upstream: Upstream;
  try {
    const secret = run.ctx.decrypt(c.key.encryptedSecret);
    const base = c.key.baseUrl ? await verifiedBaseUrl(c.key.baseUrl, run.options.allowPrivateUpstreams, assertSafeUpstreamUrl) : null;
    upstream = resolveUpstream(c.providerId, secret, base);
  } catch (error) {
    // status -1: our side (decryption, unsafe or missing base URL); do not mark the key invalid for it.
    return { ok: false, failure: { kind: "auth_invalid", status: -1, message: (error as Error).message, upstreamCode: null, retryAfterMs: null } };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("deadline")), Math.max(0, deadline - Date.now()));
  const onClientAbort = () => controller.abort(run.ctx.signal?.reason);
  run.ctx.signal?.addEventListener("abort", onClientAbort, { once: true });
  let committed = false;
  try {
    return await attempt(c, { upstream, signal: controller.signal, commit: () => ((committed = true), clearTimeout(timer)) });
  } finally {
    clearTimeout(timer);
    if (!committed) run.ctx.signal?.removeEventListener("abort", onClientAbort);
  }
}

function skipReason(
  c: Candidate,
  snapshot: Map<Target, TargetSnapshot>,
  blockedNow: Map<Target, number>,
  skipModels: Set<string>,
  tooLargeAt: number | null,
  promptTokens: number,
  now: number,
): { state: string; until: number | null } | null {
  for (const t of [c.keyTarget, c.target]) {
    const until = blockedNow.get(t);
    if (until !== undefined && until > now) return { state: "blocked", until };
    const s = snapshot.get(t);
    if (s?.blockedUntil && s.blockedUntil > now) return { state: s.reason ?? "blocked", until: s.blockedUntil };
    if (s?.breaker.state === "open") return { state: "circuit_open", until: s.breaker.retryAt };
  }
  if (skipModels.has(`${c.providerId}/${c.model}`)) return { state: "skipped", until: null };
  if (tooLargeAt !== null && c.spec && c.spec.contextWindow <= tooLargeAt) return { state: "too_small", until: null };
  const window = c.provider.limits.window;
  const modelUsage = snapshot.get(c.target)?.usage;
  const keyUsage = snapshot.get(c.keyTarget)?.usage;
  const until =
    (modelUsage && limitReachedUntil(c.spec?.limits, modelUsage, window, promptTokens, now)) ||
    (keyUsage && limitReachedUntil(c.provider.limits, keyUsage, window, promptTokens, now));
  return until ? { state: "limit_reached", until } : null;
}

function exhausted(trail: AttemptRecord[], states: ProviderState[]): GatewayError {
  if (trail.length > 0 && trail.every((t) => t.result === "bad_request_provider_specific")) {
    return new GatewayError("invalid_request", `Every provider rejected the request: ${trail[0].message ?? "bad request"}`, { providers: states, attempts: trail });
  }
  const now = Date.now();
  const times = states.map((s) => s.availableAt).filter((t): t is number => t !== null && t > now);
  const retryAfterSeconds = times.length > 0 ? Math.max(1, Math.ceil((Math.min(...times) - now) / 1000)) : null;
  const message =
    trail.length === 0
      ? "Every provider in your chain is cooling down or over its free-tier limit right now."
      : `All ${trail.length} attempt(s) failed; last: ${trail[trail.length - 1].providerId}/${trail[trail.length - 1].model}: ${trail[trail.length - 1].message ?? trail[trail.length - 1].result}`;
  return new GatewayError("all_providers_exhausted", message, { retryAfterSeconds, providers: states.slice(0, 50), attempts: trail });
}
