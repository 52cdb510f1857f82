import { createHash } from "node:crypto";

export type Body = Record<string, unknown>;
export type Message = Record<string, unknown> & { role?: string; content?: unknown };

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

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

/** Cohere's compatibility endpoint rejects these JSON-Schema keywords anywhere in a schema. */
export function stripSchemaKeywords(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripSchemaKeywords);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "additionalProperties" || key === "$schema") continue;
    out[key] = stripSchemaKeywords(value);
  }
  return out;
}

/** Joins text parts; non-text parts are dropped (only for providers that reject content arrays). */
export function flattenContent(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  if (content.some((part) => part?.type !== "text")) return content;
  return content.map((part) => String(part.text ?? "")).join("");
}

export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}

/** For models without a system role (Gemma on Gemini): system text leads the first user turn. */
export function foldSystemMessages(messages: Message[]): Message[] {
  const system = messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => textOf(m.content));
  if (system.length === 0) return messages;
  const rest = messages.filter((m) => m.role !== "system" && m.role !== "developer");
  const firstUser = rest.findIndex((m) => m.role === "user");
  const prefix = system.join("\n\n");
  if (firstUser === -1) return [{ role: "user", content: prefix }, ...rest];
  const user = rest[firstUser];
  const content = typeof user.content === "string" ? `${prefix}\n\n${user.content}` : [{ type: "text", text: prefix }, ...(user.content as unknown[])];
  return rest.map((m, i) => (i === firstUser ? { ...m, content } : m));
}

export function hasTools(body: Body): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0;
}
