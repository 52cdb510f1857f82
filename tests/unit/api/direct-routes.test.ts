/**
 * The bridge that answers /v1 routes without Next.js (lib/api/direct-routes.ts), on a real
 * Node.js server and real sockets: what the route handler receives, and how its answer is written.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { serveFromNode, type DirectHandler } from "@/lib/api/direct-routes";

let server: http.Server | null = null;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

/** A server whose requests go to `handler`, its headers first edited as the Next.js hook does. */
async function serve(handler: DirectHandler): Promise<string> {
  const node = serveFromNode(OPENAI_SURFACE, handler);
  server = http.createServer((req, res) => {
    req.headers["x-freellmapi-peer"] = "127.0.0.9";
    node(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** A raw HTTP exchange: what the server sent back, headers and (de-chunked) body. */
function request(url: string, options: http.RequestOptions, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("direct routes: the request the handler sees", () => {
  it("carries the method, the URL, the body, the headers as the server's hook left them, and no spoofed peer", async () => {
    let seen: { method: string; url: string; body: string; peer: string | null; accept: string | null } | null = null;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        body: await request.text(),
        peer: request.headers.get("x-freellmapi-peer"),
        accept: request.headers.get("accept"),
      };
      return Response.json({ ok: true });
    });
    const answer = await request(
      `${url}/v1/chat/completions?stream=1`,
      { method: "POST", headers: { "content-type": "application/json", "x-freellmapi-peer": "6.6.6.6", accept: "application/json" } },
      '{"model":"auto"}',
    );
    expect(answer.status).toBe(200);
    expect(seen).toEqual({
      method: "POST",
      url: `${url}/v1/chat/completions?stream=1`,
      body: '{"model":"auto"}',
      peer: "127.0.0.9",
      accept: "application/json",
    });
  });

  it("aborts the request's signal when the client leaves before the answer", async () => {
    let aborted: () => void = () => undefined;
    const abortedSeen = new Promise<void>((resolve) => (aborted = resolve));
    const url = await serve(
      (request) =>
        new Promise<Response>((resolve) =>
          request.signal.addEventListener("abort", () => {
            aborted();
            resolve(new Response(null, { status: 499 }));
          }),
        ),
    );
    const req = http.request(`${url}/v1/chat/completions`, { method: "POST" });
    req.on("error", () => undefined);
    req.end("{}");
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    await expect(Promise.race([abortedSeen.then(() => "aborted"), new Promise((resolve) => setTimeout(() => resolve("not aborted"), 2_000))])).resolves.toBe(
      "aborted",
    );
  });
  it("discards a body the handler did not read, and the connection serves the next request", async () => {
    const url = await serve(async (request) =>
      request.headers.get("authorization") ? Response.json({ body: (await request.text()).length }) : Response.json({ error: "no key" }, { status: 401 }),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const exchange = (headers: http.OutgoingHttpHeaders, body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(`${url}/v1/chat/completions`, { method: "POST", agent, headers }, (res) => {
          sockets.add(res.socket);
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const unread = await exchange({}, "x".repeat(1 << 20));
    const next = await exchange({ authorization: "Bearer key" }, "12345");
    agent.destroy();
    expect(unread.status).toBe(401);
    expect(next).toEqual({ status: 200, body: '{"body":5}' });
    expect(sockets.size).toBe(1);
  });
});

describe("direct routes: the answer written back", () => {
  it("sends a JSON answer in one piece with its Content-Length, and the handler's status and headers", async () => {
    const url = await serve(async () => new Response('{"error":"x"}', { status: 429, headers: { "content-type": "application/json", "retry-after": "7" } }));
    const answer = await request(`${url}/v1/chat/completions`, { method: "POST" }, "{}");
    expect(answer.status).toBe(429);
    expect(answer.headers["retry-after"]).toBe("7");
    expect(answer.headers["content-length"]).toBe("13");
    expect(answer.headers["transfer-encoding"]).toBeUndefined();
    expect(answer.body.toString()).toBe('{"error":"x"}');
  });

  it("gzips a JSON answer of a kilobyte or more for a client that accepts it, unless it says no-transform", async () => {
    const long = JSON.stringify({ text: "x".repeat(2_000) });
    const url = await serve(
      async (request) =>
        new Response(long, { headers: { "content-type": "application/json", ...(request.url.endsWith("keep") ? { "cache-control": "no-transform" } : {}) } }),
    );
    const gzipped = await request(`${url}/v1/models`, { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).toString()).toBe(long);
    const plain = await request(`${url}/v1/models?keep`, { headers: { "accept-encoding": "gzip" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(long);
    const none = await request(`${url}/v1/models`, {});
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(none.headers["content-length"]).toBe(String(long.length));
  });

  it("writes an event stream as it comes, uncompressed", async () => {
    let release: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (release = resolve));
    const url = await serve(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode("data: one\n\n"));
              await second;
              controller.enqueue(new TextEncoder().encode("data: two\n\n"));
              controller.close();
            },
          }),
          { headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform" } },
        ),
    );
    const first = await new Promise<string>((resolve) => {
      const req = http.request(`${url}/v1/chat/completions`, { method: "POST", headers: { "accept-encoding": "gzip" } }, (res) => {
        expect(res.headers["content-encoding"]).toBeUndefined();
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          // The first event arrives while the second is still held back by the handler.
          if (text === "data: one\n\n") release();
        });
        res.on("end", () => resolve(text));
      });
      req.end("{}");
    });
    expect(first).toBe("data: one\n\ndata: two\n\n");
  });

  it("cancels the event stream when the client leaves mid-answer", async () => {
    let cancelled: (reason: string) => void = () => undefined;
    const cancel = new Promise<string>((resolve) => (cancelled = resolve));
    const url = await serve(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("data: one\n\n"));
            },
            cancel() {
              cancelled("cancelled");
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        ),
    );
    const req = http.request(`${url}/v1/chat/completions`, { method: "POST" }, (res) => res.once("data", () => req.destroy()));
    req.on("error", () => undefined);
    req.end("{}");
    await expect(Promise.race([cancel, new Promise((resolve) => setTimeout(() => resolve("still running"), 2_000))])).resolves.toBe("cancelled");
  });

  it("holds a stream back for a slow client and still delivers every byte", async () => {
    const event = (i: number) => `data: ${String(i).padEnd(64 * 1024, "x")}\n\n`;
    const total = 200; // 13 MB, more than loopback's socket buffers hold
    let pulled = 0;
    const url = await serve(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              controller.enqueue(new TextEncoder().encode(event(pulled)));
              if (++pulled === total) controller.close();
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        ),
    );
    const { whilePaused, text } = await new Promise<{ whilePaused: number; text: string }>((resolve) => {
      const req = http.request(`${url}/v1/chat/completions`, { method: "POST" }, (res) => {
        res.pause();
        const chunks: Buffer[] = [];
        setTimeout(() => {
          const whilePaused = pulled;
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ whilePaused, text: Buffer.concat(chunks).toString() }));
          res.resume();
        }, 300);
      });
      req.end("{}");
    });
    expect(whilePaused).toBeLessThan(total / 2);
    expect(text).toBe(Array.from({ length: total }, (_, i) => event(i)).join(""));
  });

  it("answers a handler that throws with a 500 in the surface's envelope", async () => {
    const url = await serve(async () => {
      throw new Error("the bridge's own failure");
    });
    const answer = await request(`${url}/v1/chat/completions`, { method: "POST" }, "{}");
    expect(answer.status).toBe(500);
    const body = JSON.parse(answer.body.toString());
    expect(body.error.type).toBe("server_error");
    expect(body.error.message).not.toContain("the bridge's own failure");
  });
});
