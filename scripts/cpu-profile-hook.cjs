// Loaded with `--require` (NODE_OPTIONS) by `BENCH_CPU_PROFILE=<dir> npm run bench`: profiles the
// Next.js server from its start to its exit and writes CPU.<pid>.cpuprofile into that folder
// (Node 20 does not take --cpu-prof in NODE_OPTIONS). Other processes are left alone.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.FREELLMAPI_CPU_PROFILE_DIR;
if (dir && /next[\\/]dist[\\/]bin[\\/]next$/.test(process.argv[1] ?? "")) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  // `next start` has no SIGTERM handler of its own, and a signal's default action skips "exit".
  process.once("SIGTERM", () => {
    if (process.listenerCount("SIGTERM") === 0) process.exit(143);
  });
  // Same-thread sessions answer synchronously, so this works in an exit handler.
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
