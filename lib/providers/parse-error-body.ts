/** The fields every provider's error envelope boils down to (docs/ROUTING.md, "Adapters"). */
export interface ParsedErrorBody {
  message: string;
  code: string | null;
  type: string | null;
  /** google.rpc status (`RESOURCE_EXHAUSTED`) or NIM `title`. */
  status: string | null;
  details: unknown[];
  metadata: Record<string, unknown> | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === "string" ? value : typeof value === "number" ? String(value) : null);

/**
 * Reads OpenAI/Groq, OpenRouter, Gemini (also array-wrapped), Cerebras flat, Mistral (message may
 * be an object), NVIDIA problem+json, Z.ai and Cloudflare v4 envelopes. Non-JSON text becomes the message.
 */
export function parseErrorBody(text: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: text.trim().slice(0, 500), code: null, type: null, status: null, details: [], metadata: null };
  }
  return parseErrorObject(json) ?? { message: text.trim().slice(0, 500), code: null, type: null, status: null, details: [], metadata: null };
}

export function parseErrorObject(json: unknown): ParsedErrorBody | null {
  if (Array.isArray(json)) return json.length > 0 ? parseErrorObject(json[0]) : null;
  if (typeof json === "string") return { message: json, code: null, type: null, status: null, details: [], metadata: null };
  if (!isObject(json)) return null;
  const inner = isObject(json.error) ? json.error : typeof json.error === "string" ? { message: json.error } : null;
  if (inner) {
    return {
      message: messageText(inner.message) ?? str(inner.error) ?? "",
      code: str(inner.code),
      type: str(inner.type),
      status: str(inner.status),
      details: Array.isArray(inner.details) ? inner.details : [],
      metadata: isObject(inner.metadata) ? inner.metadata : null,
    };
  }
  if (Array.isArray(json.errors) && json.errors.length > 0) {
    const first = isObject(json.errors[0]) ? json.errors[0] : {};
    return { message: messageText(first.message) ?? "", code: str(first.code), type: null, status: null, details: [], metadata: null };
  }
  const message = messageText(json.message) ?? messageText(json.detail) ?? str(json.title) ?? "";
  return {
    message,
    code: str(json.code),
    type: str(json.type),
    status: str(json.title) ?? str(json.status),
    details: [],
    metadata: null,
  };
}

/** Mistral's 422 puts a pydantic `{detail:[...]}` object where the message string should be. */
function messageText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return null;
  if (isObject(value) && Array.isArray(value.detail)) {
    return value.detail.map((d) => (isObject(d) ? `${Array.isArray(d.loc) ? d.loc.join(".") : ""}: ${String(d.msg ?? "")}` : String(d))).join("; ");
  }
  return JSON.stringify(value);
}
