import { classifyParsedError, classifyUpstreamError, type ClassifiedFailure } from "@/lib/providers/classify-error";
import { normalizeChatResponse } from "@/lib/providers/normalize-chat-response";
import { parseErrorObject } from "@/lib/providers/parse-error-body";
import { readSpentSignal } from "@/lib/providers/rate-limit-headers";
import { buildUpstreamChatBody } from "@/lib/providers/transform-request";
import type { Candidate } from "./candidate";
import type { AttemptCall, AttemptOutcome } from "./run-attempts";
import type { RoutingState } from "./state";
import { broken, StreamSession } from "./stream-session";
import { ttfbTracker } from "./ttfb-tracker";
import type { RouteOptions } from "./types";
import { describeNetworkError, postUpstream, type UpstreamResponse } from "./upstream-client";

export interface ChatAttemptEnv {
  request: Record<string, unknown>;
  options: RouteOptions;
  state: RoutingState;
  jsonMode: boolean;
  /** Time spent waiting on upstreams, for the overhead header. */
  clock: { upstreamMs: number };
}

export interface JsonAnswer {
  body: Record<string, unknown>;
  usage: { prompt: number; completion: number } | null;
}

export interface StreamAnswer {
  session: StreamSession;
  /** Events read while holding back, to send first. */
  held: string[];
  ended: boolean;
  abort: () => void;
}

async function send(c: Candidate, call: AttemptCall, env: ChatAttemptEnv, stream: boolean): Promise<UpstreamResponse | ClassifiedFailure> {
  const body = buildUpstreamChatBody({ providerId: c.providerId, model: c.model, spec: c.spec, request: { ...env.request, stream } });
  const t0 = performance.now();
  try {
    const res = await postUpstream({
      url: `${call.upstream.baseUrl}/chat/completions`,
      headers: call.upstream.headers,
      body: JSON.stringify(body),
      signal: call.signal,
      connectTimeoutMs: env.options.connectTimeoutMs,
      allowPrivate: env.options.allowPrivateUpstreams || call.upstream.operatorConfigured,
      firstByteTimeoutMs: env.options.firstByteTimeoutMs,
    });
    if (res.statusCode >= 300) {
      const text = await res.body.text().catch(() => "");
      return classifyUpstreamError({ providerId: c.providerId, status: res.statusCode, headers: res.headers, body: text });
    }
    const spent = readSpentSignal(res.headers);
    if (spent) {
      const target = c.provider.quotaScope === "key" ? c.keyTarget : c.target;
      void env.state.block(target, spent.until, spent.window === "day" ? "quota_exhausted" : "rate_limited").catch(() => {});
    }
    return res;
  } catch (error) {
    return broken(describeNetworkError(error));
  } finally {
    env.clock.upstreamMs += performance.now() - t0;
  }
}

const isFailure = (value: UpstreamResponse | ClassifiedFailure): value is ClassifiedFailure => "kind" in value;

export async function attemptChatJson(c: Candidate, call: AttemptCall, env: ChatAttemptEnv): Promise<AttemptOutcome<JsonAnswer>> {
  const t0 = performance.now();
  const res = await send(c, call, env, false);
  if (isFailure(res)) return { ok: false, failure: res };
  const readStart = performance.now();
  let body: Record<string, unknown>;
  try {
    body = (await res.body.json()) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, failure: broken(`Unreadable response: ${describeNetworkError(error)}`) };
  } finally {
    env.clock.upstreamMs += performance.now() - readStart;
  }
  // A 200 can still carry an error when the model failed after processing started (OpenRouter).
  if (body.error && !Array.isArray(body.choices)) {
    return { ok: false, failure: classifyParsedError(c.providerId, 0, parseErrorObject(body)!) };
  }
  if (!Array.isArray(body.choices)) return { ok: false, failure: broken("The response had no choices.") };
  ttfbTracker.record(c.providerId, c.model, performance.now() - t0);
  return { ok: true, value: { body, usage: normalizeChatResponse(body, { jsonMode: env.jsonMode }) } };
}

/** Opens the stream and holds it back until the first content, tool-call or reasoning delta. */
export async function attemptChatStream(c: Candidate, call: AttemptCall, env: ChatAttemptEnv): Promise<AttemptOutcome<StreamAnswer>> {
  const t0 = performance.now();
  const res = await send(c, call, env, true);
  if (isFailure(res)) return { ok: false, failure: res };
  const type = String(res.headers["content-type"] ?? "");
  if (!type.includes("text/event-stream")) {
    const text = await res.body.text().catch(() => "");
    const parsed = (() => { try { return parseErrorObject(JSON.parse(text)); } catch { return null; } })();
    return { ok: false, failure: parsed?.message ? classifyParsedError(c.providerId, 0, parsed) : broken("Expected an event stream.") };
  }
  const session = new StreamSession(c.providerId, res.body);
  const held: string[] = [];
  const waitStart = performance.now();
  try {
    for (;;) {
      const step = await session.next();
      held.push(...step.out);
      if (step.end === "failed") {
        await session.close();
        return { ok: false, failure: step.failure! };
      }
      if (step.meaningful || step.end === "done") {
        ttfbTracker.record(c.providerId, c.model, performance.now() - t0);
        call.commit();
        return { ok: true, value: { session, held, ended: step.end === "done", abort: () => res.body.destroy() } };
      }
    }
  } catch (error) {
    await session.close();
    return { ok: false, failure: broken(describeNetworkError(error)) };
  } finally {
    env.clock.upstreamMs += performance.now() - waitStart;
  }
}
