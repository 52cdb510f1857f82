import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE as deleteAccountRoute } from "@/app/api/account/route";
import { GET as getMe } from "@/app/api/account/me/route";
import { PATCH as changePasswordRoute } from "@/app/api/account/password/route";
import { POST as signupRoute } from "@/app/api/account/signup/route";
import { GET as authProvidersRoute } from "@/app/api/account/auth-providers/route";
import { prisma } from "@/lib/db";
import { createUser, verifyCredentials, createUserSchema } from "@/lib/users";
import { createTestUser } from "@/tests/support/factories";
import { call } from "./account-client";

const unique = () => `u-${Math.random().toString(36).slice(2)}@example.test`;

describe("GET /api/account/me", () => {
  it("answers the signed-in user with a request id", async () => {
    const user = await createUser(createUserSchema.parse({ email: unique(), password: "correct horse", name: "Ada" }));
    const res = await call(getMe, { user });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, name: "Ada", hasPassword: true });
    expect(typeof res.body.createdAt).toBe("string");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("is 401 without a session, and with a forged or stale cookie", async () => {
    const none = await call(getMe);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: "unauthorized", requestId: none.headers.get("x-request-id") });
    const forged = await call(getMe, { headers: { cookie: "next-auth.session-token=not-a-jwt" } });
    expect(forged.status).toBe(401);
    const gone = await call(getMe, { user: { id: "deleted-user", email: "x@example.test" } });
    expect(gone.status).toBe(401);
  });

  it("reports hasPassword false for an OAuth-only user", async () => {
    const user = await createTestUser();
    expect((await call(getMe, { user })).body.hasPassword).toBe(false);
  });
});

describe("PATCH /api/account/password", () => {
  it("changes the password after checking the current one", async () => {
    const user = await createUser(createUserSchema.parse({ email: unique(), password: "first password" }));
    const wrong = await call(changePasswordRoute, { method: "PATCH", user, body: { currentPassword: "nope nope", newPassword: "second password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.param).toBe("currentPassword");
    const ok = await call(changePasswordRoute, { method: "PATCH", user, body: { currentPassword: "first password", newPassword: "second password" } });
    expect(ok.status).toBe(204);
    expect(await verifyCredentials(user.email, "second password")).toMatchObject({ id: user.id });
    expect(await verifyCredentials(user.email, "first password")).toBeNull();
  });

  it("names the field of a short password, and rejects malformed JSON and cross-site calls", async () => {
    const user = await createUser(createUserSchema.parse({ email: unique(), password: "first password" }));
    const short = await call(changePasswordRoute, { method: "PATCH", user, body: { currentPassword: "first password", newPassword: "short" } });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: "invalid_request", param: "newPassword" });
    const malformed = await call(changePasswordRoute, { method: "PATCH", user, rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("invalid_json");
    const csrf = await call(changePasswordRoute, {
      method: "PATCH",
      user,
      origin: "https://evil.example",
      body: { currentPassword: "first password", newPassword: "x".repeat(10) },
    });
    expect(csrf.status).toBe(403);
    const noOrigin = await call(changePasswordRoute, { method: "PATCH", user, origin: null, body: {} });
    expect(noOrigin.status).toBe(403);
    const fetchSite = await call(changePasswordRoute, { method: "PATCH", user, headers: { "sec-fetch-site": "cross-site" }, body: {} });
    expect(fetchSite.status).toBe(403);
    expect(await verifyCredentials(user.email, "first password")).not.toBeNull();
  });
});

describe("DELETE /api/account", () => {
  it("needs the account's own email, then removes the user and everything owned", async () => {
    const user = await createUser(createUserSchema.parse({ email: unique(), password: "first password" }));
    await prisma.fallbackEntry.create({ data: { userId: user.id, providerId: "groq", position: 0 } });
    const wrong = await call(deleteAccountRoute, { method: "DELETE", user, body: { confirmEmail: "someone@else.test" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.param).toBe("confirmEmail");
    const ok = await call(deleteAccountRoute, { method: "DELETE", user, body: { confirmEmail: user.email.toUpperCase() } });
    expect(ok.status).toBe(204);
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await prisma.fallbackEntry.count({ where: { userId: user.id } })).toBe(0);
    expect((await call(getMe, { user })).status).toBe(401);
  });
});

describe("POST /api/account/signup", () => {
  it("creates a user with a normalized email, 409 on a second sign-up", async () => {
    const email = unique();
    // Its own client address: the sign-up limit is per address and, with Redis, shared with other runs.
    process.env.TRUST_PROXY = "1";
    const headers = { "x-forwarded-for": `198.18.${randomBytes(2).join(".")}` };
    const res = await call(signupRoute, { method: "POST", headers, body: { email: `  ${email.toUpperCase()} `, password: "long enough" } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), email });
    const again = await call(signupRoute, { method: "POST", headers, body: { email, password: "long enough" } });
    delete process.env.TRUST_PROXY;
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    const stored = await prisma.user.findUnique({ where: { email } });
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it("validates input, checks Origin and rate-limits per address", async () => {
    const bad = await call(signupRoute, { method: "POST", body: { email: "not-an-email", password: "long enough" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("email");
    const csrf = await call(signupRoute, { method: "POST", origin: "https://evil.example", body: { email: unique(), password: "long enough" } });
    expect(csrf.status).toBe(403);
    // One proxy in front: its X-Forwarded-For names the address (without it, all callers share one).
    process.env.TRUST_PROXY = "1";
    // A fresh address per run: with REDIS_URL the limit is shared, and another database target's run counts too.
    const headers = { "x-forwarded-for": `198.18.${randomBytes(2).join(".")}` };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call(signupRoute, { method: "POST", headers, body: { email: "bad", password: "long enough" } })).status);
    }
    // Invalid input is rejected before it counts, so this address still has its budget.
    expect(statuses.every((s) => s === 400)).toBe(true);
    const results: number[] = [];
    for (let i = 0; i < 11; i++)
      results.push((await call(signupRoute, { method: "POST", headers, body: { email: unique(), password: "long enough" } })).status);
    expect(results.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(results[10]).toBe(429);
    delete process.env.TRUST_PROXY;
  });
});

describe("GET /api/account/auth-providers", () => {
  it("is public and lists only configured providers", async () => {
    const res = await call(authProvidersRoute);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ credentials: true, github: false, google: false, oidc: null });
  });
});
