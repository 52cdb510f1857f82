import { thinkingText } from "./chat-stream-normalizer";
import { ThinkSplitter } from "./think-splitter";
import { newToolCallId } from "./tool-call-indexer";
import { readUsage } from "./usage";

type Body = Record<string, unknown>;

export interface NormalizeOptions {
  /** The client asked for JSON output: unwrap a ```json fence some hosts (NIM) put around it. */
  jsonMode: boolean;
}

/** Normalizes a non-streamed chat completion in place; returns the provider's usage if any. */
export function normalizeChatResponse(body: Body, { jsonMode }: NormalizeOptions): { prompt: number; completion: number } | null {
  const xGroq = body.x_groq as Body | undefined;
  const usage = readUsage(body.usage) ?? readUsage(xGroq?.usage);
  const choices = Array.isArray(body.choices) ? (body.choices as Body[]) : [];
  for (const choice of choices) {
    const message = (choice.message ?? {}) as Body;
    let reasoning = typeof message.reasoning_content === "string" ? message.reasoning_content : "";
    if (typeof message.reasoning === "string") reasoning += message.reasoning;
    delete message.reasoning;
    let content: string | null = typeof message.content === "string" ? message.content : null;
    if (Array.isArray(message.content)) {
      content = "";
      for (const part of message.content as Body[]) {
        if (part?.type === "thinking") reasoning += thinkingText(part.thinking);
        else if (typeof part?.text === "string") content += part.text;
      }
    }
    if (content) {
      const split = ThinkSplitter.split(content);
      content = split.content;
      reasoning += split.reasoning;
      if (jsonMode) content = unfenceJson(content);
    }
    message.content = content;
    // OpenAI's schema has `refusal` on every assistant message; most hosts leave it out.
    if (message.refusal === undefined) message.refusal = null;
    if (reasoning) message.reasoning_content = reasoning;
    if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      message.tool_calls = (message.tool_calls as Body[]).map(fixToolCall);
      if (choice.finish_reason === "stop") choice.finish_reason = "tool_calls";
    }
    choice.message = message;
  }
  return usage;
}

function fixToolCall(call: Body): Body {
  const out: Body = { ...call };
  if (!out.function && (out.name !== undefined || out.arguments !== undefined)) {
    out.function = { name: out.name, arguments: out.arguments };
    delete out.name;
    delete out.arguments;
  }
  const fn = (out.function ?? {}) as Body;
  if (typeof fn.arguments === "object" && fn.arguments !== null) out.function = { ...fn, arguments: JSON.stringify(fn.arguments) };
  if (typeof out.id !== "string" || out.id === "") out.id = newToolCallId();
  out.type = "function";
  delete out.index;
  return out;
}

export function unfenceJson(text: string): string {
  const match = text.trim().match(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i);
  return match ? match[1].trim() : text;
}
