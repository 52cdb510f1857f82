// Builds the app when the production build is missing or older than the sources, so test
// projects that start the app in parallel never race each other to build it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { isBuildStale } from "@/lib/runtime/build-state";

if (await isBuildStale()) {
  console.log("[freellmapi] Building the app for the test run...");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
