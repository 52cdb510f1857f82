import type { IncomingMessage, ServerResponse } from "node:http";
import { buildChatResult } from "./chat-result";
import { completionBody, responseIdentity } from "./completion-body";
import { sendJson, writeFrame } from "./http-io";
import { type MockState, profileContext, sleep } from "./mock-state";
import { chunkBase, dataFrame, DONE_FRAME, streamFrames } from "./stream-events";
import type { ChatRequestBody, Fault, ModelSpec } from "./types";

type StreamFault = Extract<Fault, { kind: "stream-cut" | "stream-error" }>;
type SlowFault = Extract<Fault, { kind: "slow" }>;

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
};

/** Answers a chat completion that passed auth, faults and validation. */
export async function respondChat(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  body: ChatRequestBody,
  model: ModelSpec,
  fault: Fault | undefined,
): Promise<void> {
  const ctx = profileContext(state);
  const slow = fault?.kind === "slow" ? (fault as SlowFault) : undefined;
  const streamFault = fault?.kind === "stream-cut" || fault?.kind === "stream-error" ? (fault as StreamFault) : undefined;
  const identity = responseIdentity(`${state.label}-${state.served}-${ctx.now}`, String(body.model), ctx.now);
  const result = state.zeroLatency ? zeroLatencyResult() : buildChatResult(state.profile, state.label, model, body);
  const headers = state.zeroLatency ? {} : state.profile.successHeaders(ctx);

  await sleep(slow?.beforeHeadersMs ?? 0);
  if (res.destroyed) return;

  if (body.stream !== true || state.dialect.ignoresStream) {
    if (streamFault?.kind === "stream-error") {
      // A 200 that carries an error instead of choices (OpenRouter documents this for non-stream).
      const message = streamFault.message ?? "Upstream error while generating";
      return sendJson(res, 200, state.profile.errors.streamError(message, chunkBase(identity)), headers);
    }
    await sleep(slow?.beforeFirstChunkMs ?? 0);
    const payload = JSON.stringify(completionBody(state.profile, identity, result));
    if (streamFault?.kind === "stream-cut") {
      // Headers and half a body, then the connection drops.
      res.writeHead(200, { "content-type": "application/json", ...headers });
      await writeFrame(res, payload.slice(0, Math.floor(payload.length / 2)));
      req.socket.destroy();
      return;
    }
    return sendJson(res, 200, JSON.parse(payload), headers);
  }

  const frames = streamFrames(state.profile, state.dialect, identity, body, result);
  if (state.zeroLatency && !fault && process.env.MOCK_STREAM_PER_FRAME !== "1") {
    // Benchmark mode: the whole stream in one write, as its JSON answer is, so a gateway that reads
    // streams is not charged for this mock's event-loop turns between frames.
    res.writeHead(200, { ...SSE_HEADERS, ...headers });
    res.end(frames.join(""));
    return;
  }
  res.writeHead(200, { ...SSE_HEADERS, ...headers });
  res.flushHeaders();
  await sleep(slow?.beforeFirstChunkMs ?? 0);
  const between = slow?.betweenChunksMs ?? state.chunkDelayMs;
  const cutAt = streamFault?.afterChunks ?? 2;
  let sent = 0;
  for (const frame of frames) {
    if (res.destroyed) return;
    const isData = frame.startsWith("data:");
    if (streamFault && isData && (sent === cutAt || frame === DONE_FRAME)) {
      if (streamFault.kind === "stream-cut") {
        req.socket.destroy();
      } else {
        const message = streamFault.message ?? "Upstream provider error while streaming";
        await writeFrame(res, dataFrame(state.profile.errors.streamError(message, chunkBase(identity))));
        res.end();
      }
      return;
    }
    if (isData) sent += 1;
    await writeFrame(res, frame);
    if (between > 0 && frame !== DONE_FRAME) await sleep(between);
  }
  res.end();
}

/** Benchmark mode: a fixed one-word answer, nothing derived from the request. */
function zeroLatencyResult() {
  return {
    content: "ok",
    toolCalls: [],
    finishReason: "stop" as const,
    usage: {
      prompt_tokens: 1,
      completion_tokens: 1,
      total_tokens: 2,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };
}
