// The embedded database on the folder named by argv[2], in a process of its own: a test can kill
// it when it hangs (PGlite runs in the thread that calls it). Prints its URL, stops on SIGTERM.
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";

const db = await startEmbeddedDatabase({ dataDir: process.argv[2] });
process.stdout.write(`${db.url}\n`);
process.once("SIGTERM", () => void db.stop().finally(() => process.exit(0)));
