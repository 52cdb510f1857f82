import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const hooks = path.resolve("scripts/next-server-hooks.cjs");

/** A plain node HTTP server with the hooks `npm start` loads into Next.js. */
function serveWithHooks(host: string) {
  const script = `
    const http = require("node:http");
    const server = http.createServer((req, res) => res.end(JSON.stringify({ peer: req.headers["x-freellmapi-peer"], hook: process.env.FREELLMAPI_PEER_HOOK })));
    server.listen(0, ${JSON.stringify(host)});`;
  const child = spawn(process.execPath, ["--require", hooks, "-e", script], { env: { ...process.env, FREELLMAPI_MODE_LABEL: "Embedded" } });
  const line = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => resolve(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`exited ${code}`)));
  });
  return { child, line };
}

describe("the server hooks npm start loads into Next.js", () => {
  it("print the address really listened on, and give handlers the socket address a client cannot forge", async () => {
    const { child, line } = serveWithHooks("127.0.0.1");
    try {
      const printed = await line;
      const match = printed.match(/^\[freellmapi\] Embedded mode: listening on http:\/\/127\.0\.0\.1:(\d+)\n$/);
      expect(match, printed).not.toBeNull();
      const answer = await fetch(`http://127.0.0.1:${match![1]}/`, { headers: { "x-freellmapi-peer": "6.6.6.6" } });
      expect(await answer.json()).toEqual({ peer: "127.0.0.1", hook: "1" });
    } finally {
      child.kill();
    }
  });
});
