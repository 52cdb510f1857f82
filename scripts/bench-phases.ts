// Where a request's time goes on the wire: loopback packets captured with tcpdump while one client
// sends requests one at a time, so every packet between a request and the next belongs to it. Per
// server it gives, from the request's first byte: Redis's last answer before the provider is called,
// the call to the provider, the provider's answer, the response's headers and its body. Used by scripts/bench.ts
// (BENCH_PHASES); tcpdump needs root or CAP_NET_RAW.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

export interface Packet {
  at: number;
  from: number;
  to: number;
}

export interface Capture {
  /** Stops tcpdump and returns every data-carrying packet it saw, in order. */
  stop: () => Promise<Packet[]>;
}

export const hasTcpdump = () => spawnSync("tcpdump", ["--version"]).error === undefined;

// `1796257042.073881 IP 127.0.0.1.42352 > 127.0.0.1.3491: Flags [P.], seq 1:239, ..., length 238`
const LINE = /^(\d+\.\d+) IP [\d.]+\.(\d+) > [\d.]+\.(\d+): .* length (\d+)/;

export async function startCapture(ports: number[]): Promise<Capture> {
  const filter = `tcp and (${ports.map((p) => `port ${p}`).join(" or ")})`;
  const child = spawn("tcpdump", ["-i", "lo", "-n", "-tt", "-l", "-s", "96", filter], { stdio: ["ignore", "pipe", "pipe"] });
  const packets: Packet[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const m = LINE.exec(line);
    if (m && m[4] !== "0") packets.push({ at: Number(m[1]) * 1000, from: Number(m[2]), to: Number(m[3]) });
  });
  // tcpdump says "listening on lo" on stderr once it captures.
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`tcpdump exited (${code}) before capturing; it needs root or CAP_NET_RAW`)));
    createInterface({ input: child.stderr! }).once("line", () => resolve());
  });
  return {
    stop: async () => {
      // Let the last packets be printed before the capture ends.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
      return packets;
    },
  };
}

export type PhaseName = "redis" | "upstream" | "upstreamAnswer" | "headers" | "body";

/** Median ms from a request's first byte to each phase; null where no request had that phase. */
export type Phases = Record<PhaseName, number | null> & { requests: number };

/**
 * The phases of the requests one server answered: `redis` is Redis's last answer before the server
 * called the provider (the end of the Redis work on the request's path; which writes were this
 * request's and which the previous answer's bookkeeping cannot be told apart from the packets),
 * `upstream` its request to the provider, `upstreamAnswer` the provider's first bytes back,
 * `headers` and `body` its own first and second writes to the client (the same write when it sent
 * one). `skip` drops the first requests (warm-up).
 */
export function phasesOf(packets: Packet[], server: number, upstream: number, redis: number | null, skip = 0): Phases {
  const requests: Array<Partial<Record<PhaseName, number>>> = [];
  let start = 0;
  let current: (typeof requests)[number] | null = null;
  for (const p of packets) {
    if (p.to === server) {
      // A request's body can follow its headers in a second packet: still the same request.
      if (current && current.headers === undefined) continue;
      start = p.at;
      current = {};
      requests.push(current);
      continue;
    }
    if (!current) continue;
    const at = p.at - start;
    if (p.from === server) {
      if (current.headers === undefined) current.headers = at;
      else current.body ??= at;
    } else if (p.to === upstream) current.upstream ??= at;
    else if (p.from === upstream) current.upstreamAnswer ??= at;
    else if (redis !== null && p.from === redis && current.upstream === undefined) current.redis = at;
  }
  const kept = requests.slice(skip).filter((r) => r.headers !== undefined);
  const median = (values: number[]) => (values.length === 0 ? null : values.sort((a, b) => a - b)[Math.floor(values.length / 2)]);
  const phase = (name: PhaseName) => median(kept.flatMap((r) => (name === "body" ? [r.body ?? r.headers!] : r[name] === undefined ? [] : [r[name]!])));
  return {
    requests: kept.length,
    redis: redis === null ? null : phase("redis"),
    upstream: phase("upstream"),
    upstreamAnswer: phase("upstreamAnswer"),
    headers: phase("headers"),
    body: phase("body"),
  };
}
