/**
 * How the app's answers meet Next.js's response compression, which gzips whatever a client accepts
 * it for (the SDKs' fetch and httpx ask for gzip on every request); the direct routes run the same
 * middleware (direct-routes.ts). `Cache-Control: no-transform` is what makes it leave an answer alone:
 * - a JSON answer under compression's own 1 KB threshold. The threshold reads Content-Length, which
 *   Next.js drops from route answers, so without this every answer was gzipped. For a few hundred
 *   bytes that saves nothing and cost about 200-250 µs of CPU here (docs/BENCHMARKS.md). A model
 *   list, a long answer or a batch of embeddings is still compressed;
 * - an event stream, always: each event is flushed as it comes, and a zlib flush per event put
 *   0.35-0.45 ms before the first token.
 */
const COMPRESSION_THRESHOLD_BYTES = 1024;

export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  if (Buffer.byteLength(text) < COMPRESSION_THRESHOLD_BYTES) {
    const cacheControl = headers.get("cache-control");
    headers.set("cache-control", cacheControl ? `${cacheControl}, no-transform` : "no-transform");
  }
  return new Response(text, { status: init.status ?? 200, headers });
}

/** Not cached, not buffered by a proxy (nginx reads `x-accel-buffering`), not compressed. */
export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

export function eventStreamResponse(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Response {
  return new Response(body, { status: 200, headers: { ...headers, ...EVENT_STREAM_HEADERS } });
}
