import type { FaultQueue } from "./fault-queue";
import type { ProfileContext, ProviderProfile } from "./profiles/provider-profile";
import type { ModelSpec, RecordedRequest, StreamDialect } from "./types";

/** Everything one running mock knows; shared by the request handler and the MockProvider handle. */
export interface MockState {
  profile: ProviderProfile;
  label: string;
  basePath: string;
  keys: Set<string>;
  models: Map<string, ModelSpec>;
  modelList: ModelSpec[];
  faults: FaultQueue;
  requests: RecordedRequest[];
  dialect: StreamDialect;
  zeroLatency: boolean;
  chunkDelayMs: number;
  geminiArrayErrors: boolean;
  served: number;
}

export function profileContext(state: MockState): ProfileContext {
  return { served: state.served, now: Date.now(), geminiArrayErrors: state.geminiArrayErrors };
}

export function sleep(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
