import { beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";
import { sessionCookie } from "@/tests/support/session-cookie";

// The dashboard playground over HTTP: the gateway path a unified key takes, authenticated by the
// session cookie instead, answering in OpenAI's format.
const appUrl = () => inject("appUrl");

async function playground(cookie: string | null, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${appUrl()}/api/account/playground/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl(), ...(cookie ? { cookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const chatCalls = async () => (await mock.requests("groq")).filter((request) => request.path.endsWith("/chat/completions"));

describe("the dashboard playground", () => {
  beforeEach(() => mock.reset("groq", "gemini"));

  it("answers through the signed-in user's chain and logs the request without a unified key", async () => {
    const { user } = await createGatewayUser(["groq"]);
    const response = await playground(await sessionCookie(user), { model: "auto", messages: [{ role: "user", content: "hello playground" }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    const body = await response.json();
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0].message.content).toContain("[groq:");
    const calls = await chatCalls();
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0].body)).toContain("hello playground");

    const requestId = response.headers.get("x-request-id");
    let row = null;
    for (let i = 0; i < 40 && !row; i++) {
      row = await prisma.requestLog.findFirst({ where: { userId: user.id, requestId: requestId ?? "" } });
      if (!row) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(row).toMatchObject({ userId: user.id, apiKeyId: null, providerId: "groq", status: 200 });
  });

  it("streams in OpenAI's SSE format", async () => {
    const { user } = await createGatewayUser(["groq"]);
    const response = await playground(await sessionCookie(user), { model: "auto", stream: true, messages: [{ role: "user", content: "stream it" }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    const events = text.split("\n\n").filter((frame) => frame.startsWith("data: "));
    expect(events.at(-1)).toBe("data: [DONE]");
    const content = events
      .slice(0, -1)
      .map((frame) => JSON.parse(frame.slice(6)))
      .map((chunk) => chunk.choices?.[0]?.delta?.content ?? "")
      .join("");
    expect(content).toContain("[groq:");
  });

  it("fails over like the gateway does", async () => {
    const { user } = await createGatewayUser(["groq", "gemini"]);
    await mock.faults("groq", [], { kind: "server-error", status: 500 });
    const response = await playground(await sessionCookie(user), { model: "auto", messages: [{ role: "user", content: "fail over" }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-freellmapi-provider")).toBe("gemini");
    expect((await chatCalls()).length).toBeGreaterThan(0);
  });

  it("refuses a request without a session, from another origin, or with a bad body", async () => {
    const { user } = await createGatewayUser(["groq"]);
    const cookie = await sessionCookie(user);

    const anonymous = await playground(null, { model: "auto", messages: [{ role: "user", content: "x" }] });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthorized");

    const crossSite = await playground(cookie, { model: "auto", messages: [{ role: "user", content: "x" }] }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);

    const malformed = await playground(cookie, "{not json");
    expect(malformed.status).toBe(400);

    const invalid = await playground(cookie, { model: "auto", messages: "not a list" });
    expect(invalid.status).toBe(400);
    const error = (await invalid.json()).error;
    expect(error).toMatchObject({ type: "invalid_request_error" });
    expect(error.param).toContain("messages");
    expect(await chatCalls()).toHaveLength(0);
  });

  it("lists the models the user's chain serves", async () => {
    const { user } = await createGatewayUser(["groq"]);
    const response = await fetch(`${appUrl()}/api/account/playground/models`, { headers: { cookie: await sessionCookie(user) } });
    expect(response.status).toBe(200);
    const body = await response.json();
    const ids = JSON.stringify(body);
    expect(ids).toContain("auto");
    expect(ids).toContain("llama-3.3-70b-versatile");
  });
});
