/**
 * One deployment of two instances: a private redis-server, the mock providers, and two app
 * processes that share that Redis and one database (the first serves its embedded database,
 * the second connects to it). The instances reach Redis through a proxy that can stall, to
 * play a Redis that is up but slow. Tests stop, restart and stall Redis through a small
 * control server, since Redis belongs to this process and tests run in workers.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { findRunningEmbeddedDatabase } from "@/lib/db/embedded-server";
import { startFreezableProxy } from "@/tests/redis/freezable-proxy";
import { startRedisServer } from "@/tests/support/redis-server";
import { startUpstashRestServer } from "@/tests/support/upstash-rest-server";
import { mockEnv, startApp, startMocks, type MockedProvider } from "@/tests/support/stack";

declare module "vitest" {
  export interface ProvidedContext {
    /** Both instances' base URLs; `appUrl` is the first. */
    appUrls: string[];
    /** POST /stop, /start (the redis-server), /freeze, /thaw (the proxy the instances use). */
    redisControlUrl: string;
    /** The private Redis itself, bypassing the proxy. */
    redisUrl: string;
    /** "upstash": the instances reach Redis through the Upstash REST test server (set per project). */
    redisTransport?: "tcp" | "upstash";
    /** REDIS_TIMEOUT_MS of both instances. */
    redisTimeoutMs: number;
  }
}

export default async function setup(project: TestProject) {
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    BROWSER_TOKEN_SECRET: randomBytes(32).toString("hex"),
  };
  const upstash = project.config.provide.redisTransport === "upstash";
  // The Upstash run is a second deployment beside the first: its own two ports.
  const firstPort = Number(process.env.MULTI_INSTANCE_PORT ?? 3281) + (upstash ? 2 : 0);
  const redis = await startRedisServer();
  const proxy = await startFreezableProxy({ host: "127.0.0.1", port: redis.port });
  // Upstash: instances -> REST server -> proxy -> redis-server, so stop/freeze act the same.
  const redisTimeoutMs = upstash ? 2_000 : 100;
  const rest = upstash ? await startUpstashRestServer({ redisUrl: proxy.url, token: randomBytes(16).toString("hex") }) : null;
  const mocks = await startMocks();
  const quiet = !process.env.DEBUG_APP;
  const env = {
    ...mockEnv(mocks),
    ...secrets,
    REDIS_URL: rest ? "" : proxy.url,
    UPSTASH_REDIS_REST_URL: rest?.url ?? "",
    UPSTASH_REDIS_REST_TOKEN: rest?.token ?? "",
    // A REST call through a test server on a busy 2-core machine can take most of a second: the
    // Upstash run gives Redis longer, so it tests sharing rather than the machine's speed.
    REDIS_TIMEOUT_MS: String(redisTimeoutMs),
    KEY_RPM: "10",
    ACCOUNT_RPM: "100000",
  };
  const stops: Array<() => Promise<unknown>> = [
    () => redis.stop(),
    () => proxy.close(),
    ...(rest ? [() => rest.close()] : []),
    ...Object.values(mocks).map((mock) => () => mock.close()),
  ];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    // The first start builds when the build is stale; the second waits so it never builds too.
    const first = await startApp({ port: firstPort, env, quiet });
    stops.push(() => first.stop());
    const databaseUrl = await findRunningEmbeddedDatabase(first.dataDir);
    if (!databaseUrl) throw new Error("The first instance did not publish its embedded database");
    // The embedded database serializes queries, so the second instance also keeps one connection.
    const second = await startApp({ port: firstPort + 1, env: { ...env, DATABASE_URL: databaseUrl, FREELLMAPI_EMBEDDED_DB: "1" }, quiet });
    stops.push(() => second.stop());

    const actions: Record<string, () => Promise<void> | void> = {
      "/stop": () => redis.stop(),
      "/start": () => redis.start(),
      "/freeze": () => proxy.freeze(),
      "/thaw": () => proxy.thaw(),
    };
    const control = http.createServer((req, res) => {
      const action = req.method === "POST" ? actions[req.url ?? ""] : undefined;
      const run = action ? Promise.resolve().then(action) : Promise.reject(new Error(`no route ${req.method} ${req.url}`));
      run.then(
        () => res.writeHead(204).end(),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
    stops.push(() => new Promise((resolve) => control.close(resolve)));

    project.provide("appUrl", first.baseUrl);
    project.provide("appUrls", [first.baseUrl, second.baseUrl]);
    project.provide("appDatabaseUrl", databaseUrl);
    project.provide("appSecrets", secrets);
    project.provide("mockUrls", Object.fromEntries(Object.entries(mocks).map(([name, mock]) => [name, mock.url])) as Record<MockedProvider, string>);
    project.provide("redisControlUrl", `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
    project.provide("redisUrl", redis.url);
    project.provide("redisTimeoutMs", redisTimeoutMs);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
