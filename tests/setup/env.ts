import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.FREELLMAPI_EMBEDDED_DB = inject("databaseTarget") === "embedded" ? "1" : "";
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
process.env.BROWSER_TOKEN_SECRET ??= randomBytes(32).toString("hex");
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
});
