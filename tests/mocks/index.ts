export { startMockProvider, type MockProvider } from "./mock-provider";
export { getProfile, profileNames, profiles } from "./profiles";
export type { ProviderProfile } from "./profiles/provider-profile";
export { embedText } from "./embeddings";
export { goDuration, nextUtcMidnightMs } from "./wire-formats";
export type { ErrorReply, Fault, FaultKind, MockProviderOptions, ModelSpec, ProfileName, RecordedRequest, StreamDialect } from "./types";
export { startMockUpstream, type UpstreamHit } from "./scripted-upstream";
