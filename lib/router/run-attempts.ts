import type { ClassifiedFailure } from "@/lib/providers/classify-error";
import { assertSafeUpstreamUrl } from "@/lib/providers/assert-safe-upstream-url";
import { resolveUpstream, type Upstream } from "@/lib/providers/resolve-upstream";
import { providerTargetOf, type Candidate } from "./candidate";
import { GatewayError, type ProviderState } from "./errors";
import { exhaustedError } from "./exhausted-error";
import { BREAKER, decideFailureAction, PROVIDER_BREAKER } from "./failure-policy";
import { firstReadKey, firstReadSize, rememberLeadingSkips } from "./first-read";
import { firstTokenDeadlineMs, hedgeDelayMs } from "./first-token-policy";
import { limitReachedUntil } from "./limit-check";
import { verifiedBaseUrl } from "./verified-base-url";
import type { BlockReason, Target, TargetSnapshot } from "@/lib/routing-state/state";
import type { AttemptRecord, RouteContext, RouteOptions, RoutingFreshness } from "./types";
import { firstTokenTimeout } from "./upstream-client";
import { usageWindows } from "./usage-windows";

export interface AttemptCall {
  upstream: Upstream;
  signal: AbortSignal;
  /** The first token arrived: the attempt has won, its deadlines no longer apply. */
  commit: () => void;
}

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; failure: ClassifiedFailure };

export interface AttemptRun {
  ctx: RouteContext;
  options: RouteOptions;
  candidates: Candidate[];
  promptTokens: number;
  startedAt: number;
  /** Earlier tries of this request (a bounded wait retries); counts toward the attempt budget. */
  trail?: AttemptRecord[];
  /** Checked against the routing version read with the first snapshot. */
  freshness?: RoutingFreshness;
}

/** The caller's chain and keys changed on another instance since they were cached: nothing was called yet. */
export class StaleRoutingError extends Error {
  constructor() {
    super("The caller's routing changed since it was read.");
    this.name = "StaleRoutingError";
  }
}

export interface AttemptSuccess<T> {
  value: T;
  candidate: Candidate;
  trail: AttemptRecord[];
}

type Attempt<T> = (c: Candidate, call: AttemptCall) => Promise<AttemptOutcome<T>>;

interface Running {
  c: Candidate;
  hedge: boolean;
  started: number;
  controller: AbortController;
  committed: boolean;
  firstTokenAt?: number;
}

const hedgeLost = () => Object.assign(new Error("another attempt answered first"), { code: "HEDGE_LOST" });

/** pick() reached candidates the snapshot does not cover yet. */
const MORE = Symbol("more");

/**
 * Tries candidates in order until one answers: the state of the first candidates read up front
 * (alongside the caller's limit check), more only when those run out; skip what is blocked,
 * breaker-open, over its counted limits or on a provider found down in this request, act on each
 * classified failure, bounded by max attempts and the deadline. When the attempt in flight has no
 * first token by its usual p95, the next candidate starts alongside (one hedge by default); the
 * first token wins and the other is aborted without counting as a failure.
 */
export async function runAttempts<T>(run: AttemptRun, attempt: Attempt<T>): Promise<AttemptSuccess<T>> {
  const { ctx, options, candidates } = run;
  const deadline = run.startedAt + options.deadlineMs;
  // The snapshot covers the candidates about to be tried: first those the caller's last request
  // needed (first-read.ts), then twice the attempt budget at a time (some are skipped). So a long
  // `auto` chain costs no more to read than a short one.
  const page = Math.max(1, options.maxAttempts * 2);
  const readKey = candidates.length > 0 ? firstReadKey(run.freshness?.userId, candidates[0]) : "";
  let readSize = firstReadSize(readKey, page);
  const snapshot = new Map<Target, TargetSnapshot>();
  let covered = 0;
  let unchecked = run.freshness;
  const extend = async () => {
    const windowOf = new Map<Target, Candidate>();
    for (const c of candidates.slice(covered, covered + readSize)) {
      for (const t of [c.target, c.keyTarget, providerTargetOf(c)]) if (!snapshot.has(t) && !windowOf.has(t)) windowOf.set(t, c);
    }
    covered = Math.min(candidates.length, covered + readSize);
    readSize = page;
    const targets = [...windowOf.keys()];
    const windows = (t: Target) => usageWindows(windowOf.get(t)!.provider.limits.window, Date.now());
    let read: Map<Target, TargetSnapshot>;
    if (unchecked) {
      // The routing version comes with the first read, in the same round trip.
      const versioned = await ctx.state.snapshotFor(unchecked.userId, targets, windows);
      if (!unchecked.isCurrent(versioned.version)) throw new StaleRoutingError();
      unchecked = undefined;
      read = versioned.targets;
    } else read = await ctx.state.snapshot(targets, windows);
    for (const [t, s] of read) snapshot.set(t, s);
  };
  await Promise.all([extend(), ctx.admitted]);

  const trail: AttemptRecord[] = run.trail ?? [];
  const budget = trail.length + options.maxAttempts;
  let launched = trail.length;
  const firstLaunch = launched;
  // Candidates skipped before this run's first call, remembered for the caller's next first read.
  let leadingSkips = 0;
  const states: ProviderState[] = [];
  const skip: SkipMemory = { blockedNow: new Map(), models: new Set(), providers: new Set(), tooLargeAt: null };
  let hedgesLeft = options.hedge && !ctx.strict ? 1 : 0;
  let lanes = 1;
  let cursor = 0;

  const inFlight: Running[] = [];
  const settled: Array<{ r: Running; outcome: AttemptOutcome<T> }> = [];
  let wake: () => void = () => {};
  const record = (r: Running, result: AttemptRecord["result"], status: number, message?: string) =>
    trail.push({
      providerId: r.c.providerId,
      model: r.c.model,
      keyId: r.c.key.id,
      result,
      status,
      latencyMs: Date.now() - r.started,
      ...(r.firstTokenAt !== undefined ? { firstTokenMs: r.firstTokenAt - r.started } : {}),
      ...(message ? { message } : {}),
      ...(r.hedge ? { hedge: true } : {}),
    });
  const drop = (r: Running) => inFlight.splice(inFlight.indexOf(r), 1);
  const abandon = (r: Running) => {
    drop(r);
    r.controller.abort(hedgeLost());
    record(r, "hedge_lost", 0);
    states.push({ provider: r.c.providerId, model: r.c.model, key: r.c.key.label, state: "hedge_lost", availableAt: null });
  };
  const closed = () => {
    for (const r of [...inFlight]) r.controller.abort(ctx.signal?.reason);
    return new GatewayError("client_closed", "The client closed the connection.");
  };

  // The next candidate in order; alongside a late attempt, preferably one on another provider.
  const used = new Array<boolean>(candidates.length).fill(false);
  const pick = (avoid: Set<Target>): Candidate | null | typeof MORE => {
    for (let i = cursor; i < candidates.length; i++) {
      if (used[i]) continue;
      const c = candidates[i];
      const now = Date.now();
      const spent = launched >= budget || now >= deadline;
      if (i >= covered && !spent) return MORE;
      const why = i < covered ? skipReason(c, snapshot, skip, run.promptTokens, now) : null;
      if (!why && !spent && avoid.has(providerTargetOf(c))) continue;
      used[i] = true;
      if (i === cursor) while (cursor < candidates.length && used[cursor]) cursor++;
      if (why && launched === firstLaunch) leadingSkips++;
      if (why) states.push({ provider: c.providerId, model: c.model, key: c.key.label, state: why.state, availableAt: why.until });
      else if (spent) states.push({ provider: c.providerId, model: c.model, key: c.key.label, state: "not_tried", availableAt: null });
      else return c;
    }
    return null;
  };
  const next = async (): Promise<Candidate | null> => {
    for (;;) {
      const busy = new Set(inFlight.map((r) => providerTargetOf(r.c)));
      let found = busy.size > 0 ? pick(busy) : null;
      if (found === null) found = pick(new Set());
      if (found !== MORE) return found;
      await extend();
    }
  };
  // A half-open breaker's one probe is claimed only now, right before its target is called.
  const claimProbes = async (c: Candidate): Promise<boolean> => {
    for (const t of [c.keyTarget, c.target, providerTargetOf(c)]) {
      if (snapshot.get(t)?.breaker.state !== "half_open") continue;
      if (await ctx.state.claimProbe(t).catch(() => false)) continue;
      const state = t === providerTargetOf(c) ? "provider_down" : "circuit_open";
      states.push({ provider: c.providerId, model: c.model, key: c.key.label, state, availableAt: null });
      return false;
    }
    return true;
  };
  const launch = (c: Candidate, hedge: boolean) => {
    if (launched === firstLaunch) rememberLeadingSkips(readKey, leadingSkips);
    launched++;
    const r: Running = { c, hedge, started: Date.now(), controller: new AbortController(), committed: false };
    inFlight.push(r);
    const commit = () => {
      if (r.controller.signal.aborted) return;
      r.committed = true;
      r.firstTokenAt = Date.now();
      for (const other of [...inFlight]) if (other !== r) abandon(other);
      wake();
    };
    void callOne(c, run, r.controller, deadline, commit, attempt).then((outcome) => {
      if (!inFlight.includes(r)) return; // abandoned: already in the trail
      settled.push({ r, outcome });
      wake();
    });
  };

  for (;;) {
    if (ctx.signal?.aborted) throw closed();
    const done = settled.shift();
    if (done) {
      const { r, outcome } = done;
      drop(r);
      if (outcome.ok) {
        record(r, "ok", 200);
        for (const other of [...inFlight]) abandon(other);
        // Only a breaker with failures on record needs the write (it costs a round trip with Redis).
        for (const t of [r.c.target, providerTargetOf(r.c)]) {
          const breaker = snapshot.get(t)?.breaker;
          if (breaker && (breaker.state !== "closed" || breaker.consecutiveFailures > 0)) void ctx.state.recordSuccess(t).catch(() => {});
        }
        return { value: outcome.value, candidate: r.c, trail };
      }
      if (ctx.signal?.aborted) throw closed();
      record(r, outcome.failure.kind, outcome.failure.status, outcome.failure.message);
      await learn(r.c, outcome.failure, ctx, skip, states);
      continue;
    }
    // Once hedged, two attempts stay in flight until one produces a token (a failed one is replaced).
    while (inFlight.length < lanes && !inFlight.some((r) => r.committed)) {
      const c = await next();
      if (!c) break;
      if (!(await claimProbes(c))) continue;
      if (inFlight.some((r) => r.committed)) break; // another attempt won while this one was being picked
      launch(c, inFlight.length > 0);
    }
    if (inFlight.length === 0) break;
    const lead = inFlight.length === 1 && !inFlight[0].committed && hedgesLeft > 0 ? inFlight[0] : null;
    const hedgeAt = lead ? lead.started + hedgeDelayMs(lead.c.providerId, lead.c.model) : null;
    const timedOut = await new Promise<boolean>((resolve) => {
      const finish = (value: boolean) => {
        if (timer) clearTimeout(timer);
        ctx.signal?.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const onAbort = () => finish(false);
      const timer = hedgeAt !== null ? setTimeout(() => finish(true), Math.max(0, hedgeAt - Date.now())) : null;
      ctx.signal?.addEventListener("abort", onAbort, { once: true });
      wake = () => finish(false);
      if (settled.length > 0 || ctx.signal?.aborted) finish(false);
    });
    if (timedOut && lead && inFlight.length === 1 && !lead.committed && settled.length === 0) {
      hedgesLeft--;
      lanes = 2;
    }
  }
  if (launched === firstLaunch) rememberLeadingSkips(readKey, leadingSkips);
  throw exhaustedError(trail, states);
}

interface SkipMemory {
  blockedNow: Map<Target, { until: number; reason: BlockReason }>;
  /** `provider/model` not to try again in this request (gone, or too large for it). */
  models: Set<string>;
  /** Provider targets found down in this request. */
  providers: Set<Target>;
  tooLargeAt: number | null;
}

/** What the router remembers about one failed attempt, for this request and for later ones. */
async function learn(c: Candidate, failure: ClassifiedFailure, ctx: RouteContext, skip: SkipMemory, states: ProviderState[]): Promise<void> {
  const action = decideFailureAction(c, failure, Date.now());
  if (action.type === "block") {
    skip.blockedNow.set(action.target, { until: action.until, reason: action.reason });
    void ctx.state.block(action.target, action.until, action.reason).catch(() => {});
  } else if (action.type === "breaker") {
    void ctx.state.recordFailure(action.target, BREAKER).catch(() => {});
  }
  if (failure.providerDown) {
    skip.providers.add(providerTargetOf(c));
    void ctx.state.recordFailure(providerTargetOf(c), PROVIDER_BREAKER).catch(() => {});
  }
  if (failure.kind === "auth_invalid" && failure.status !== -1) {
    await Promise.resolve(ctx.onKeyInvalid(c.key.id, failure.message)).catch(() => {});
  }
  if (failure.kind === "model_gone" || failure.kind === "request_too_large") skip.models.add(`${c.providerId}/${c.model}`);
  if (failure.kind === "request_too_large" && c.spec) skip.tooLargeAt = Math.max(skip.tooLargeAt ?? 0, c.spec.contextWindow);
  states.push({
    provider: c.providerId,
    model: c.model,
    key: c.key.label,
    state: failure.kind,
    availableAt: action.type === "block" ? action.until : null,
    message: failure.message,
  });
}

async function callOne<T>(
  c: Candidate,
  run: AttemptRun,
  controller: AbortController,
  deadline: number,
  commit: () => void,
  attempt: Attempt<T>,
): Promise<AttemptOutcome<T>> {
  let upstream: Upstream;
  try {
    const secret = run.ctx.decrypt(c.key.encryptedSecret);
    const base = c.key.baseUrl ? await verifiedBaseUrl(c.key.baseUrl, run.options.allowPrivateUpstreams, assertSafeUpstreamUrl) : null;
    upstream = resolveUpstream(c.providerId, secret, base);
  } catch (error) {
    // status -1: our side (decryption, unsafe or missing base URL); do not mark the key invalid for it.
    return { ok: false, failure: { kind: "auth_invalid", status: -1, message: (error as Error).message, upstreamCode: null, retryAfterMs: null } };
  }
  const firstTokenMs = firstTokenDeadlineMs(c.providerId, c.model, run.options.firstByteTimeoutMs);
  const left = Math.max(0, deadline - Date.now());
  const timer = setTimeout(
    () => controller.abort(left < firstTokenMs ? new Error("the gateway deadline passed") : firstTokenTimeout(firstTokenMs)),
    Math.min(left, firstTokenMs),
  );
  const onClientAbort = () => controller.abort(run.ctx.signal?.reason);
  run.ctx.signal?.addEventListener("abort", onClientAbort, { once: true });
  let committed = false;
  try {
    return await attempt(c, {
      upstream,
      signal: controller.signal,
      commit: () => {
        committed = true;
        clearTimeout(timer);
        commit();
      },
    });
  } catch (error) {
    return { ok: false, failure: { kind: "provider_unhealthy", status: 0, message: (error as Error).message, upstreamCode: null, retryAfterMs: null } };
  } finally {
    clearTimeout(timer);
    if (!committed) run.ctx.signal?.removeEventListener("abort", onClientAbort);
  }
}

function skipReason(
  c: Candidate,
  snapshot: Map<Target, TargetSnapshot>,
  skip: SkipMemory,
  promptTokens: number,
  now: number,
): { state: string; until: number | null } | null {
  for (const t of [c.keyTarget, c.target]) {
    const blocked = skip.blockedNow.get(t);
    if (blocked && blocked.until > now) return { state: blocked.reason, until: blocked.until };
    const s = snapshot.get(t);
    if (s?.blockedUntil && s.blockedUntil > now) return { state: s.reason ?? "blocked", until: s.blockedUntil };
    if (s?.breaker.state === "open") return { state: "circuit_open", until: s.breaker.retryAt };
  }
  const provider = providerTargetOf(c);
  if (skip.providers.has(provider)) return { state: "provider_down", until: null };
  const down = snapshot.get(provider)?.breaker;
  if (down?.state === "open") return { state: "provider_down", until: down.retryAt };
  if (skip.models.has(`${c.providerId}/${c.model}`)) return { state: "skipped", until: null };
  if (skip.tooLargeAt !== null && c.spec && c.spec.contextWindow <= skip.tooLargeAt) return { state: "too_small", until: null };
  const window = c.provider.limits.window;
  const modelUsage = snapshot.get(c.target)?.usage;
  const keyUsage = snapshot.get(c.keyTarget)?.usage;
  const until =
    (modelUsage && limitReachedUntil(c.spec?.limits, modelUsage, window, promptTokens, now)) ||
    (keyUsage && limitReachedUntil(c.provider.limits, keyUsage, window, promptTokens, now));
  return until ? { state: "limit_reached", until } : null;
}
