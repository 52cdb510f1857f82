import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

// Database suites run against the embedded PostgreSQL always, and against a real server too
// when TEST_DATABASE_URL is set (CI sets it).
const databaseTargets: Array<"embedded" | "postgres"> = ["embedded", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      ...databaseTargets.map((target) => ({
        resolve: { alias },
        test: {
          name: `db:${target}`,
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/database.global.ts"],
          setupFiles: ["tests/setup/env.ts"],
          provide: { databaseTarget: target },
          fileParallelism: false,
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      })),
      {
        // The running app (production build, embedded database) driven with the openai client.
        resolve: { alias },
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/app.global.ts"],
          setupFiles: ["tests/setup/app-env.ts"],
          fileParallelism: false,
          hookTimeout: 300_000,
          testTimeout: 60_000,
        },
      },
      {
        // Two app instances sharing a private redis-server and one database (tests/multi-instance).
        resolve: { alias },
        test: {
          name: "multi-instance",
          include: ["tests/multi-instance/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/multi-instance/instances.global.ts"],
          setupFiles: ["tests/setup/app-env.ts"],
          fileParallelism: false,
          hookTimeout: 600_000,
          testTimeout: 120_000,
        },
      },
      ...(process.env.REDIS_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: "redis",
                include: ["tests/redis/**/*.test.ts"],
                environment: "node",
                fileParallelism: false,
                testTimeout: 30_000,
              },
            },
          ]
        : []),
      // UPSTASH_REST_TESTS=1 (CI runs them in a step of their own, so the two multi-instance
      // deployments never compete for the machine): the Redis suites and the multi-instance suite
      // again, through Upstash's REST protocol (tests/support/upstash-rest-server.ts).
      ...(process.env.UPSTASH_REST_TESTS === "1"
        ? [
            {
              // @upstash/redis's HTTP client in front of REDIS_URL (default the local Redis). Left
              // out: the TCP requester's own tests and TCP latency.
              resolve: { alias },
              test: {
                name: "redis:upstash",
                include: ["tests/redis/**/*.test.ts"],
                exclude: [
                  "tests/redis/ioredis-requester.test.ts",
                  "tests/redis/round-trips.test.ts",
                  "tests/redis/latency.test.ts",
                  "tests/redis/upstash-rest.test.ts",
                ],
                environment: "node",
                globalSetup: ["tests/redis/upstash.global.ts"],
                setupFiles: ["tests/redis/upstash-env.ts"],
                fileParallelism: false,
                testTimeout: 30_000,
              },
            },
            {
              // The multi-instance deployment again, both instances on UPSTASH_REDIS_REST_URL/TOKEN.
              resolve: { alias },
              test: {
                name: "multi-instance:upstash",
                include: ["tests/multi-instance/**/*.test.ts"],
                environment: "node",
                globalSetup: ["tests/multi-instance/instances.global.ts"],
                setupFiles: ["tests/setup/app-env.ts"],
                provide: { redisTransport: "upstash" as const },
                fileParallelism: false,
                hookTimeout: 600_000,
                testTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
