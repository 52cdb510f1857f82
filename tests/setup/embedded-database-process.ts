// The db:embedded project's PostgreSQL, in a process of its own: PGlite's WebAssembly runtime
// writes its exit status into process.exitCode, which inside the test runner would turn a failed
// run into exit 0. Prints the database URL on its first line; stops on SIGTERM or when stdin closes.
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";
import { applyMigrations } from "@/lib/db/schema-engine";

const db = await startEmbeddedDatabase({ dataDir: null });
await applyMigrations(db.url);
console.log(JSON.stringify({ url: db.url }));
const stop = () => void db.stop().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.stdin.on("end", stop).resume();
