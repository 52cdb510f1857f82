// `npm run keys:rotate`: after setting a new ENCRYPTION_KEY (the old one in
// ENCRYPTION_KEY_PREVIOUS), re-encrypts every stored provider key with the new one.
import { withScriptDatabase } from "@/lib/runtime/with-script-database";
import { EnvError } from "@/lib/env";
import { rotateProviderKeySecrets } from "@/lib/provider-keys/rotate-secrets";

try {
  const report = await withScriptDatabase(() => rotateProviderKeySecrets());
  console.log(`Provider keys: ${report.total} total, ${report.rotated} re-encrypted, ${report.current} already current, ${report.failed.length} failed`);
  if (report.failed.length > 0) {
    console.error(`Could not decrypt ${report.failed.join(", ")}: set ENCRYPTION_KEY_PREVIOUS to the key they were written with, then rerun.`);
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Error: ${(error as Error).message}`);
  process.exit(1);
}
