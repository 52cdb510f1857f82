/**
 * Response compression as the SDKs meet it: their fetch (and Python's httpx) sends
 * `accept-encoding: gzip` on every request. Short answers and event streams come back as they are;
 * an answer over a kilobyte is still gzipped (lib/api/http-response.ts).
 */
import { beforeEach, describe, expect, inject, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

const GZIP = { "accept-encoding": "gzip, deflate" };

async function post(path: string, key: string, body: unknown) {
  return fetch(`${inject("appUrl")}${path}`, {
    method: "POST",
    headers: { ...GZIP, authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("response compression", () => {
  beforeEach(() => mock.reset("groq"));

  it("sends a short JSON answer uncompressed", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const response = await post("/v1/chat/completions", plaintext, { model: "auto", messages: [{ role: "user", content: "short" }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const text = await response.text();
    expect(text.length).toBeLessThan(1024);
    expect(JSON.parse(text).choices[0].message.content).toContain("echo: short");
  });

  it("gzips an answer over a kilobyte", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const long = "a long prompt echoed back ".repeat(80);
    const response = await post("/v1/chat/completions", plaintext, { model: "auto", messages: [{ role: "user", content: long }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("cache-control") ?? "").not.toContain("no-transform");
    expect((await response.json()).choices[0].message.content).toContain(long.trim());
  });

  it("never compresses an event stream, on any surface", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const messages = [{ role: "user", content: "stream this ".repeat(200) }];
    for (const [path, body, end] of [
      ["/v1/chat/completions", { model: "auto", stream: true, messages }, "data: [DONE]"],
      ["/v1/messages", { model: "auto", max_tokens: 64, stream: true, messages }, "event: message_stop"],
      ["/v1/responses", { model: "auto", stream: true, input: messages[0].content }, "event: response.completed"],
    ] as const) {
      const response = await post(path, plaintext, body);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toContain("text/event-stream");
      expect(response.headers.get("content-encoding"), path).toBeNull();
      expect(response.headers.get("cache-control"), path).toBe("no-cache, no-transform");
      expect(await response.text(), path).toContain(end);
    }
  });

  it("sends a short error uncompressed, in its envelope", async () => {
    const response = await post("/v1/chat/completions", "freellmapi-not-a-key", { model: "auto", messages: [] });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect((await response.json()).error.code).toBe("invalid_api_key");
  });
});
