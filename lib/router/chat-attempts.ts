import { ChatCompletionAssembler } from "@/lib/providers/chat-completion-assembler";
import { toOpenAiUsage } from "@/lib/providers/chat-stream-normalizer";
import { classifyParsedError, classifyUpstreamError, type ClassifiedFailure } from "@/lib/providers/classify-error";
import { normalizeChatResponse } from "@/lib/providers/normalize-chat-response";
import { parseErrorObject } from "@/lib/providers/parse-error-body";
import { readSpentSignal } from "@/lib/providers/rate-limit-headers";
import { buildUpstreamChatBody } from "@/lib/providers/transform-request";
import type { Candidate } from "./candidate";
import type { AttemptCall, AttemptOutcome } from "./run-attempts";
import type { RoutingState } from "@/lib/routing-state/state";
import { broken, StreamSession } from "./stream-session";
import { ttfbTracker } from "./ttfb-tracker";
import type { ChatCompletionRequest } from "./schemas";
import type { RouteOptions } from "./types";
import { describeNetworkError, isTransportError, postUpstream, type UpstreamResponse } from "./upstream-client";

export interface ChatAttemptEnv {
  request: ChatCompletionRequest;
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

type Opened = { kind: "stream"; answer: StreamAnswer } | { kind: "json"; answer: JsonAnswer };

/** Why a call failed: the abort reason when we aborted it (first-token timeout, hedge lost), else the error. */
function failureOf(call: AttemptCall, error: unknown, prefix = ""): ClassifiedFailure {
  const reason = call.signal.aborted ? (call.signal.reason ?? error) : error;
  return broken(`${prefix}${describeNetworkError(reason)}`, isTransportError(reason));
}

// Platform-wide: a proxy or load balancer answered instead of the provider's API (HTML or empty 502-504).
const isPlatformError = (status: number, text: string) => status >= 502 && status <= 504 && !/^\s*[[{]/.test(text);

/** Every upstream call is a stream, so the first token is a signal every request gives. */
async function send(c: Candidate, call: AttemptCall, env: ChatAttemptEnv): Promise<UpstreamResponse | ClassifiedFailure> {
  const body = buildUpstreamChatBody({ providerId: c.providerId, model: c.model, spec: c.spec, request: { ...env.request, stream: true } });
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
      const failure = classifyUpstreamError({ providerId: c.providerId, status: res.statusCode, headers: res.headers, body: text });
      if (failure.kind === "provider_unhealthy" && isPlatformError(res.statusCode, text)) failure.providerDown = true;
      return failure;
    }
    const spent = readSpentSignal(res.headers);
    if (spent) {
      const target = c.provider.quotaScope === "key" ? c.keyTarget : c.target;
      void env.state.block(target, spent.until, spent.window === "day" ? "quota_exhausted" : "rate_limited").catch(() => {});
    }
    return res;
  } catch (error) {
    return failureOf(call, error);
  } finally {
    env.clock.upstreamMs += performance.now() - t0;
  }
}

const isFailure = (value: UpstreamResponse | ClassifiedFailure): value is ClassifiedFailure => "kind" in value;

/**
 * Opens the upstream stream and holds it back until the first content, tool-call or reasoning
 * delta (the first token): that is when the attempt commits. An upstream that answers JSON
 * although asked to stream (some custom endpoints) is read whole.
 */
async function open(c: Candidate, call: AttemptCall, env: ChatAttemptEnv, assembler: ChatCompletionAssembler | null): Promise<AttemptOutcome<Opened>> {
  const t0 = performance.now();
  const res = await send(c, call, env);
  if (isFailure(res)) return { ok: false, failure: res };
  const type = String(res.headers["content-type"] ?? "");
  if (!type.includes("text/event-stream")) return readJson(c, call, env, res, assembler !== null);
  const session = new StreamSession(c.providerId, res.body, assembler);
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
        call.commit();
        // Lost the race to a hedged attempt between the last read and now.
        if (call.signal.aborted) {
          await session.close();
          return { ok: false, failure: failureOf(call, new Error("aborted")) };
        }
        ttfbTracker.record(c.providerId, c.model, performance.now() - t0);
        return { ok: true, value: { kind: "stream", answer: { session, held, ended: step.end === "done", abort: () => res.body.destroy() } } };
      }
    }
  } catch (error) {
    await session.close();
    return { ok: false, failure: failureOf(call, error) };
  } finally {
    env.clock.upstreamMs += performance.now() - waitStart;
  }
}

async function readJson(c: Candidate, call: AttemptCall, env: ChatAttemptEnv, res: UpstreamResponse, wanted: boolean): Promise<AttemptOutcome<Opened>> {
  const text = await res.body.text().catch(() => "");
  let body: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  // A 200 can still carry an error when the model failed after processing started (OpenRouter).
  const error = body && !Array.isArray(body.choices) ? parseErrorObject(body) : null;
  if (error?.message) return { ok: false, failure: classifyParsedError(c.providerId, 0, error) };
  if (!wanted || !body || !Array.isArray(body.choices))
    return { ok: false, failure: broken(wanted ? "The response had no choices." : "Expected an event stream.") };
  call.commit();
  return { ok: true, value: { kind: "json", answer: { body, usage: normalizeChatResponse(body, { jsonMode: env.jsonMode }) } } };
}

/** A client that did not ask for a stream: read the upstream stream to its end and assemble the completion. */
export async function attemptChatJson(c: Candidate, call: AttemptCall, env: ChatAttemptEnv): Promise<AttemptOutcome<JsonAnswer>> {
  const assembler = new ChatCompletionAssembler();
  const opened = await open(c, call, env, assembler);
  if (!opened.ok) return opened;
  if (opened.value.kind === "json") return { ok: true, value: opened.value.answer };
  const { session, ended } = opened.value.answer;
  const readStart = performance.now();
  try {
    for (let done = ended; !done;) {
      const step = await session.next();
      if (step.end === "failed") {
        await session.close();
        return { ok: false, failure: step.failure! };
      }
      done = step.end === "done";
    }
  } catch (error) {
    await session.close();
    return { ok: false, failure: failureOf(call, error, "stream broke off: ") };
  } finally {
    env.clock.upstreamMs += performance.now() - readStart;
  }
  void session.drain();
  for (const tail of session.normalizer.flush()) assembler.addTail(tail.index, tail.content, tail.reasoning);
  const body = assembler.build({ jsonMode: env.jsonMode });
  const usage = session.normalizer.usage;
  if (usage) body.usage = toOpenAiUsage(usage, session.normalizer.usageDetail);
  return { ok: true, value: { body, usage } };
}

/** A streaming client: the opened stream, held-back events included, for the relay. */
export async function attemptChatStream(c: Candidate, call: AttemptCall, env: ChatAttemptEnv): Promise<AttemptOutcome<StreamAnswer>> {
  const opened = await open(c, call, env, null);
  if (!opened.ok) return opened;
  if (opened.value.kind !== "stream") return { ok: false, failure: broken("Expected an event stream.") };
  return { ok: true, value: opened.value.answer };
}
