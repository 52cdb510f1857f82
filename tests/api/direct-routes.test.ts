/**
 * `npm start` answers the /v1 routes without Next.js's request pipeline once Next.js has loaded
 * their modules (lib/api/direct-routes.ts). What shows it from outside: Next.js sends every route
 * answer chunked, the direct routes send a JSON answer whole, with its Content-Length.
 */
import { describe, expect, inject, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

const messages = [{ role: "user", content: "hello there" }];
const CALLS: Array<[method: "GET" | "POST", path: string, body?: unknown]> = [
  ["POST", "/v1/chat/completions", { model: "auto", messages }],
  ["POST", "/api/v1/chat/completions?from=query", { model: "auto", messages }],
  ["POST", "/v1/completions", { model: "auto", prompt: "hello" }],
  ["POST", "/v1/embeddings", { model: "auto", input: "hello" }],
  ["POST", "/v1/messages", { model: "auto", max_tokens: 32, messages }],
  ["POST", "/v1/messages/count_tokens", { model: "auto", messages }],
  ["POST", "/v1/responses", { model: "auto", input: "hello" }],
  ["POST", "/v1/tokens", { ttlSeconds: 60 }],
  ["GET", "/v1/models"],
  ["GET", "/v1/status"],
];

describe("direct routes", () => {
  it("answer every static /v1 route in one piece, with its Content-Length, from the route's second request on", async () => {
    mock.reset("groq");
    const { plaintext } = await createGatewayUser(["groq"]);
    for (const [method, path, body] of CALLS) {
      const call = () =>
        fetch(`${inject("appUrl")}${path}`, {
          method,
          headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json", "accept-encoding": "identity" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      await (await call()).arrayBuffer(); // the first may be Next.js's, which loads the route
      const response = await call();
      const text = Buffer.from(await response.arrayBuffer());
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("content-type"), path).toContain("application/json");
      expect(response.headers.get("content-length"), path).toBe(String(text.byteLength));
      expect(response.headers.get("x-request-id"), path).toMatch(/^req_/);
      expect(response.headers.get("access-control-allow-origin"), path).toBe("*");
    }
  });

  it("leave the rest to Next.js: the dynamic routes, other methods and the preflight", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const headers = { authorization: `Bearer ${plaintext}` };
    for (const [method, path] of [
      ["GET", "/v1/models/openai/gpt-oss-120b"],
      ["GET", "/v1/no-such-route"],
      ["PUT", "/v1/chat/completions"],
      ["OPTIONS", "/v1/chat/completions"],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${inject("appUrl")}${path}`, { method, headers });
        await response.arrayBuffer();
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        expect(response.headers.get("content-length"), `${method} ${path}`).toBeNull();
      }
    }
  });
});
