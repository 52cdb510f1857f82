import { unfenceJson } from "./normalize-chat-response";

type Body = Record<string, unknown>;

interface ToolCallParts {
  id: unknown;
  name: string;
  arguments: string;
  extra: Body;
}

interface ChoiceParts {
  content: string[];
  reasoning: string[];
  toolCalls: Map<number, ToolCallParts>;
  finishReason: unknown;
  logprobs: unknown[] | null;
}

/**
 * Builds a non-streamed `chat.completion` from normalized stream chunks (the gateway always calls
 * upstreams streaming): text and reasoning joined, tool calls merged by their index, the last
 * finish_reason, logprobs concatenated. Usage is set by the caller from the normalizer.
 */
export class ChatCompletionAssembler {
  private choices = new Map<number, ChoiceParts>();
  private head: Body = {};

  add(chunk: Body): void {
    if (this.head.id === undefined) {
      for (const field of ["id", "created", "model", "system_fingerprint", "service_tier"]) if (chunk[field] != null) this.head[field] = chunk[field];
    }
    for (const choice of (chunk.choices ?? []) as Body[]) {
      const parts = this.choice(typeof choice.index === "number" ? choice.index : 0);
      const delta = (choice.delta ?? {}) as Body;
      if (typeof delta.content === "string" && delta.content) parts.content.push(delta.content);
      if (typeof delta.reasoning_content === "string" && delta.reasoning_content) parts.reasoning.push(delta.reasoning_content);
      if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls as Body[]) this.toolCall(parts, call);
      if (choice.finish_reason != null) parts.finishReason = choice.finish_reason;
      const logprobs = (choice.logprobs as Body | null | undefined)?.content;
      if (Array.isArray(logprobs)) (parts.logprobs ??= []).push(...logprobs);
    }
  }

  /** Text an inline-think splitter held back until the end. */
  addTail(index: number, content: string, reasoning: string): void {
    const parts = this.choice(index);
    if (content) parts.content.push(content);
    if (reasoning) parts.reasoning.push(reasoning);
  }

  build(options: { jsonMode: boolean }): Body {
    const indexes = [...this.choices.keys()].sort((a, b) => a - b);
    const choices = indexes.map((index) => {
      const parts = this.choices.get(index)!;
      const toolCalls = [...parts.toolCalls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, call]) => ({ ...call.extra, id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }));
      let content: string | null = parts.content.join("");
      if (options.jsonMode && content) content = unfenceJson(content);
      if (!content && toolCalls.length > 0) content = null;
      const message: Body = { role: "assistant", content, refusal: null };
      if (parts.reasoning.length > 0) message.reasoning_content = parts.reasoning.join("");
      if (toolCalls.length > 0) message.tool_calls = toolCalls;
      return { index, message, logprobs: parts.logprobs ? { content: parts.logprobs } : null, finish_reason: parts.finishReason ?? "stop" };
    });
    return { id: this.head.id, object: "chat.completion", created: this.head.created, model: this.head.model, ...this.head, choices };
  }

  private choice(index: number): ChoiceParts {
    let parts = this.choices.get(index);
    if (!parts) this.choices.set(index, (parts = { content: [], reasoning: [], toolCalls: new Map(), finishReason: null, logprobs: null }));
    return parts;
  }

  private toolCall(parts: ChoiceParts, call: Body): void {
    const index = typeof call.index === "number" ? call.index : parts.toolCalls.size;
    const fn = (call.function ?? {}) as Body;
    let entry = parts.toolCalls.get(index);
    if (!entry) {
      const { index: _index, id: _id, type: _type, function: _fn, ...extra } = call;
      parts.toolCalls.set(index, (entry = { id: call.id, name: "", arguments: "", extra }));
    }
    if (typeof call.id === "string" && call.id) entry.id = call.id;
    if (typeof fn.name === "string" && !entry.name) entry.name = fn.name;
    if (typeof fn.arguments === "string") entry.arguments += fn.arguments;
  }
}
