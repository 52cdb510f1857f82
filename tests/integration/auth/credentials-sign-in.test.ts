import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/account/me/route";
import { createUser, createUserSchema } from "@/lib/users";
import { installNextHeadersShim } from "./next-headers-shim";
import { APP, signIn } from "./sign-in-flow";

beforeAll(() => {
  installNextHeadersShim();
  process.env.NEXTAUTH_URL = APP;
});

afterEach(() => {
  delete process.env.TRUST_PROXY;
});

describe("email and password sign-in", () => {
  it("starts a session that the account API accepts", async () => {
    const email = `cred-${Date.now()}@example.test`;
    const user = await createUser(createUserSchema.parse({ email, password: "good password" }));
    const { jar, url } = await signIn(email.toUpperCase(), "good password");
    expect(url).not.toContain("error");
    expect(jar.get("next-auth.session-token")).toBeTruthy();
    const me = await getMe(new Request(`${APP}/api/account/me`, { headers: { cookie: jar.header() } }), { params: Promise.resolve({}) });
    expect((await me.json()).id).toBe(user.id);
  });

  it("answers the same generic error for a wrong password and an unknown email", async () => {
    const email = `cred2-${Date.now()}@example.test`;
    await createUser(createUserSchema.parse({ email, password: "good password" }));
    const wrong = await signIn(email, "bad password");
    const unknown = await signIn(`nobody-${Date.now()}@example.test`, "bad password");
    const errorOf = (url: string) => new URL(url).searchParams.get("error");
    expect(errorOf(wrong.url)).toBe("Invalid email or password");
    expect(errorOf(unknown.url)).toBe(errorOf(wrong.url));
    expect(wrong.jar.get("next-auth.session-token")).toBeUndefined();
  });

  it("backs off per email and address, even with the right password afterwards; another address is not affected", async () => {
    process.env.TRUST_PROXY = "1";
    const email = `cred3-${Date.now()}@example.test`;
    await createUser(createUserSchema.parse({ email, password: "good password" }));
    for (let i = 0; i < 5; i++) await signIn(email, `wrong ${i}`, "198.51.100.9");
    const blocked = await signIn(email, "good password", "198.51.100.9");
    expect(new URL(blocked.url).searchParams.get("error")).toMatch(/Too many sign-in attempts/);
    const other = await signIn(email, "good password", "198.51.100.10");
    expect(other.jar.get("next-auth.session-token")).toBeTruthy();
  });

  it("ignores X-Forwarded-For without TRUST_PROXY: a rotating header does not reset the backoff", async () => {
    const email = `cred4-${Date.now()}@example.test`;
    await createUser(createUserSchema.parse({ email, password: "good password" }));
    for (let i = 0; i < 5; i++) await signIn(email, `wrong ${i}`, `203.0.113.${i + 1}`);
    const blocked = await signIn(email, "good password", "203.0.113.200");
    expect(new URL(blocked.url).searchParams.get("error")).toMatch(/Too many sign-in attempts/);
  });

  it("lets the owner in while strangers fail from many addresses (no per-email lock)", { timeout: 60_000 }, async () => {
    process.env.TRUST_PROXY = "1";
    const email = `cred5-${Date.now()}@example.test`;
    await createUser(createUserSchema.parse({ email, password: "good password" }));
    // 31: one more than the per-email lock this replaced allowed.
    for (let i = 0; i < 31; i++) await signIn(email, `wrong ${i}`, `203.0.113.${i + 1}`);
    const owner = await signIn(email, "good password", "198.51.100.77");
    expect(owner.jar.get("next-auth.session-token")).toBeTruthy();
  });
});
