import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";
import { inProcessScheduler } from "@/lib/env";
import { log } from "@/lib/log";
import type { ApiSurface } from "./api-surface";
import { newRequestId } from "./with-api-key";

/**
 * The gateway's /v1 routes answered without Next.js's request pipeline, under `npm start`.
 *
 * Next.js spends about as much CPU routing a request to a handler and writing its answer back
 * (router, rewrites, manifests, tracing, request objects) as the gateway spends on the request
 * itself: half of the server's CPU per request in docs/BENCHMARKS.md ("Direct routes"). The
 * Next.js server's hook (scripts/next-server-hooks.cjs) puts a table on globalThis and hands it
 * each request whose method and path a route file registered there, and Next.js every other one.
 * A route registers itself when Next.js loads its module, so the handler called is the one
 * Next.js would call, with the same module state. Without the hook (`next start`, Vercel), in
 * development (Next.js reloads modules there) and when no in-process scheduler runs (usage is
 * then written by Next.js's `after()`, which needs its request scope), nothing registers and
 * every request goes through Next.js as before.
 */
export type DirectHandler = (request: Request) => Promise<Response>;
type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const slot = Symbol.for("freellmapi.direct-routes");

export function registerDirectRoute(method: string, path: string, surface: ApiSurface, handler: DirectHandler): void {
  const table = (globalThis as { [slot]?: Map<string, NodeHandler> })[slot];
  if (!table || process.env.NODE_ENV !== "production" || !schedulerRuns()) return;
  const serve = serveFromNode(surface, handler);
  // next.config.ts rewrites /api/v1/* to /v1/*; both spellings are answered alike.
  table.set(`${method} ${path}`, serve);
  table.set(`${method} /api${path}`, serve);
}

function schedulerRuns(): boolean {
  try {
    return inProcessScheduler();
  } catch {
    return false; // an invalid environment: Next.js's path answers with the handler's own error
  }
}

// Next.js's own compression (the same middleware): gzip where the client accepts it, the answer
// is 1 KB or more (read from Content-Length) and it does not say `no-transform` (http-response.ts).
const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** A Node.js request handler that calls a Fetch API route handler, as Next.js would. */
export function serveFromNode(surface: ApiSurface, handler: DirectHandler): NodeHandler {
  return (req, res) => {
    const closed = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) closed.abort();
    });
    compress(req, res, () => {
      answer(req, res, closed.signal, handler).catch((error: unknown) => {
        // Route handlers answer their own errors; this is a failure of the bridge itself.
        log.error("Unhandled error in a direct /v1 route", error);
        if (res.headersSent) return res.destroy();
        send(surface.errorResponse(error, newRequestId()), res, closed.signal).catch(() => res.destroy());
      });
    });
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, signal: AbortSignal, handler: DirectHandler): Promise<void> {
  const response = await handler(toRequest(req, signal));
  await send(response, res, signal);
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  // From `req.headers`, not the raw list: the hook has put the peer's address there, in place of
  // any value a client sent under that name.
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  // The body is the Node.js stream itself, as Next.js passes it: read only if the handler reads
  // it, so an unread one is discarded when the answer ends and the connection stays usable.
  const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
  const init = { method: req.method, headers, signal, body: hasBody ? req : null, duplex: "half" } as unknown as RequestInit;
  try {
    return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, init);
  } catch {
    return new Request(`http://localhost${req.url}`, init); // a Host header that is no host
  }
}

async function send(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body) return void res.end();

  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    // A JSON answer is complete when the handler returns: one write, with its length.
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("content-length", body.byteLength);
    return void res.end(body);
  }
  // An event stream goes out as it comes; a client that leaves cancels it (and with it the
  // upstream call), and a slow one holds it back.
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  if (signal.aborted) return cancel();
  signal.addEventListener("abort", cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res, signal);
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.on("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
