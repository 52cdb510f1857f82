import { describe, expect, it } from "vitest";
import { DELETE as revokeKey } from "@/app/api/account/api-keys/[id]/route";
import { POST as createKey } from "@/app/api/account/api-keys/route";
import { PUT as setChain } from "@/app/api/account/chain/route";
import { POST as recheckProviderKey } from "@/app/api/account/provider-keys/[id]/recheck/route";
import { DELETE as deleteProviderKey } from "@/app/api/account/provider-keys/[id]/route";
import { POST as addProviderKey } from "@/app/api/account/provider-keys/route";
import { GET as requestsRoute } from "@/app/api/account/requests/route";
import { GET as usageRoute } from "@/app/api/account/usage/route";
import { createTestUser } from "@/tests/support/factories";
import { call } from "./account-client";

const cursor = (text: string) => Buffer.from(text).toString("base64url");

// Each case once answered 500 (PostgreSQL refused the text, or the date, mid-query).
describe("text that cannot be stored is a 400 naming the field, never a 500", () => {
  it("in bodies: NUL and lone surrogates", async () => {
    const user = await createTestUser();
    type AnyHandler = (request: Request, route: { params: Promise<Record<string, never>> }) => Promise<Response>;
    const cases: Array<[AnyHandler, unknown, string]> = [
      [createKey, { name: "a\u0000b" }, "name"],
      [createKey, { name: "a\uD800b" }, "name"],
      [createKey, { name: "ok", modelAllowlist: ["a\u0000"] }, "modelAllowlist.0"],
      [createKey, { name: "ok", modelAllowlist: ["\uDC00x"] }, "modelAllowlist.0"],
      [addProviderKey, { providerId: "groq", key: "gsk_\u0000", label: "x" }, "key"],
      [addProviderKey, { providerId: "groq", key: "gsk_abc", label: "l\u0000" }, "label"],
      [setChain, { entries: [{ providerId: "groq", pinnedModel: "m\u0000" }] }, "entries.0.pinnedModel"],
    ];
    for (const [handler, body, param] of cases) {
      const method = handler === setChain ? "PUT" : "POST";
      const res = await call(handler, { method, user, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request", param });
      expect(res.body.error.message).toMatch(/cannot be stored/);
    }
  });

  it("in route segments", async () => {
    const user = await createTestUser();
    for (const id of ["\u0000", "a\u0000b", "\uD800"]) {
      for (const [handler, method] of [
        [revokeKey, "DELETE"],
        [deleteProviderKey, "DELETE"],
        [recheckProviderKey, "POST"],
      ] as const) {
        const res = await call<{ id: string }>(handler, { method, user, params: { id } });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: "invalid_request", param: "id" });
      }
    }
    // A well-formed id that names nothing is still a 404.
    expect((await call<{ id: string }>(revokeKey, { method: "DELETE", user, params: { id: "nope" } })).status).toBe(404);
  });

  it("in query filters and cursors, including a cursor whose date PostgreSQL cannot hold", async () => {
    const user = await createTestUser();
    for (const query of ["apiKeyId=%00", "providerId=%00", "model=a%00b"]) {
      const res = await call(usageRoute, { user, path: `/api/account/usage?${query}` });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    const cursors = [
      "MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafAA", // 2026-01-01T00:00:00.000Z|\0
      "LTEwMDAwMC0wMS0wMVQwMDowMDowMC4wMDBafHg", // -100000-01-01T00:00:00.000Z|x
      cursor("0000-01-01T00:00:00.000Z|x"),
      cursor("2026-13-45T00:00:00.000Z|x"),
      "%00",
    ];
    for (const value of cursors) {
      const res = await call(requestsRoute, { user, path: `/api/account/requests?cursor=${value}` });
      expect(res.status, value).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request", param: "cursor" });
    }
    const valid = await call(requestsRoute, { user, path: `/api/account/requests?cursor=${cursor("2026-01-01T00:00:00.000Z|abc")}` });
    expect(valid.status).toBe(200);
  });
});
