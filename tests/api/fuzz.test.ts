/**
 * Hostile requests against the running app, over every route handler in app/ (every route.ts,
 * found on disk, so a new route is covered without touching this test): no answer may be a 5xx,
 * and every answer must be in its surface's documented JSON envelope.
 */
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { createTestUser } from "@/tests/support/factories";
import { enumerateRoutes } from "@/tests/support/route-files";
import { sessionCookie } from "@/tests/support/session-cookie";

const routes = enumerateRoutes();
// Route handlers under app/v1 are also served at /api/v1 (next.config.ts rewrites).
const servedPaths = routes.flatMap((route) => (route.template[0] === "v1" ? [route, { ...route, template: ["api", ...route.template] }] : [route]));

const percentBytes = (text: string) => [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));

/** Strings a hostile client sends: NUL, lone surrogates, huge, injection-shaped, plausible. */
const hostileText = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "\u202e",
    "' OR 1=1 --",
    "<script>",
    "../../etc/passwd",
    "auto",
    "groq/llama-3.3-70b-versatile",
    "x".repeat(3000),
    "",
  ),
  fc.string({ maxLength: 20 }),
  codeUnits,
);

/** A raw URL path segment, malformed percent-encodings included. */
const hostileSegment = fc.oneof(
  fc.constantFrom(
    "%00",
    "a%00b",
    "%E0%A4%A",
    "%",
    "%ZZ",
    "%25",
    "%25%25%25%25%25",
    "%C0%AF",
    "%ED%A0%80",
    "%FF",
    "%2e%2e",
    "%F0%9F%98%80",
    "%uD800",
    "%%",
    "%0",
    "%E2%82",
    "groq",
    "nope",
  ),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
  hostileText.filter((text) => text.length > 0).map(percentBytes),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")),
);

const cursorText = fc.oneof(
  fc.constantFrom("2026-01-01T00:00:00.000Z|\u0000", "-100000-01-01T00:00:00.000Z|x", "0000-01-01T00:00:00.000Z|x", "2026-01-01T00:00:00.000Z|abc"),
  hostileText,
);
const queryValue = fc.oneof(
  hostileText.map(percentBytes),
  fc.integer({ min: -10, max: 100_000 }).map(String),
  cursorText.map((t) => Buffer.from(t).toString("base64url")),
  hostileSegment,
);
const query = fc.dictionary(fc.constantFrom("days", "apiKeyId", "providerId", "model", "limit", "cursor", "status", "beta", "x"), queryValue, { maxKeys: 4 });

const FIELDS = [
  "name",
  "modelAllowlist",
  "expiresAt",
  "dailyRequestCap",
  "providerId",
  "key",
  "label",
  "baseUrl",
  "entries",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "confirmEmail",
  "model",
  "messages",
  "input",
  "stream",
  "tools",
  "max_tokens",
  "csrfToken",
];
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS, "role", "content", "pinnedModel"), hostileText), tie("node"), { maxKeys: 3 }),
  ),
})).node;
const chatLike = fc.record(
  {
    model: hostileText,
    messages: fc.array(fc.record({ role: fc.constantFrom("user", "system", "assistant", "tool", "x"), content: value }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }).map((b) => JSON.stringify(b)),
  chatLike.map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom("", "{not json", "null", "[]", "\u0000", "[".repeat(5000), '{"a":' + '"\\ud800"}'),
  fc.string({ maxLength: 40 }),
);

const auth = fc.constantFrom("session", "key", "none", "garbage");
const request = fc.record({
  route: fc.constantFrom(...servedPaths),
  methodIndex: fc.nat(),
  segments: fc.array(hostileSegment, { minLength: 1, maxLength: 3 }),
  query,
  body,
  auth,
  identifier: fc.option(hostileText.map(percentBytes), { nil: undefined }),
  contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"),
});

function buildPath(template: string[], segments: string[]) {
  let next = 0;
  return template
    .map((part) => {
      if (part.startsWith("[...")) return segments.join("/");
      if (part.startsWith("[")) return segments[next++ % segments.length];
      return part;
    })
    .join("/");
}

const surfaceOf = (pathname: string) =>
  pathname.startsWith("/api/auth/")
    ? "auth"
    : /^\/(api\/)?v1\/messages(\/|$)/.test(pathname)
      ? "anthropic"
      : pathname === "/api/account/playground/chat"
        ? "playground"
        : /^\/(api\/)?v1\//.test(pathname)
          ? "openai"
          : pathname === "/api/health"
            ? "health"
            : "account";

/** The documented envelope of each surface (docs/API.md, docs/ROUTING.md). */
function assertEnvelope(surface: string, status: number, contentType: string, text: string, what: string) {
  expect(status, what).toBeLessThan(500);
  // Node's HTTP parser answers an over-long request line or headers itself, before Next.js.
  if (status === 431) return;
  if (status === 204 || (status >= 300 && status < 400)) return;
  if (surface === "auth") {
    // next-auth's own protocol: JSON, redirects or its pages; only JSON is checked for shape.
    if (contentType.includes("json")) JSON.parse(text);
    return;
  }
  expect(contentType, what).toContain("application/json");
  const parsed = JSON.parse(text) as { error?: Record<string, unknown>; status?: unknown };
  if (status < 400) return;
  const error = parsed.error;
  expect(error, what).toBeTypeOf("object");
  if (surface === "anthropic") {
    expect((parsed as { type?: unknown }).type, what).toBe("error");
    expect(error!.type, what).toBeTypeOf("string");
    expect(error!.message, what).toBeTypeOf("string");
  } else if (surface === "playground") {
    // The session wrapper refuses (401, CSRF) in the account envelope, the gateway in OpenAI's.
    const accountShape = typeof error!.code === "string" && typeof error!.requestId === "string";
    const openAiShape = typeof error!.type === "string" && "param" in error!;
    expect(typeof error!.message === "string" && (accountShape || openAiShape), what).toBe(true);
  } else if (surface === "openai") {
    expect(error!.message, what).toBeTypeOf("string");
    expect(error!.type, what).toBeTypeOf("string");
    expect("param" in error! && "code" in error!, what).toBe(true);
  } else {
    expect(error!.code, what).toBeTypeOf("string");
    expect(error!.message, what).toBeTypeOf("string");
    expect(error!.requestId, what).toBeTypeOf("string");
  }
}

describe("hostile input over every route", () => {
  it("finds the routes from the files", () => {
    const templates = routes.map((r) => r.template.join("/"));
    expect(templates).toEqual(expect.arrayContaining(["v1/models/[...id]", "api/account/api-keys/[id]", "api/auth/[...nextauth]", "api/health"]));
    expect(routes.every((r) => r.methods.length > 0)).toBe(true);
  });

  it("never answers 5xx and always in the surface's envelope (1,200 generated requests)", { timeout: 600_000 }, async () => {
    const base = inject("appUrl");
    const user = await createTestUser();
    const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "fuzz" }));
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        // Mostly a method the route has a handler for, so the hostile input reaches the handler; now and then any method it exports.
        const pool = input.methodIndex % 5 === 0 || input.route.handled.length === 0 ? input.route.methods : input.route.handled;
        const method = pool[Math.floor(input.methodIndex / 5) % pool.length];
        const search = Object.entries(input.query)
          .map(([k, v]) => `${k}=${v}`)
          .join("&");
        // What is really sent: dot segments (`%2e%2e`) are resolved by the URL parser, and a path
        // that climbs out of the route's own prefix is some other path, not this route.
        const pathname = new URL(`${base}/${buildPath(input.route.template, input.segments)}`).pathname;
        const staticPrefix = `/${input.route.template.slice(0, input.route.template.findIndex((part) => part.startsWith("[")) >>> 0).join("/")}`;
        if (!pathname.startsWith(staticPrefix)) return;
        const headers: Record<string, string> = { "content-type": input.contentType, origin: base };
        // A fresh session each time: a generated sign-out or "sign out everywhere" must not blind the rest.
        if (input.auth === "session") headers.cookie = await sessionCookie(user);
        if (input.auth === "key") headers.authorization = `Bearer ${plaintext}`;
        if (input.auth === "garbage") {
          headers.cookie = "next-auth.session-token=%E0%A4%A";
          headers.authorization = "Bearer freellmapi-\u00ff";
        }
        if (input.identifier) headers["x-freellmapi-identifier"] = input.identifier;
        const response = await fetch(`${base}${pathname}${search ? `?${search}` : ""}`, {
          method,
          headers,
          body: method === "GET" ? undefined : input.body,
          redirect: "manual",
        }).catch((error: Error) => {
          // Headers fetch itself refuses to send (a non-Latin-1 value) never reached the app.
          if (error instanceof TypeError && /header|ByteString/i.test(`${error.message} ${error.cause ?? ""}`)) return null;
          throw error;
        });
        if (!response) return;
        sent++;
        const text = await response.text();
        assertEnvelope(
          surfaceOf(pathname),
          response.status,
          response.headers.get("content-type") ?? "",
          text,
          `${method} ${pathname}?${search} -> ${response.status} ${text.slice(0, 200)}`,
        );
      }),
      { numRuns: 1_200, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(sent).toBeGreaterThan(1_000);
  });
});

describe("the cases of the audit, one by one", () => {
  const base = () => inject("appUrl");

  it("malformed percent-encoding and double decoding in route segments are JSON 400s, not Next's page", async () => {
    const user = await createTestUser();
    const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "paths" }));
    const v1 = ["/v1/models/%E0%A4%A", "/v1/models/%", "/v1/models/%ZZ", "/api/v1/models/%ZZ"];
    for (const pathname of v1) {
      const response = await fetch(`${base()}${pathname}`, { headers: { authorization: `Bearer ${plaintext}` } });
      expect(response.status, pathname).toBe(400);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_request" });
    }
    for (const pathname of ["/v1/models/%25", "/v1/models/groq/%25%25%25%25%25"]) {
      const response = await fetch(`${base()}${pathname}`, { headers: { authorization: `Bearer ${plaintext}` } });
      expect(response.status, pathname).toBe(404);
      expect(((await response.json()) as { error: { type: string } }).error.type).toBe("not_found_error");
    }
    const cookie = await sessionCookie(user);
    for (const [method, pathname] of [
      ["DELETE", "/api/account/api-keys/%E0%A4%A"],
      ["DELETE", "/api/account/api-keys/%00"],
      ["POST", "/api/account/provider-keys/%00/recheck"],
    ]) {
      const response = await fetch(`${base()}${pathname}`, { method, headers: { cookie, origin: base() } });
      expect(response.status, pathname).toBe(400);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.requestId).toMatch(/^req_/);
    }
  });

  it("a NUL or lone surrogate in a gateway request's model is a 400 naming `model`", async () => {
    const user = await createTestUser();
    const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "model" }));
    for (const model of ["a\u0000b", "\uD800"]) {
      for (const pathname of ["/v1/chat/completions", "/v1/embeddings"]) {
        const payload = pathname.endsWith("embeddings") ? { model, input: "x" } : { model, messages: [{ role: "user", content: "x" }] };
        const response = await fetch(`${base()}${pathname}`, {
          method: "POST",
          headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" },
          body: JSON.stringify(payload),
        });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: { param: string } }).error.param).toBe("model");
      }
    }
  });
});
