/**
 * Local estimate when a provider sends no usage: about 4 characters per token over the text,
 * plus 4 tokens of framing per message. Good to ~20% for English; used only for counting limits.
 */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

export function estimatePromptTokens(body: { messages?: unknown; tools?: unknown }): number {
  let chars = 0;
  let messages = 0;
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as Array<Record<string, unknown>>) {
      messages++;
      const content = message.content;
      if (typeof content === "string") chars += content.length;
      else if (Array.isArray(content)) {
        for (const part of content) {
          if (typeof part?.text === "string") chars += part.text.length;
          // An image costs hundreds of tokens whatever its URL length; ~1K chars is a middle guess.
          else if (part?.type === "image_url") chars += 1000;
        }
      }
      if (Array.isArray(message.tool_calls)) chars += JSON.stringify(message.tool_calls).length;
    }
  }
  if (Array.isArray(body.tools)) chars += JSON.stringify(body.tools).length;
  return estimateTokens(chars) + messages * 4;
}

/** Reads an OpenAI-style usage object, wherever a provider put it. */
export function readUsage(value: unknown): { prompt: number; completion: number } | null {
  if (typeof value !== "object" || value === null) return null;
  const usage = value as Record<string, unknown>;
  const prompt = Number(usage.prompt_tokens ?? usage.input_tokens);
  const completion = Number(usage.completion_tokens ?? usage.output_tokens);
  if (!Number.isFinite(prompt) && !Number.isFinite(completion)) return null;
  return { prompt: Number.isFinite(prompt) ? prompt : 0, completion: Number.isFinite(completion) ? completion : 0 };
}
