import { beforeEach, describe, expect, inject, it } from "vitest";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";
import { ROUTE_METHODS, enumerateRoutes } from "@/tests/support/route-files";

const app = () => inject("appUrl");

describe("every /v1 path answers JSON", () => {
  it("an unknown path is a 404 in OpenAI's envelope with the request id", async () => {
    for (const path of ["/v1/nope", "/v1/chat/complete", "/v1/a/b/c", "/api/v1/unknown"]) {
      const response = await fetch(`${app()}${path}`, { method: "POST", body: "{}" });
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = await response.json();
      expect(body.error.code).toBe("not_found");
      expect(body.error.type).toBe("not_found_error");
      expect(body.error.request_id).toMatch(/^req_/);
      expect(response.headers.get("x-request-id")).toBe(body.error.request_id);
    }
  });

  it("an unknown path under /v1/messages answers in Anthropic's envelope", async () => {
    const response = await fetch(`${app()}/v1/messages/nope`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    expect(response.headers.get("request-id")).toMatch(/^req_/);
  });

  it("a wrong method is a 405 in the envelope, naming what is allowed", async () => {
    for (const [method, path] of [
      ["GET", "/v1/chat/completions"],
      ["DELETE", "/v1/embeddings"],
      ["POST", "/v1/models"],
      ["PUT", "/v1/models/groq/x"],
    ]) {
      const response = await fetch(`${app()}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      const body = await response.json();
      expect(body.error.code).toBe("method_not_allowed");
      expect(response.headers.get("allow")).toContain(method === "GET" || method === "DELETE" ? "POST" : "GET");
    }
  });

  it("an account route answers a wrong method with a JSON 405, also when a dot segment resolves the path onto it", async () => {
    for (const [method, path, allow] of [
      ["PUT", "/api/account/api-keys/%2e/cache", "PATCH, DELETE"],
      ["GET", "/api/account/provider-keys/some-id", "DELETE"],
    ]) {
      const response = await fetch(`${app()}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect((await response.json()).error.code).toBe("method_not_allowed");
      expect(response.headers.get("allow")).toBe(allow);
    }
  });

  it("authenticates with x-api-key as well as a bearer token", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const response = await fetch(`${app()}/v1/models`, { headers: { "x-api-key": plaintext } });
    expect(response.status).toBe(200);
    expect((await response.json()).data.length).toBeGreaterThan(0);
  });
});

describe("every account route answers a method it has no handler for with a JSON 405", () => {
  // Every route file under app/api/account, found on disk: a new one is covered without touching this.
  const accountRoutes = enumerateRoutes().filter((route) => route.template.slice(0, 2).join("/") === "api/account");
  const pathOf = (template: string[]) => `/${template.map((part) => (part.startsWith("[") ? "some-id" : part)).join("/")}`;

  it("finds the route files and what each handles", () => {
    expect(accountRoutes.map((route) => pathOf(route.template))).toEqual(
      expect.arrayContaining(["/api/account", "/api/account/me", "/api/account/api-keys/some-id/cache", "/api/account/playground/chat"]),
    );
    expect(accountRoutes.length).toBeGreaterThanOrEqual(22);
    for (const route of accountRoutes) expect(route.handled.length, pathOf(route.template)).toBeGreaterThan(0);
  });

  it("in the account envelope, before any session check, with Allow naming exactly the handled methods", async () => {
    let checked = 0;
    for (const route of accountRoutes) {
      const path = pathOf(route.template);
      for (const method of ROUTE_METHODS.filter((m) => !route.handled.includes(m))) {
        const response = await fetch(`${app()}${path}`, { method });
        const what = `${method} ${path}`;
        expect(response.status, what).toBe(405);
        expect(response.headers.get("content-type"), what).toContain("application/json");
        const body = await response.json();
        expect(body.error, what).toMatchObject({ code: "method_not_allowed", message: expect.any(String), requestId: expect.stringMatching(/^req_/) });
        expect(response.headers.get("x-request-id"), what).toBe(body.error.requestId);
        expect(response.headers.get("allow")?.split(", ").sort(), what).toEqual([...route.handled].sort());
        checked++;
      }
      // And the handled ones reach their handler (401 without a session, or the public route's answer).
      for (const method of route.handled) {
        const response = await fetch(`${app()}${path}`, { method });
        expect(response.status, `${method} ${path}`).not.toBe(405);
        await response.body?.cancel();
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("OPTIONS names the same handled methods (HEAD with GET), not every method the file exports", async () => {
    for (const route of accountRoutes) {
      const path = pathOf(route.template);
      const response = await fetch(`${app()}${path}`, { method: "OPTIONS" });
      expect(response.status, path).toBe(204);
      const expected = [...route.handled, ...(route.handled.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort();
      expect(response.headers.get("allow")?.split(", "), path).toEqual(expected);
    }
  });
});

describe("CORS on /v1", () => {
  // Faults another file left on the mock (files share it) must not decide this one.
  beforeEach(() => mock.reset("groq"));
  it("answers the preflight of a browser call with a bearer key and our headers", async () => {
    const response = await fetch(`${app()}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://static.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-freellmapi-identifier",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")).toContain("x-freellmapi-identifier");
  });

  it("exposes the request id, limit and routing headers on answers and on errors", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const ok = await fetch(`${app()}/v1/chat/completions`, {
      method: "POST",
      headers: { origin: "https://static.example", authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    const exposed = ok.headers.get("access-control-expose-headers") ?? "";
    for (const name of ["x-request-id", "retry-after", "x-ratelimit-remaining", "x-freellmapi-provider"]) expect(exposed).toContain(name);
    const denied = await fetch(`${app()}/v1/models`, { headers: { origin: "https://static.example" } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("the dashboard API sends no CORS headers", async () => {
    const response = await fetch(`${app()}/api/account/me`, { headers: { origin: "https://static.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
