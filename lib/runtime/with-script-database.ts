import nextEnv from "@next/env";
import { withDatabaseUrl } from "@/lib/db/connect";
import { DATA_DIR } from "@/lib/db/embedded-server";
import { disconnectDb } from "@/lib/db";
import { ensureLocalSecrets } from "@/lib/runtime/local-secrets";

/**
 * For command-line tools (admin CLI, key rotation): loads `.env`, then uses DATABASE_URL, or the
 * embedded database of the running app, or opens the embedded database itself. In embedded
 * mode the secrets come from `.data/secrets.json`, the same ones the app decrypts with.
 */
export async function withScriptDatabase<T>(run: () => Promise<T>, log: (line: string) => void = (line) => console.error(line)): Promise<T> {
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  return withDatabaseUrl(async (url, embedded) => {
    process.env.DATABASE_URL = url;
    if (embedded) {
      process.env.FREELLMAPI_EMBEDDED_DB = "1";
      await ensureLocalSecrets(DATA_DIR, process.env, log);
    }
    try {
      return await run();
    } finally {
      await disconnectDb();
    }
  });
}
