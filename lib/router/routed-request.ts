import { readRoutingVersion } from "@/lib/routing-state/read-routing-version";
import type { Candidate } from "./candidate";
import { countCandidateUsage } from "./count-candidate-usage";
import { GatewayError } from "./errors";
import { redactingFailures } from "./redact-failures";
import { gatewayHeaders } from "./response-headers";
import { runAttempts, StaleRoutingError, type AttemptCall, type AttemptOutcome, type AttemptSuccess } from "./run-attempts";
import type { AttemptRecord, ChainEntry, ProviderKey, RouteContext, RouteOptions, RouteOutcome, RoutingFreshness } from "./types";

/** The chain and keys candidates are built from, and how to tell they are still current. */
export interface RoutingInput {
  chain: readonly ChainEntry[];
  keys: readonly ProviderKey[];
  /** After a reload: the model to route, resolved through the fresh aliases (else the request's own). */
  model?: string;
  freshness?: RoutingFreshness;
}

type Reported = Omit<RouteOutcome, "requestId" | "requestedModel" | "stream" | "latencyMs">;
type Attempt<T> = (c: Candidate, call: AttemptCall) => Promise<AttemptOutcome<T>>;

/**
 * What chat and embeddings share around their upstream calls: candidates from the caller's chain
 * (read again when another instance changed it), the attempts with `x-freellmapi-wait`, the usage
 * count, the outcome reported once (only after the caller's limits admitted the request), and the
 * gateway's response headers.
 */
export class RoutedRequest {
  readonly startedAt = Date.now();
  private readonly t0 = performance.now();
  /** Time spent waiting on upstreams, for the overhead header. */
  readonly clock = { upstreamMs: 0 };

  constructor(
    readonly ctx: RouteContext,
    /** The model routed: the request's, or after a reload the one the fresh aliases resolve it to. */
    public requestedModel: string,
    readonly stream: boolean,
    readonly options: RouteOptions,
    readonly promptTokens: number,
  ) {}

  /** The outcome, once; a request its caller's limits refused is recorded by the caller, not here. */
  report(outcome: Reported): void {
    const { ctx } = this;
    void Promise.resolve(ctx.admitted)
      .then(() =>
        ctx.onComplete({
          requestId: ctx.requestId,
          requestedModel: this.requestedModel,
          stream: this.stream,
          latencyMs: Date.now() - this.startedAt,
          ...outcome,
        }),
      )
      .catch(() => {});
  }

  /** Reports a request that found no answer; returns the error for the caller to throw. */
  fail(error: unknown): unknown {
    this.report({
      providerId: null,
      model: null,
      keyId: null,
      status: "error",
      promptTokens: 0,
      completionTokens: 0,
      usageEstimated: true,
      attempts: error instanceof GatewayError ? error.attempts : [],
      errorCode: error instanceof GatewayError ? error.code : "internal_error",
    });
    return error;
  }

  /** An answer from `c` is complete: counted against its targets (off the response path) and reported. */
  answered(
    c: Candidate,
    trail: AttemptRecord[],
    end: { status: RouteOutcome["status"]; prompt: number; completion: number; estimated: boolean; errorCode?: string | null },
  ): void {
    countCandidateUsage(this.ctx.state, c, end.prompt + end.completion);
    this.report({
      providerId: c.providerId,
      model: c.model,
      keyId: c.key.id,
      status: end.status,
      promptTokens: end.prompt,
      completionTokens: end.completion,
      usageEstimated: end.estimated,
      attempts: trail,
      errorCode: end.errorCode ?? null,
    });
  }

  headers(result: AttemptSuccess<unknown>): Record<string, string> {
    return gatewayHeaders({
      providerId: result.candidate.providerId,
      model: result.candidate.model,
      requestedModel: this.requestedModel,
      trail: result.trail,
      overheadMs: Math.max(0, performance.now() - this.t0 - this.clock.upstreamMs),
    });
  }

  /**
   * Builds the candidates and tries them until one answers; a failure is reported and rethrown.
   * When the first read of the routing state shows that the caller's routing changed since it was
   * cached (another instance saved it), chain and keys are read again once, before any provider is called.
   */
  async attempt<T>(buildCandidates: (routing: RoutingInput) => Candidate[], attempt: Attempt<T>): Promise<AttemptSuccess<T>> {
    const { ctx } = this;
    let routing: RoutingInput = { chain: ctx.chain, keys: ctx.keys, freshness: ctx.freshness };
    for (let reloads = 0; ; reloads++) {
      const reloadable = reloads === 0 ? routing.freshness : undefined;
      let candidates: Candidate[];
      try {
        candidates = buildCandidates(routing);
      } catch (error) {
        // Nothing to try, found without reading the state: check the routing version alone before saying so.
        if (!reloadable || (await isCurrent(ctx, reloadable))) throw this.fail(error);
        routing = await this.reload(reloadable);
        continue;
      }
      const run = { ctx, options: this.options, candidates, promptTokens: this.promptTokens, startedAt: this.startedAt, freshness: routing.freshness };
      try {
        return await runWithWait(
          (trail) => runAttempts(trail ? { ...run, startedAt: Date.now(), trail } : run, redactingFailures(attempt)),
          this.startedAt + (ctx.waitMs ?? 0),
          ctx.signal,
        );
      } catch (error) {
        if (!(error instanceof StaleRoutingError && reloadable)) throw this.fail(error);
        routing = await this.reload(reloadable);
      }
    }
  }

  /** Chain, keys and the model to route, read again; from here on that model is the one routed. */
  private async reload(freshness: RoutingFreshness): Promise<RoutingInput> {
    const fresh = await freshness.reload().catch((error: unknown) => {
      throw this.fail(error);
    });
    this.requestedModel = fresh.model;
    return fresh;
  }
}

async function isCurrent(ctx: RouteContext, freshness: RoutingFreshness): Promise<boolean> {
  const version = await readRoutingVersion(ctx.state, freshness.userId);
  return version === null || freshness.isCurrent(version);
}

/**
 * x-freellmapi-wait: a request that would get 429 because everything is cooling down sleeps until
 * the soonest reset, if that comes before `waitUntil`, and tries again (with the same trail).
 */
async function runWithWait<T>(attempt: (trail?: AttemptRecord[]) => Promise<T>, waitUntil: number, signal?: AbortSignal): Promise<T> {
  let trail: AttemptRecord[] | undefined;
  for (;;) {
    try {
      return await attempt(trail);
    } catch (error) {
      if (!(error instanceof GatewayError) || error.code !== "all_providers_exhausted" || error.retryAt === null || error.retryAt > waitUntil) throw error;
      trail = error.attempts;
      await sleepUntil(error.retryAt + 50, signal);
    }
  }
}

function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new GatewayError("client_closed", "The client closed the connection."));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, at - Date.now()),
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
