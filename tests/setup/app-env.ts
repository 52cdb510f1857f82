import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { MOCK_PROFILES, type MockedProvider } from "@/tests/support/stack";

process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.FREELLMAPI_EMBEDDED_DB = "1";
Object.assign(process.env, inject("appSecrets"));
resetEnvCache();

// The mocks outlive each test file: a file starts with none of another file's scripted faults
// or recorded calls (a fault one file queued and did not use would answer the next file's call).
beforeAll(async () => {
  await Promise.all(Object.values(inject("mockUrls")).map((url) => fetch(`${new URL(url).origin}/__mock/reset`, { method: "POST" })));
});

afterAll(async () => {
  await disconnectDb();
});

// Provider base URLs point at the same mocks the app uses, so fixtures can list models.
for (const [provider, url] of Object.entries(inject("mockUrls"))) {
  process.env[MOCK_PROFILES[provider as MockedProvider]] = url;
}
