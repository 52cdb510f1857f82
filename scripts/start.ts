// `npm start` (and `npm run dev` with --dev): prepare the database and environment, build if
// the build is missing or stale, then run Next.js. The embedded database lives in this process.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { EnvError } from "@/lib/env";
import { isBuildStale } from "@/lib/runtime/build-state";
import { prepareEnvironment, type PreparedEnvironment } from "@/lib/runtime/prepare-environment";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[freellmapi] ${line}`);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const serverHooks = fileURLToPath(new URL("./next-server-hooks.cjs", import.meta.url));

// The server's live heap stays near 90 MB under load, but V8's defaults let the old space grow to
// about 4× that between full collections and keep a 64 MB semi-space: RSS went 250 -> 580 MB in a
// minute at 32 clients, all collectable (docs/BENCHMARKS.md, "Memory"). A flag set in NODE_OPTIONS wins.
const HEAP_FLAGS = ["--max-semi-space-size=16", "--heap-growing-percent=50"];
const heapFlags = () => HEAP_FLAGS.filter((flag) => !(process.env.NODE_OPTIONS ?? "").includes(flag.slice(0, flag.indexOf("="))));

function runNext(args: string[]) {
  // The app flushes buffered usage on SIGTERM itself (lib/runtime/background-jobs.ts).
  const env = args[0] === "start" ? { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" } : process.env;
  const flags = args[0] === "start" ? heapFlags() : [];
  const child = spawn(process.execPath, [...flags, "--require", serverHooks, nextBin, ...args], { stdio: "inherit", env });
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, exited };
}

let prepared: PreparedEnvironment;
try {
  prepared = await prepareEnvironment(log, dev);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `[freellmapi] ${(error as Error).message}`);
  process.exit(1);
}

let current: ReturnType<typeof runNext> | null = null;
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  stopping = true;
  current?.child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));

// Test runs start the app as a child; if the runner dies without stopping it, so does the app.
if (process.env.FREELLMAPI_EXIT_WITH_PARENT === "1") {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop("SIGTERM"), 1_000).unref();
}

async function main(): Promise<number> {
  if (!dev && (await isBuildStale())) {
    log("Building the app (first start or sources changed)...");
    current = runNext(["build"]);
    const code = await current.exited;
    if (code !== 0 || stopping) return code || 1;
  }
  const port = process.env.PORT ?? "3001";
  // Embedded mode is a personal machine: loopback only, unless HOST says otherwise.
  const hostname = process.env.HOST || (prepared.mode === "embedded" ? "127.0.0.1" : "");
  process.env.FREELLMAPI_MODE_LABEL = prepared.mode === "embedded" ? "Embedded" : "Server";
  // The server's own hook prints the address it really listens on (next-server-hooks.cjs).
  current = runNext([dev ? "dev" : "start", "--port", port, ...(hostname ? ["--hostname", hostname] : [])]);
  return current.exited;
}

const code = await main();
await prepared.embedded?.stop();
process.exit(code);
