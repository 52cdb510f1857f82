// `npx tsx scripts/cpu-profile-top.ts <file.cpuprofile> [N]`: where a V8 CPU profile (node
// --cpu-prof, e.g. from `BENCH_CPU_PROFILE=<dir> npm run bench`) spent its time. Prints the top N
// functions by self time and the top N files by self time, each as a share of the non-idle samples.
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: cpu-profile-top.ts <file.cpuprofile> [N]");
const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

// Bundled chunk names say little; the package (or the app's own code) says where the time went.
const where = (url: string) => {
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (pkg) return pkg;
  if (url.startsWith("node:")) return url;
  if (!url) return "(native)";
  return url.replace(/^.*\/(\.next\/server\/)/, "$1");
};
const idle = new Set(["(idle)", "(program)", "(garbage collector)"]);
const functions = new Map<string, number>();
const files = new Map<string, number>();
let total = 0;
let gc = 0;
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(garbage collector)") gc += us;
  if (idle.has(functionName)) continue;
  total += us;
  const name = `${functionName || "(anonymous)"} ${where(url)}${url ? `:${lineNumber + 1}` : ""}`;
  functions.set(name, (functions.get(name) ?? 0) + us);
  files.set(where(url), (files.get(where(url)) ?? 0) + us);
}
const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
console.log(`busy ${(total / 1000).toFixed(0)} ms, garbage collection ${(gc / 1000).toFixed(0)} ms`);
console.log("\nby function (self time):");
console.log(top(functions).join("\n"));
console.log("\nby package or file (self time):");
console.log(top(files).join("\n"));
