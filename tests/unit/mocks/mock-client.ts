import type { MockProvider } from "@/tests/mocks";

export interface ChatChunk {
  id?: string;
  choices?: Array<{
    index: number;
    delta: Record<string, unknown> & { content?: string | null; tool_calls?: Array<Record<string, unknown>> };
    finish_reason: string | null;
  }>;
  usage?: Record<string, number> | null;
  error?: Record<string, unknown>;
  [key: string]: unknown;
}

export function post(mock: MockProvider, path: string, body: unknown, key: string | null = mock.keys[0]!) {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify(body),
  });
}

export function chat(mock: MockProvider, body: Record<string, unknown>, key?: string | null) {
  return post(mock, "/chat/completions", { messages: [{ role: "user", content: "hello" }], ...body }, key);
}

/** Splits an SSE body into data events, comment lines and whether `[DONE]` arrived. */
export function parseSse(text: string) {
  const events: ChatChunk[] = [];
  const comments: string[] = [];
  let done = false;
  for (const frame of text.split("\n\n")) {
    for (const line of frame.split("\n")) {
      if (line.startsWith(":")) comments.push(line);
      else if (line.startsWith("data:")) {
        const data = line.slice(5).trim();
        if (data === "[DONE]") done = true;
        else events.push(JSON.parse(data) as ChatChunk);
      }
    }
  }
  return { events, comments, done };
}

/** Reads a streamed body as far as the connection allows; `failed` tells whether it broke. */
export async function readUntilClose(res: Response): Promise<{ text: string; failed: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, failed: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, failed: true };
  }
}

export function streamedContent(events: ChatChunk[]): string {
  return events.map((e) => e.choices?.[0]?.delta?.content ?? "").join("");
}
