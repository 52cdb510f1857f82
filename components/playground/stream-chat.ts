// Streams one chat completion from the playground endpoint: OpenAI SSE in, text deltas out.

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface StreamMeta {
  provider: string | null;
  model: string | null;
  requestId: string | null;
  /** `provider/model:outcome` for every try, in order (x-freellmapi-fallback-trail). */
  trail: { provider: string; model: string; outcome: string }[];
}

function parseTrail(header: string | null): StreamMeta["trail"] {
  return (header ?? "")
    .split(",")
    .filter(Boolean)
    .map((part) => {
      const colon = part.lastIndexOf(":");
      const slash = part.indexOf("/");
      return { provider: part.slice(0, slash), model: part.slice(slash + 1, colon), outcome: part.slice(colon + 1) };
    });
}

export class PlaygroundError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = "PlaygroundError";
  }
}

interface ErrorBody {
  error?: { message?: string; code?: string | null; type?: string };
}

function toError(body: ErrorBody | undefined, status: number, requestId: string | null = null): PlaygroundError {
  const error = body?.error;
  return new PlaygroundError(error?.message ?? `The gateway answered ${status}.`, error?.code ?? error?.type ?? null, status, requestId);
}

export async function streamChat(
  body: { model: string; messages: ChatTurn[] },
  handlers: { onMeta: (meta: StreamMeta) => void; onDelta: (text: string) => void },
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/account/playground/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, stream: true }),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new PlaygroundError("Could not reach the server. Check your connection and try again.", "network_error", 0);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    let parsed: ErrorBody | undefined;
    try {
      parsed = JSON.parse(text) as ErrorBody;
    } catch {
      parsed = undefined;
    }
    throw toError(parsed, response.status, response.headers.get("x-request-id"));
  }
  handlers.onMeta({
    provider: response.headers.get("x-freellmapi-provider"),
    model: response.headers.get("x-freellmapi-model"),
    requestId: response.headers.get("x-request-id"),
    trail: parseTrail(response.headers.get("x-freellmapi-fallback-trail")),
  });

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split(/\r?\n\r?\n/);
    buffer = events.pop() ?? "";
    for (const event of events) {
      if (handleEvent(event, handlers, response.status) === "done") return;
    }
  }
  if (buffer.trim()) handleEvent(buffer, handlers, response.status);
}

function handleEvent(event: string, handlers: { onDelta: (text: string) => void }, status: number): "done" | void {
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith("data:")) continue;
    const payload = line.slice(5).trim();
    if (payload === "[DONE]") return "done";
    let chunk: { choices?: { delta?: { content?: string | null } }[] } & ErrorBody;
    try {
      chunk = JSON.parse(payload);
    } catch {
      continue;
    }
    // The gateway reports a stream that broke off mid-answer as an in-band error event.
    if (chunk.error) throw toError(chunk, status);
    const text = chunk.choices?.[0]?.delta?.content;
    if (text) handlers.onDelta(text);
  }
}
