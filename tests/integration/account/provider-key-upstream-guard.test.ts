import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as addRoute } from "@/app/api/account/provider-keys/route";
import { POST as recheckRoute } from "@/app/api/account/provider-keys/[id]/recheck/route";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { markProviderKeyInvalid } from "@/lib/provider-keys";
import { startMockProvider, type MockProvider } from "@/tests/mocks";
import { call, twoUsers } from "./account-client";

// Key-shaped but fake, assembled at run time so no key-like literal sits in the repo.
const FAKE_GROQ_KEY = ["gsk", "abcdefghijkl12345678"].join("_");

let openai: MockProvider;
let servers: Server[] = [];

async function serve(handler: (req: { url: string; authorization: string }) => { status: number; headers?: Record<string, string>; body: string }) {
  const server = createServer((req, res) => {
    const answer = handler({ url: req.url ?? "", authorization: req.headers.authorization ?? "" });
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function allowPrivate(value: boolean) {
  process.env.ALLOW_PRIVATE_UPSTREAMS = String(value);
  resetEnvCache();
}

beforeAll(async () => {
  openai = await startMockProvider({ profile: "openai", zeroLatency: true });
});
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
  servers = [];
  delete process.env.ALLOW_PRIVATE_UPSTREAMS;
  resetEnvCache();
});
afterAll(async () => {
  await openai.close();
});

const add = (user: { id: string; email: string }, body: unknown) => call(addRoute, { method: "POST", path: "/api/account/provider-keys", user, body });

describe("custom endpoints and the outbound guard", () => {
  it.each([
    ["[::ffff:127.0.0.1]", "loopback"],
    ["[::ffff:7f00:1]", "loopback"],
    ["[0:0:0:0:0:ffff:127.0.0.1]", "loopback"],
    ["[::ffff:169.254.169.254]", "link-local"],
    ["[::ffff:10.0.0.1]", "private"],
  ])("refuses https://%s as a base URL with a 400 naming why, saving nothing", async (host, range) => {
    allowPrivate(false);
    const { alice } = await twoUsers();
    const port = new URL(openai.url).port;
    const res = await add(alice, { providerId: "custom", key: openai.keys[0], baseUrl: `https://${host}:${port}/v1` });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "unsafe_upstream", param: "baseUrl" });
    expect(res.body.error.message).toMatch(new RegExp(`a ${range} address, not a public one`));
    expect(await prisma.providerKey.count({ where: { userId: alice.id } })).toBe(0);
  });

  it("does not follow a redirect during the key check: the owner hears the provider redirected", async () => {
    allowPrivate(true);
    const { alice } = await twoUsers();
    const followed: string[] = [];
    const target = await serve(({ url }) => (followed.push(url), { status: 200, body: JSON.stringify({ data: [{ id: "internal-service-model" }] }) }));
    const redirector = await serve(() => ({ status: 302, headers: { location: `${target}/v1/models` }, body: "" }));
    const res = await add(alice, { providerId: "custom", key: openai.keys[0], baseUrl: `${redirector}/v1` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("provider_key_rejected");
    expect(res.body.error.message).toMatch(/could not check the key: The provider redirected \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/models\)/);
    expect(followed).toEqual([]);
    expect(await prisma.providerKey.count({ where: { userId: alice.id } })).toBe(0);
  });

  it("stores and shows an upstream error that echoes the key redacted", async () => {
    allowPrivate(true);
    const { alice } = await twoUsers();
    const secret = "my-custom-endpoint-secret-42";
    let echo = false;
    const upstream = await serve(({ authorization }) =>
      echo
        ? { status: 401, body: JSON.stringify({ error: { message: `Invalid API key: ${authorization.replace("Bearer ", "")} (sk-proj-AbCdEfGh12345678)` } }) }
        : { status: 200, body: JSON.stringify({ data: [{ id: "m" }] }) },
    );
    const created = await add(alice, { providerId: "custom", key: secret, baseUrl: `${upstream}/v1` });
    expect(created.status).toBe(201);
    const id = created.body.key.id as string;
    echo = true;
    const rechecked = await call(recheckRoute, { method: "POST", user: alice, params: { id } });
    expect(rechecked.body.key.status).toBe("invalid");
    expect(rechecked.body.key.statusReason).toMatch(/Invalid API key: \[redacted\] \(sk-proj-\[redacted\]\)/);
    const listed = await call(listRoute, { user: alice });
    const row = await prisma.providerKey.findUniqueOrThrow({ where: { id } });
    for (const text of [JSON.stringify(rechecked.body), JSON.stringify(listed.body), row.statusReason ?? ""]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("AbCdEfGh12345678");
    }

    // The gateway's own path (an upstream 401 during chat) stores its reason redacted and capped too.
    await markProviderKeyInvalid(id, `key ${FAKE_GROQ_KEY} rejected ${"x".repeat(2_000)}`);
    const marked = await prisma.providerKey.findUniqueOrThrow({ where: { id } });
    expect(marked.statusReason).toMatch(/^key gsk_\[redacted\] rejected x+/);
    expect(marked.statusReason!.length).toBeLessThanOrEqual(500);
  });
});
