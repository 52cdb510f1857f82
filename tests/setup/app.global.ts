/**
 * Starts mock providers and the real app (`npm start`'s launcher, production build, embedded
 * database in a temporary folder) once for the api project. Tests reach the app over HTTP and
 * its database through the embedded socket, with the same encryption key the app uses.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { findRunningEmbeddedDatabase } from "@/lib/db/embedded-server";
import { mockEnv, startApp, startMocks, type MockedProvider } from "@/tests/support/stack";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    appDatabaseUrl: string;
    appSecrets: { AUTH_SECRET: string; ENCRYPTION_KEY: string; BROWSER_TOKEN_SECRET: string };
    mockUrls: Record<MockedProvider, string>;
  }
}

export default async function setup(project: TestProject) {
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    BROWSER_TOKEN_SECRET: randomBytes(32).toString("hex"),
  };
  const mocks = await startMocks();
  const port = Number(process.env.API_TEST_PORT ?? 3271);
  const app = await startApp({ port, env: { ...mockEnv(mocks), ...secrets, KEY_RPM: "100000", ACCOUNT_RPM: "100000" }, quiet: !process.env.DEBUG_APP });
  const databaseUrl = await findRunningEmbeddedDatabase(app.dataDir);
  if (!databaseUrl) throw new Error("The app did not publish its embedded database");

  project.provide("appUrl", app.baseUrl);
  project.provide("appDatabaseUrl", databaseUrl);
  project.provide("appSecrets", secrets);
  project.provide("mockUrls", Object.fromEntries(Object.entries(mocks).map(([name, mock]) => [name, mock.url])) as Record<MockedProvider, string>);

  return async () => {
    await app.stop();
    await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  };
}
