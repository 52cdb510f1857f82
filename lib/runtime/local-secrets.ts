import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Embedded mode needs no configuration: the secrets the app needs are generated once into
 * `.data/secrets.json` (mode 0600) and reused on every start. Values set in the environment win.
 */
const NAMES = ["AUTH_SECRET", "ENCRYPTION_KEY", "BROWSER_TOKEN_SECRET"] as const;

export async function ensureLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void) {
  const file = path.join(dataDir, "secrets.json");
  const stored = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as Record<string, string>,
    () => ({}) as Record<string, string>,
  );
  const generated = NAMES.filter((name) => !stored[name] && !env[name]);
  for (const name of generated) stored[name] = randomBytes(32).toString("hex");
  if (generated.length > 0) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
    log(`Generated ${generated.join(", ")} into ${path.relative(process.cwd(), file)} (mode 0600). Keep this file: it decrypts stored provider keys.`);
  }
  for (const name of NAMES) env[name] ||= stored[name];
}
