import { createHash } from "node:crypto";
import type { Body } from "../types";

type Message = Record<string, unknown> & { role?: string; content?: unknown };

// Mistral answers 422 to any other field ("extra forbidden").
const MISTRAL_FIELDS = new Set([
  "model",
  "messages",
  "temperature",
  "top_p",
  "max_tokens",
  "stream",
  "stop",
  "random_seed",
  "response_format",
  "tools",
  "tool_choice",
  "presence_penalty",
  "frequency_penalty",
  "n",
  "safe_prompt",
  "parallel_tool_calls",
  "prediction",
]);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Only the fields Mistral accepts, `seed` as `random_seed`, messages without provider-private fields. */
export function toMistralBody(body: Body): Body {
  if (body.seed !== undefined) body.random_seed = body.seed;
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) if (MISTRAL_FIELDS.has(key)) out[key] = value;
  out.messages = (body.messages as Message[]).map((m) => {
    const clean: Message = { role: m.role, content: m.content ?? "" };
    if (typeof m.name === "string") clean.name = m.name;
    if (typeof m.tool_call_id === "string") clean.tool_call_id = toMistralToolCallId(m.tool_call_id);
    if (Array.isArray(m.tool_calls)) {
      clean.tool_calls = m.tool_calls.map((call: Record<string, unknown>) => ({
        id: toMistralToolCallId(String(call.id ?? "")),
        type: "function",
        function: call.function,
      }));
    }
    return clean;
  });
  return out;
}

/**
 * Mistral only accepts tool-call ids of exactly 9 [a-zA-Z0-9]. A hash keeps the mapping stable
 * without per-conversation state: the assistant call and its tool reply map to the same id.
 */
export function toMistralToolCallId(id: string): string {
  if (/^[a-zA-Z0-9]{9}$/.test(id)) return id;
  const digest = createHash("sha256").update(id).digest();
  let out = "";
  for (let i = 0; i < 9; i++) out += ALNUM[digest[i] % ALNUM.length];
  return out;
}
