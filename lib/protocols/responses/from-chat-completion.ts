import type { ChatUsage } from "@/lib/protocols/chat-stream-events";
import { incompleteReason, itemId, responseObject, toResponseUsage, type OutputItem, type ResponseFrame } from "./response-object";
import type { ResponsesRequest } from "./schemas";
import type { TranslatedRequest } from "./to-chat-request";

interface ChatCompletion {
  model?: string;
  created?: number;
  usage?: ChatUsage;
  choices?: Array<{
    finish_reason?: string | null;
    message?: {
      content?: string | null;
      reasoning_content?: string | null;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    };
  }>;
}

/** The gateway's chat.completion (already normalized across providers) as a Response object. */
export function fromChatCompletion(
  completion: ChatCompletion,
  request: ResponsesRequest,
  translated: TranslatedRequest,
  frame: Omit<ResponseFrame, "model" | "createdAt">,
) {
  const choice = completion.choices?.[0];
  const message = choice?.message ?? {};
  const finish = choice?.finish_reason ?? null;
  const incomplete = incompleteReason(finish) !== null;
  const output: OutputItem[] = [];
  if (message.reasoning_content) {
    output.push({ type: "reasoning", id: itemId("rs"), summary: [{ type: "summary_text", text: message.reasoning_content }] });
  }
  if (message.content) {
    output.push({
      type: "message",
      id: itemId("msg"),
      role: "assistant",
      status: incomplete ? "incomplete" : "completed",
      content: [{ type: "output_text", text: message.content, annotations: [], logprobs: [] }],
    });
  }
  for (const call of message.tool_calls ?? []) {
    const namespace = translated.namespaces.get(call.function.name);
    output.push({
      type: "function_call",
      id: itemId("fc"),
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: "completed",
      ...(namespace ? { namespace } : {}),
    });
  }
  return responseObject(
    request,
    translated,
    { ...frame, model: completion.model ?? request.model, createdAt: completion.created ?? Math.floor(Date.now() / 1000) },
    { status: incomplete ? "incomplete" : "completed", output, usage: toResponseUsage(completion.usage), finish },
  );
}
