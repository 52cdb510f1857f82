import { getLogger } from "@/lib/log";
import type { Protocol } from "@/lib/protocols/protocol";
import { redactSecrets } from "@/lib/redact";
import type { AttemptRecord } from "@/lib/router";
import { getMetrics, providerLabel } from "./metrics";

/** One finished request, as the log line and the metrics see it. */
export interface RequestRecord {
  requestId: string;
  protocol: Protocol;
  userId: string | null;
  apiKeyId: string | null;
  /** The model name the client sent (null when the request never got that far). */
  requestedModel: string | null;
  providerId: string | null;
  model: string | null;
  /** The HTTP status the request log keeps (499: the client went away). */
  status: number;
  errorCode: string | null;
  stream: boolean;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  attempts: readonly AttemptRecord[];
}

const MAX_MODEL_CHARS = 200;

// Names come from the client: redacted like any free text, and capped.
const clientText = (value: string | null) => (value === null ? null : redactSecrets(value).slice(0, MAX_MODEL_CHARS));

/**
 * The one place a finished request is observed: the request counters and histograms, and one
 * log line at info. Never a prompt, an answer or a key: ids, names, numbers and outcomes only.
 */
export function observeRequest(record: RequestRecord): void {
  const metrics = getMetrics();
  const provider = providerLabel(record.providerId);
  metrics.requests.inc({ protocol: record.protocol, status: String(record.status), provider });
  metrics.requestSeconds.observe({ protocol: record.protocol }, record.latencyMs / 1000);
  record.attempts.forEach((attempt, index) => {
    const attemptProvider = providerLabel(attempt.providerId);
    metrics.attempts.inc({ provider: attemptProvider, result: attempt.result });
    if (attempt.result === "hedge_lost") return;
    metrics.upstreamSeconds.observe({ provider: attemptProvider, outcome: attempt.result === "ok" ? "ok" : "error" }, attempt.latencyMs / 1000);
    if (attempt.firstTokenMs !== undefined) metrics.firstTokenSeconds.observe({ provider: attemptProvider }, attempt.firstTokenMs / 1000);
    if (attempt.result !== "ok" && index < record.attempts.length - 1) metrics.failovers.inc({ provider: attemptProvider, reason: attempt.result });
  });

  // The line is built only when it is written: names are redacted, and the trail allocated, per request.
  const logger = getLogger();
  if (!logger.isLevelEnabled("info")) return;
  logger.info(
    {
      requestId: record.requestId,
      protocol: record.protocol,
      userId: record.userId,
      apiKeyId: record.apiKeyId,
      requestedModel: clientText(record.requestedModel),
      provider: record.providerId,
      model: clientText(record.model),
      status: record.status,
      errorCode: record.errorCode,
      stream: record.stream,
      latencyMs: record.latencyMs,
      promptTokens: record.promptTokens,
      completionTokens: record.completionTokens,
      attempts: record.attempts.length,
      trail: record.attempts.map((a) => ({ provider: a.providerId, model: clientText(a.model), result: a.result, status: a.status, ms: a.latencyMs })),
    },
    "request",
  );
}
