import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface UpstreamHit {
  provider: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

export type Handler = (hit: UpstreamHit, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 answering as several providers at once (`/<provider>/...`), each
 * request scripted by the test's handler: for router unit tests that need one exact reply (a
 * given chunk sequence, a stall, a redirect) rather than a provider profile (`startMockProvider`).
 * Points `<PROVIDER>_BASE_URL` at itself for each provider given.
 */
export async function startMockUpstream(providers: Record<string, string>, handler: Handler) {
  const hits: UpstreamHit[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const [, provider, ...rest] = (req.url ?? "").split("/");
    const hit = { provider, path: `/${rest.join("/")}`, headers: req.headers, body: text ? JSON.parse(text) : {} };
    hits.push(hit);
    await handler(hit, res, req);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const previous: Record<string, string | undefined> = {};
  for (const [provider, envName] of Object.entries(providers)) {
    previous[envName] = process.env[envName];
    process.env[envName] = `http://127.0.0.1:${port}/${provider}`;
  }
  return {
    hits,
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export const completion = (content: string, usage = { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 }) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage,
});

export const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export function sseHead(res: ServerResponse) {
  res.writeHead(200, { "content-type": "text/event-stream" });
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
