import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { MOCK_PROFILES, type MockedProvider } from "@/tests/support/stack";

process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.FREELLMAPI_EMBEDDED_DB = "1";
Object.assign(process.env, inject("appSecrets"));
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
});

// Provider base URLs point at the same mocks the app uses, so fixtures can list models.
for (const [provider, url] of Object.entries(inject("mockUrls"))) {
  process.env[MOCK_PROFILES[provider as MockedProvider]] = url;
}
