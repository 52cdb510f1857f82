import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { GET as getMe } from "@/app/api/account/me/route";
import { PATCH as changePassword } from "@/app/api/account/password/route";
import { DELETE as signOutEverywhere } from "@/app/api/account/sessions/route";
import { SESSION_CHECK_TTL_MS } from "@/lib/auth/user-sessions";
import { prisma } from "@/lib/db";
import { createUser, createUserSchema } from "@/lib/users";
import { installNextHeadersShim } from "./next-headers-shim";
import { APP, signIn, signOut } from "./sign-in-flow";

beforeAll(() => {
  installNextHeadersShim();
  process.env.NEXTAUTH_URL = APP;
});

type Handler = (request: Request, route: { params: Promise<Record<string, never>> }) => Promise<Response>;

/** Replays a cookie header against an account route, as a browser (or a thief) would. */
async function send(handler: Handler, cookie: string, method = "GET", body?: unknown) {
  const headers: Record<string, string> = { cookie, origin: APP };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`${APP}/api/account`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return handler(request, { params: Promise.resolve({}) });
}

const status = async (cookie: string) => (await send(getMe as Handler, cookie)).status;

async function signedInTwice() {
  const email = `sessions-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
  await createUser(createUserSchema.parse({ email, password: "first password" }));
  const laptop = await signIn(email, "first password", "198.51.100.1");
  const phone = await signIn(email, "first password", "198.51.100.2");
  return { email, laptop: laptop.jar, phone: phone.jar };
}

describe("sessions that really end", () => {
  it("sign-out ends that session: the old cookie replayed gets 401, other sessions stay", async () => {
    const { laptop, phone } = await signedInTwice();
    const stolen = laptop.header();
    expect(await status(stolen)).toBe(200);
    await signOut(laptop);
    expect(await status(stolen)).toBe(401);
    expect(await status(phone.header())).toBe(200);
  });

  it("a password change ends every other session and keeps this one", async () => {
    const { laptop, phone } = await signedInTwice();
    const answer = await send(changePassword as Handler, laptop.header(), "PATCH", { currentPassword: "first password", newPassword: "second password" });
    expect(answer.status).toBe(204);
    expect(await status(laptop.header())).toBe(200);
    expect(await status(phone.header())).toBe(401);
  });

  it("Sign out everywhere ends every other session", async () => {
    const { laptop, phone } = await signedInTwice();
    const answer = await send(signOutEverywhere as Handler, laptop.header(), "DELETE");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ended: 1 });
    expect(await status(phone.header())).toBe(401);
    expect(await status(laptop.header())).toBe(200);
  });

  it("account deletion ends all sessions", async () => {
    const { email, laptop, phone } = await signedInTwice();
    const answer = await send(deleteAccount as Handler, laptop.header(), "DELETE", { confirmEmail: email });
    expect(answer.status).toBe(204);
    expect(await status(laptop.header())).toBe(401);
    expect(await status(phone.header())).toBe(401);
  });

  it("another instance's revocation is honoured within the cache lifetime", async () => {
    const { laptop } = await signedInTwice();
    expect(await status(laptop.header())).toBe(200);
    // Deleted behind this instance's back, as another instance would: only the cache delays it.
    await prisma.userSession.deleteMany({ where: { user: { email: { startsWith: "sessions-" } } } });
    await new Promise((resolve) => setTimeout(resolve, SESSION_CHECK_TTL_MS + 100));
    expect(await status(laptop.header())).toBe(401);
  });
});
