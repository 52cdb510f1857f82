import { upstreamText } from "@/lib/redact";
import type { Candidate } from "./candidate";
import type { AttemptCall, AttemptOutcome } from "./run-attempts";

type Attempt<T> = (c: Candidate, call: AttemptCall) => Promise<AttemptOutcome<T>>;

/**
 * A failed attempt's text, redacted before the router keeps it (trail, error body, a key's
 * status reason): key-shaped strings and the very key used for this call, capped in length.
 */
export function redactingFailures<T>(attempt: Attempt<T>): Attempt<T> {
  return async (c, call) => {
    const outcome = await attempt(c, call);
    if (outcome.ok) return outcome;
    return { ok: false, failure: { ...outcome.failure, message: upstreamText(outcome.failure.message, [call.upstream.credential]) } };
  };
}
