import { describe, expect, it } from "vitest";
import { readChatStream, translateStream, type ChatStreamEvent } from "@/lib/protocols/chat-stream-events";

const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: "c1",
  model: "m",
  created: 1,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const ANSWER = [sse(chunk({ role: "assistant", content: "Hel" })), sse(chunk({ content: "lo" })), sse(chunk({}, "stop")), "data: [DONE]\n\n"];

/** A gateway stream delivered in the given pieces, `gapMs` apart; records whether it was cancelled. */
function gatewayStream(pieces: string[], gapMs = 0) {
  const state = { cancelled: false };
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i > 0 && gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
      if (i === pieces.length) return controller.close();
      controller.enqueue(new TextEncoder().encode(pieces[i++]));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

async function* eachEvent(events: AsyncGenerator<ChatStreamEvent>): AsyncGenerator<string> {
  for await (const event of events) yield `${event.type};`;
}

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  const decoder = new TextDecoder();
  for await (const piece of stream as unknown as AsyncIterable<Uint8Array>) out.push(decoder.decode(piece));
  return out;
}

describe("readChatStream", () => {
  it("decodes the gateway's chunks into chat events, the stop string a host names included", async () => {
    const events: ChatStreamEvent[] = [];
    const { body } = gatewayStream([
      sse(chunk({ content: "x" })),
      sse({ ...chunk({}), choices: [{ index: 0, delta: {}, finish_reason: "stop", stop_reason: "###" }] }),
      "data: [DONE]\n\n",
    ]);
    for await (const event of readChatStream(body.getReader())) events.push(event);
    expect(events).toEqual([
      { type: "meta", id: "c1", model: "m", created: 1 },
      { type: "text", text: "x" },
      { type: "finish", reason: "stop", stopString: "###" },
      { type: "done" },
    ]);
  });
});

describe("translateStream", () => {
  it("writes what one upstream read produced at once, and each later read as it arrives", async () => {
    const whole = await chunksOf(translateStream(gatewayStream([ANSWER.join("")]).body, eachEvent));
    expect(whole).toEqual(["meta;text;text;finish;done;"]);
    const spread = await chunksOf(translateStream(gatewayStream(ANSWER, 20).body, eachEvent));
    expect(spread.join("")).toBe("meta;text;text;finish;done;");
    expect(spread.length).toBeGreaterThanOrEqual(4);
  });

  it("cancels the gateway stream when the translator ends early", async () => {
    const { body, state } = gatewayStream(ANSWER, 20);
    async function* firstOnly(events: AsyncGenerator<ChatStreamEvent>): AsyncGenerator<string> {
      for await (const event of events) return yield event.type;
    }
    expect(await chunksOf(translateStream(body, firstOnly))).toEqual(["meta"]);
    expect(state.cancelled).toBe(true);
  });
});
