import type { ChatStreamEvent, ChatUsage } from "@/lib/protocols/chat-stream-events";

interface ChatCompletionBody {
  id?: string;
  created?: number;
  model?: string;
  choices?: Array<{ message?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: ChatUsage;
}

const completionId = (chatId: string | undefined) => `cmpl-${(chatId ?? crypto.randomUUID()).replace(/^chatcmpl-/, "")}`;
// A completion has no tool calls; a provider that still stops for one has stopped.
const finishReason = (reason: string | null | undefined) => (reason === "length" || reason === "content_filter" ? reason : "stop");

/** A chat.completion as a text_completion. */
export function toCompletion(chat: ChatCompletionBody) {
  const choice = chat.choices?.[0];
  return {
    id: completionId(chat.id),
    object: "text_completion",
    created: chat.created ?? Math.floor(Date.now() / 1000),
    model: chat.model ?? "",
    choices: [{ text: choice?.message?.content ?? "", index: 0, logprobs: null, finish_reason: finishReason(choice?.finish_reason) }],
    ...(chat.usage ? { usage: chat.usage } : {}),
  };
}

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** The gateway's chat stream as text_completion chunks; a break after output began ends with an error event and no [DONE]. */
export async function* completionFrames(events: AsyncGenerator<ChatStreamEvent>, includeUsage: boolean): AsyncGenerator<string> {
  let head = { id: completionId(undefined), object: "text_completion", created: Math.floor(Date.now() / 1000), model: "" };
  let usage: ChatUsage | null = null;
  let finish: string | null = null;
  for await (const event of events) {
    if (event.type === "meta") head = { ...head, id: completionId(event.id), created: event.created, model: event.model };
    else if (event.type === "text") yield frame({ ...head, choices: [{ text: event.text, index: 0, logprobs: null, finish_reason: null }] });
    else if (event.type === "finish") finish = finishReason(event.reason);
    else if (event.type === "usage") usage = event.usage;
    else if (event.type === "error") {
      yield frame({
        error: { message: `Upstream stream failed: ${event.message}`, type: "upstream_error", param: null, code: event.code ?? "upstream_stream_error" },
      });
      return;
    } else if (event.type === "done") {
      yield frame({ ...head, choices: [{ text: "", index: 0, logprobs: null, finish_reason: finish ?? "stop" }] });
      if (includeUsage && usage) yield frame({ ...head, choices: [], usage });
      yield "data: [DONE]\n\n";
      return;
    }
  }
}
