import { createServer, type Server } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { assertSafeUpstreamUrl } from "@/lib/providers/assert-safe-upstream-url";
import { ProviderRequestError, UnsafeUpstreamError } from "@/lib/providers/errors";
import { listModels } from "@/lib/providers/list-models";
import { blockedAddressRange } from "@/lib/providers/outbound/address-policy";
import { createOutboundAgent, outboundDispatcher } from "@/lib/providers/outbound/outbound-agent";

// A loopback HTTP server counting connections and requests: a refusal must open no socket at all.
async function startServer(handler: (path: string) => { status: number; headers?: Record<string, string>; body: string }) {
  const seen = { connections: 0, paths: [] as string[] };
  const server: Server = createServer((req, res) => {
    seen.paths.push(req.url ?? "");
    const answer = handler(req.url ?? "");
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body);
  });
  server.on("connection", () => void (seen.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

// A resolver that answers every name with one address, as a hostile DNS (or a rebinding one) would.
const resolvesTo =
  (address: string): LookupFunction =>
  (_host, options, callback) => {
    const family = address.includes(":") ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };

describe("blockedAddressRange: every notation of a non-public address", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:127.0.0.1", "loopback"],
    ["[::ffff:127.0.0.1]", "loopback"],
    ["::127.0.0.1", "loopback"],
    ["::ffff:0:127.0.0.1", "loopback"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["169.254.169.254", "linkLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::10.0.0.1", "private"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["fe80::1", "linkLocal"],
    ["fe80::1%eth0", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["198.51.100.7", "reserved"],
    ["203.0.113.9", "reserved"],
    ["2001:db8::1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["64:ff9b:1::a00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
    ["not-an-ip", "unparsable"],
  ])("%s is %s", (address, range) => {
    expect(blockedAddressRange(address)).toBe(range);
  });

  it("lets public addresses through, in IPv4, IPv6, mapped and NAT64 form", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8"]) {
      expect(blockedAddressRange(address), address).toBeNull();
    }
  });
});

describe("assertSafeUpstreamUrl", () => {
  it.each([
    ["https://[::ffff:127.0.0.1]:8443/v1", /loopback/],
    ["https://[::ffff:7f00:1]/v1", /loopback/],
    ["https://[0:0:0:0:0:ffff:127.0.0.1]/v1", /loopback/],
    ["https://[::ffff:169.254.169.254]/latest", /link-local/],
    ["https://[::ffff:10.0.0.1]/v1", /private/],
    ["https://[64:ff9b::a9fe:a9fe]/v1", /link-local/],
    ["https://[fd00:ec2::254]/v1", /unique-local/],
    ["https://2130706433/v1", /loopback/],
    ["https://0x7f.1/v1", /loopback/],
    ["https://localhost/v1", /"localhost" resolves to .*loopback/],
    ["https://100.64.1.1/v1", /carrier-grade NAT/],
  ])("refuses %s, naming the range", async (url, reason) => {
    const error = await assertSafeUpstreamUrl(url, { allowPrivate: false }).catch((e) => e);
    expect(error).toBeInstanceOf(UnsafeUpstreamError);
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/ALLOW_PRIVATE_UPSTREAMS=true/);
  });

  it("still refuses http and credentials, and lets ALLOW_PRIVATE_UPSTREAMS reach a local Ollama", async () => {
    await expect(assertSafeUpstreamUrl("http://example.com/v1", { allowPrivate: false })).rejects.toThrow(/https/);
    await expect(assertSafeUpstreamUrl("https://u:p@8.8.8.8/v1", { allowPrivate: false })).rejects.toThrow(/credentials/);
    await expect(assertSafeUpstreamUrl("https://8.8.8.8/v1", { allowPrivate: false })).resolves.toBeInstanceOf(URL);
    await expect(assertSafeUpstreamUrl("http://[::ffff:127.0.0.1]:11434/v1", { allowPrivate: true })).resolves.toBeInstanceOf(URL);
  });
});

describe("the guarded outbound agent checks the address it connects to", () => {
  it("refuses a name that resolves to 127.0.0.1 at connect time, opening no socket", async () => {
    const server = await startServer(() => ({ status: 200, body: "{}" }));
    servers.push(server);
    const agent = createOutboundAgent({ allowPrivate: false, connectTimeoutMs: 2_000, lookup: resolvesTo("127.0.0.1") });
    servers.push(agent);
    const error = await request(`http://api.provider.example:${server.port}/v1/models`, { dispatcher: agent }).catch((e) => e);
    expect(error).toBeInstanceOf(UnsafeUpstreamError);
    expect(error.message).toMatch(/api\.provider\.example resolves to 127\.0\.0\.1, a loopback address/);
    // A rebinding answer (mapped form) is refused the same way.
    const rebound = createOutboundAgent({ allowPrivate: false, connectTimeoutMs: 2_000, lookup: resolvesTo("::ffff:127.0.0.1") });
    servers.push(rebound);
    await expect(request(`http://api.provider.example:${server.port}/`, { dispatcher: rebound })).rejects.toThrow(/loopback/);
    expect(server.seen.connections).toBe(0);
  });

  it("refuses localhost through the system resolver, and IP literals that skip DNS", async () => {
    const server = await startServer(() => ({ status: 200, body: "{}" }));
    servers.push(server);
    const agent = createOutboundAgent({ allowPrivate: false, connectTimeoutMs: 2_000 });
    servers.push(agent);
    for (const url of [
      `http://localhost:${server.port}/`,
      `http://127.0.0.1:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
      `http://[::ffff:7f00:1]:${server.port}/`,
      `http://[0:0:0:0:0:ffff:127.0.0.1]:${server.port}/`,
      `https://[::ffff:127.0.0.1]:${server.port}/`,
    ]) {
      await expect(request(url, { dispatcher: agent }), url).rejects.toBeInstanceOf(UnsafeUpstreamError);
    }
    expect(server.seen.connections).toBe(0);
  });

  it("with private upstreams allowed, connects to loopback and still does not follow a redirect", async () => {
    const target = await startServer(() => ({ status: 200, body: '{"secret":"internal"}' }));
    const upstream = await startServer(() => ({ status: 302, headers: { location: `${target.url}/internal` }, body: "" }));
    servers.push(target, upstream);
    const response = await request(`${upstream.url}/v1/models`, { dispatcher: outboundDispatcher({ allowPrivate: true, connectTimeoutMs: 2_000 }) });
    expect(response.statusCode).toBe(302);
    await response.body.text();
    expect(target.seen.paths).toEqual([]);
  });

  it("keeps one pooled agent per policy and timeout for the process: sequential calls share a socket", async () => {
    const a = outboundDispatcher({ allowPrivate: false, connectTimeoutMs: 1_234 });
    expect(outboundDispatcher({ allowPrivate: false, connectTimeoutMs: 1_234 })).toBe(a);
    expect(outboundDispatcher({ allowPrivate: true, connectTimeoutMs: 1_234 })).not.toBe(a);
    const server = await startServer(() => ({ status: 200, body: "{}" }));
    servers.push(server);
    for (let i = 0; i < 20; i++) {
      const response = await request(`${server.url}/v1/chat/completions`, {
        method: "POST",
        body: "{}",
        dispatcher: outboundDispatcher({ allowPrivate: true, connectTimeoutMs: 1_234 }),
      });
      await response.body.text();
    }
    expect(server.seen.paths).toHaveLength(20);
    // undici opens a second socket early on (a plain Agent does the same); what matters is reuse.
    expect(server.seen.connections).toBeLessThanOrEqual(2);
  });
});

describe("listModels goes through the outbound guard", () => {
  it("does not follow a redirect: a 3xx is a classified provider error", async () => {
    const target = await startServer(() => ({ status: 200, body: JSON.stringify({ data: [{ id: "internal-model" }] }) }));
    const upstream = await startServer(() => ({ status: 302, headers: { location: `${target.url}/v1/models` }, body: "" }));
    servers.push(target, upstream);
    const error = await listModels("custom", "sk-custom", `${upstream.url}/v1`, { allowPrivateUpstreams: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderRequestError);
    expect(error.failure).toMatchObject({ kind: "provider_unhealthy", status: 302 });
    expect(error.failure.message).toMatch(/redirected \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/models\); freellmapi does not follow upstream redirects/);
    expect(target.seen.paths).toEqual([]);
  });

  it("refuses a custom endpoint on loopback at connect time when private upstreams are off", async () => {
    const server = await startServer(() => ({ status: 200, body: JSON.stringify({ data: [{ id: "m" }] }) }));
    servers.push(server);
    await expect(listModels("custom", "k", `http://localhost:${server.port}/v1`)).rejects.toThrow(/localhost resolves to .*loopback/);
    expect(server.seen.connections).toBe(0);
    // The same endpoint is reachable once the operator allows private upstreams.
    expect((await listModels("custom", "k", `http://localhost:${server.port}/v1`, { allowPrivateUpstreams: true })).map((m) => m.id)).toEqual(["m"]);
  });
});
