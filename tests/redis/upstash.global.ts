/**
 * The redis:upstash project: the same Redis suites, with the app's clients going through
 * Upstash's REST protocol (tests/support/upstash-rest-server.ts) instead of TCP.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startUpstashRestServer } from "@/tests/support/upstash-rest-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set in the redis:upstash project only. */
    upstashRest?: { url: string; token: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startUpstashRestServer({ redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", token: randomBytes(16).toString("hex") });
  project.provide("upstashRest", { url: server.url, token: server.token });
  return () => server.close();
}
