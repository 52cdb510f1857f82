/**
 * Upstash's REST protocol in front of a plain Redis, so `@upstash/redis`'s own HTTP client (the
 * one a hosted deployment uses) runs in tests: POST / with one command as a JSON array, POST
 * /pipeline and /multi-exec with an array of them, `Authorization: Bearer <token>`, answers as
 * `{ result }` / `{ error }` (400 for a command error), strings base64-encoded when the client
 * sends `Upstash-Encoding: base64` (it always does). A path prefix `/port/<n>` picks the Redis
 * on 127.0.0.1:<n>, so one server fronts several (a test's proxy, a port nothing listens on).
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import IORedis from "ioredis";
import { createIoredisRequester, RedisUnavailableError } from "@/lib/redis/ioredis-requester";

export interface UpstashRestServer {
  /** The base URL for UPSTASH_REDIS_REST_URL (backed by the default Redis). */
  readonly url: string;
  readonly token: string;
  /** Base URL of the same server backed by the Redis on 127.0.0.1:<port>. */
  urlFor(redisPort: number): string;
  /** Every request seen: its path (`/`, `/pipeline`, `/multi-exec`) and encoding header. */
  readonly requests: Array<{ path: string; encoding: string | null }>;
  /** Cuts the connection of the next `count` requests without an answer (clients retry). */
  dropNext(count: number): void;
  close(): Promise<void>;
}

type Reply = { result?: unknown; error?: string };

/** Upstash leaves a bare OK as it is and base64-encodes every other string, nested ones included. */
function encode(value: unknown): unknown {
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

function encodeReply(reply: Reply, base64: boolean): Reply {
  if (reply.error !== undefined) return { error: reply.error };
  return { result: base64 ? encode(reply.result) : reply.result };
}

const isCommand = (value: unknown): value is [string, ...unknown[]] => Array.isArray(value) && value.length > 0 && typeof value[0] === "string";

export async function startUpstashRestServer(options: { redisUrl: string; token: string }): Promise<UpstashRestServer> {
  const backends = new Map<string, { client: IORedis; requester: ReturnType<typeof createIoredisRequester> }>();
  const requests: UpstashRestServer["requests"] = [];
  const sockets = new Set<Socket>();
  let drop = 0;

  function backend(redisUrl: string) {
    let entry = backends.get(redisUrl);
    if (!entry) {
      const client = new IORedis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => 100 });
      client.on("error", () => undefined);
      entry = { client, requester: createIoredisRequester(client, { timeoutMs: 1_000 }) };
      backends.set(redisUrl, entry);
    }
    return entry.requester;
  }

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://upstash.local");
    const match = /^(?:\/port\/(\d+))?(\/(?:pipeline|multi-exec))?\/?$/.exec(url.pathname);
    const encoding = req.headers["upstash-encoding"];
    requests.push({ path: match?.[2] ?? "/", encoding: typeof encoding === "string" ? encoding : null });
    if (drop > 0) {
      drop -= 1;
      req.socket.destroy();
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST" || !match) return send(res, 404, { error: "ERR this test server answers POST /, /pipeline and /multi-exec only" });

    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { error: "ERR failed to parse command" });
    }
    const batch = match[2]?.slice(1) as "pipeline" | "multi-exec" | undefined;
    if (batch ? !(Array.isArray(body) && body.length > 0 && body.every(isCommand)) : !isCommand(body)) {
      return send(res, 400, { error: "ERR failed to parse command" });
    }
    const requester = backend(match[1] ? `redis://127.0.0.1:${match[1]}` : options.redisUrl);
    const base64 = encoding === "base64";
    try {
      const answer = (await requester.request({ path: batch ? [batch] : undefined, body })) as Reply | Reply[];
      if (Array.isArray(answer))
        return send(
          res,
          200,
          answer.map((reply) => encodeReply(reply, base64)),
        );
      return send(res, answer.error === undefined ? 200 : 400, encodeReply(answer, base64));
    } catch (error) {
      // Redis behind the server is down or stalled past its wait: the service is unavailable.
      const message = error instanceof RedisUnavailableError ? error.message : String(error);
      return send(res, 503, { error: `ERR ${message}` });
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: `ERR ${String(error)}` });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token: options.token,
    urlFor: (redisPort) => `${base}/port/${redisPort}`,
    requests,
    dropNext(count) {
      drop = count;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      for (const { client } of backends.values()) client.disconnect();
    },
  };
}
