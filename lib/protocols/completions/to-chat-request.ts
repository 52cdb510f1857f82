import type { ChatCompletionRequest } from "@/lib/router";
import type { CompletionRequest } from "./schema";

// Chat models answer a bare prompt instead of continuing it; these instructions make them complete.
const CONTINUE =
  "You are a text completion engine. Reply with only the text that continues the user's text, exactly where it stops: no preamble, no quotes, no explanation, no repetition of the given text.";
const FILL =
  "You are a code and text infilling engine. The user sends a PREFIX and a SUFFIX. Reply with only the text that belongs between them, so that PREFIX + your reply + SUFFIX reads as one whole: no preamble, no code fences, no repetition of the prefix or suffix.";

export function promptText(request: CompletionRequest): string {
  return typeof request.prompt === "string" ? request.prompt : String(request.prompt[0]);
}

/** A legacy completion as a chat request; `suffix` (fill in the middle) becomes an infill instruction. */
export function toChatRequest(request: CompletionRequest): ChatCompletionRequest {
  const prompt = promptText(request);
  const fill = typeof request.suffix === "string" && request.suffix.length > 0;
  const user = fill ? `<PREFIX>${prompt}</PREFIX>\n<SUFFIX>${request.suffix}</SUFFIX>` : prompt;
  return {
    model: request.model,
    messages: [
      { role: "system", content: fill ? FILL : CONTINUE },
      { role: "user", content: user },
    ],
    max_tokens: request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    top_p: request.top_p ?? undefined,
    stop: request.stop ?? undefined,
    seed: request.seed ?? undefined,
    presence_penalty: request.presence_penalty ?? undefined,
    frequency_penalty: request.frequency_penalty ?? undefined,
    user: request.user,
    stream: request.stream === true,
    ...(request.stream ? { stream_options: { include_usage: true } } : {}),
  };
}
