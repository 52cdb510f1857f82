import { ProviderConfigError } from "../errors";
import { flattenContent } from "../request-helpers";
import type { Body } from "../types";

type Message = Record<string, unknown> & { content?: unknown };

/** Keys are `accountId:token`; the account id goes into the base URL. */
export function cloudflareCredentials(secret: string, baseUrl: string): { baseUrl: string; token: string } {
  const { accountId, token } = splitCloudflareSecret(secret);
  if (!baseUrl.includes("{account_id}")) return { baseUrl, token };
  if (!accountId) throw new ProviderConfigError("Cloudflare keys are given as `accountId:token`.");
  return { baseUrl: baseUrl.replace("{account_id}", encodeURIComponent(accountId)), token };
}

export function splitCloudflareSecret(secret: string): { accountId: string | null; token: string } {
  const at = secret.indexOf(":");
  if (at <= 0) return { accountId: null, token: secret };
  return { accountId: secret.slice(0, at), token: secret.slice(at + 1) };
}

/** Workers AI rejects content arrays and `content: null` beside tool calls. */
export function withCloudflareContent(body: Body): Body {
  body.messages = (body.messages as Message[]).map((m) => ({ ...m, content: cloudflareContent(m) }));
  return body;
}

function cloudflareContent(message: Message): unknown {
  if (message.content == null && Array.isArray(message.tool_calls)) return "";
  return flattenContent(message.content);
}
