import type { ChatResult } from "./chat-result";
import type { ResponseIdentity } from "./completion-body";
import type { ProviderProfile } from "./profiles/provider-profile";
import type { ChatRequestBody, StreamDialect } from "./types";
import { alnumId } from "./wire-formats";

export const DONE_FRAME = "data: [DONE]\n\n";

export function dataFrame(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

export function chunkBase(identity: ResponseIdentity): Record<string, unknown> {
  return { id: identity.id, object: "chat.completion.chunk", created: identity.created, model: identity.model };
}

function textPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function argumentPieces(args: string): string[] {
  const size = Math.max(1, Math.ceil(args.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < args.length; i += size) pieces.push(args.slice(i, i + size));
  return pieces;
}

function toolCallDeltas(dialect: StreamDialect, result: ChatResult): unknown[][] {
  const deltas: unknown[][] = [];
  result.toolCalls.forEach((call, index) => {
    const at = dialect.toolCallIndex ? { index } : {};
    if (dialect.toolCallsWhole) {
      // Gemini: the whole call in one delta, no index.
      deltas.push([{ ...at, id: call.id, type: "function", function: { name: call.name, arguments: call.arguments }, ...call.extra }]);
      return;
    }
    deltas.push([{ ...at, id: call.id, type: "function", function: { name: call.name, arguments: "" } }]);
    for (const piece of argumentPieces(call.arguments)) deltas.push([{ ...at, function: { arguments: piece } }]);
  });
  return deltas;
}

/**
 * The SSE frames of a streamed answer, in order, ending with `data: [DONE]`
 * (OpenAI's stream format plus the profile's dialect: usage placement, x_groq, keep-alives).
 */
export function streamFrames(
  profile: ProviderProfile,
  dialect: StreamDialect,
  identity: ResponseIdentity,
  body: ChatRequestBody,
  result: ChatResult,
): string[] {
  const frames: string[] = [];
  const includeUsage = dialect.usage === "include_usage" && body.stream_options?.include_usage === true;
  const base = chunkBase(identity);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => {
    const c: Record<string, unknown> = { ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra };
    if (includeUsage) c.usage ??= null;
    profile.decorate?.(c, finish !== null);
    return dataFrame(c);
  };

  if (dialect.keepAliveComment) frames.push(`${dialect.keepAliveComment}\n\n`);
  const hasTools = result.toolCalls.length > 0;
  const xGroqFirst = dialect.xGroq ? { x_groq: { id: `req_${alnumId(identity.id, 26)}` } } : {};
  frames.push(chunk({ role: "assistant", content: hasTools ? null : "" }, null, xGroqFirst));
  if (dialect.keepAliveComment) frames.push(`${dialect.keepAliveComment}\n\n`);

  if (result.reasoning && profile.reasoningField) {
    for (const piece of textPieces(result.reasoning)) frames.push(chunk({ [profile.reasoningField]: piece }));
  }
  for (const piece of textPieces(result.content ?? "")) frames.push(chunk({ content: piece }));
  for (const calls of toolCallDeltas(dialect, result)) frames.push(chunk({ tool_calls: calls }));

  const finish = hasTools ? dialect.finishReasonAfterTools : result.finishReason;
  const finalExtra: Record<string, unknown> = {};
  if (dialect.usage === "final-chunk") finalExtra.usage = result.usage;
  if (dialect.xGroq) finalExtra.x_groq = { id: `req_${alnumId(identity.id, 26)}`, usage: result.usage };
  frames.push(chunk({}, finish, finalExtra));

  if (includeUsage || dialect.usage === "always-trailing") {
    const trailing: Record<string, unknown> = { ...base, choices: [], usage: { ...result.usage } };
    profile.decorate?.(trailing, true);
    frames.push(dataFrame(trailing));
  }
  frames.push(DONE_FRAME);
  return frames;
}
