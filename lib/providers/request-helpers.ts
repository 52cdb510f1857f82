export type { Body } from "./types";
export type Message = Record<string, unknown> & { role?: string; content?: unknown };

/** Joins text parts; non-text parts are dropped (only for providers that reject content arrays). */
export function flattenContent(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  if (content.some((part) => part?.type !== "text")) return content;
  return content.map((part) => String(part.text ?? "")).join("");
}

function textOf(content: unknown): string {
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

export function hasTools(body: Record<string, unknown>): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0;
}
