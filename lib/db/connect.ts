import { findRunningEmbeddedDatabase, startEmbeddedDatabase } from "./embedded-server";

/**
 * For scripts (migrations, the admin CLI): the configured PostgreSQL, else the embedded
 * database the running app serves, else the embedded database opened by this process.
 */
export async function withDatabaseUrl<T>(run: (url: string, embedded: boolean) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return run(process.env.DATABASE_URL, false);
  const running = await findRunningEmbeddedDatabase();
  if (running) return run(running, true);
  const own = await startEmbeddedDatabase();
  try {
    return await run(own.url, true);
  } finally {
    await own.stop();
  }
}
