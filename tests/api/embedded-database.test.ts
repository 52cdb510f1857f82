import { stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually } from "@/tests/support/gateway-fixtures";

describe("the app's embedded database", () => {
  it("is served on a private Unix socket, not a TCP port", async () => {
    const url = new URL(inject("appDatabaseUrl"));
    const socketDir = url.searchParams.get("host")!;
    expect(path.isAbsolute(socketDir)).toBe(true);
    expect((await stat(path.join(socketDir, ".s.PGSQL.5432"))).mode & 0o777).toBe(0o600);
    expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
  });

  it("keeps writing usage while another client has changed search_path, and says so on /api/health", async () => {
    const intruder = new pg.Client({ connectionString: inject("appDatabaseUrl") });
    await intruder.connect();
    try {
      await intruder.query("SET search_path TO nowhere");
      await intruder.query('CREATE TEMP TABLE "RequestLog" (id text)');
      const { client } = await createGatewayUser(["groq"]);
      const { _request_id: requestId } = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] });
      await eventually(
        () => prisma.requestLog.count({ where: { requestId: requestId! } }),
        (n) => n === 1,
      );
      const health = (await (await fetch(`${inject("appUrl")}/api/health`)).json()) as { usage: { status: string } };
      expect(health.usage.status).toBe("ok");
    } finally {
      await intruder.end();
    }
  });

  it("listens on loopback only in embedded mode (HOST unset)", async () => {
    const port = new URL(inject("appUrl")).port;
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    // Without a non-loopback interface there is nothing to reach the app through.
    if (!external) return;
    const reached = await fetch(`http://${external}:${port}/api/health`, { signal: AbortSignal.timeout(3_000) }).then(
      () => true,
      () => false,
    );
    expect(reached).toBe(false);
  });
});
