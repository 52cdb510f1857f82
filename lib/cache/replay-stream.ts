import { encodeSse } from "@/lib/router/stream-session";

type Body = Record<string, unknown>;

/**
 * A stored `chat.completion` as the Chat Completions stream the gateway would have sent: the
 * role, reasoning, text and tool calls as deltas, the finish, the usage chunk when the client
 * asked for it (`stream_options.include_usage`), then [DONE].
 */
export function replayAsStream(completion: Body, includeUsage: boolean): ReadableStream<Uint8Array> {
  const head = { id: completion.id, object: "chat.completion.chunk", created: completion.created, model: completion.model };
  const chunk = (choices: unknown[], extra: Body = {}) => encodeSse({ ...head, choices, ...extra });
  const frames: string[] = [];
  for (const choice of (completion.choices ?? []) as Body[]) {
    const index = typeof choice.index === "number" ? choice.index : 0;
    const message = (choice.message ?? {}) as Body;
    const delta = (fields: Body) => chunk([{ index, delta: fields, finish_reason: null }]);
    frames.push(delta({ role: "assistant", content: "" }));
    if (typeof message.reasoning_content === "string" && message.reasoning_content) frames.push(delta({ reasoning_content: message.reasoning_content }));
    if (typeof message.content === "string" && message.content) frames.push(delta({ content: message.content }));
    const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Body[]) : [];
    calls.forEach((call, i) => frames.push(delta({ tool_calls: [{ index: i, id: call.id, type: "function", function: call.function }] })));
    frames.push(chunk([{ index, delta: {}, finish_reason: choice.finish_reason ?? "stop" }]));
  }
  if (includeUsage && completion.usage) frames.push(chunk([], { usage: completion.usage }));
  frames.push("data: [DONE]\n\n");
  const bytes = new TextEncoder().encode(frames.join(""));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
