/**
 * Start mock providers from the command line (benchmarks, Playwright):
 *
 *   npx tsx tests/mocks/serve.ts --profile groq --port 4010 --keys gsk_test
 *   npx tsx tests/mocks/serve.ts --profile groq --profile gemini --port 4010   # 4010, 4011
 *   npx tsx tests/mocks/serve.ts --profile all --zero-latency --json
 *
 * Options: --profile NAME (repeatable, or "all"), --port N (first port; 0 = random, default 0),
 * --host H, --keys k1,k2 (all profiles; default each profile's test key), --models a,b,
 * --chunk-delay MS, --zero-latency, --ignore-stream (answer JSON even when asked to stream, as some
 * OpenAI-compatible servers do), --json (one JSON line per mock instead of "name url").
 * Faults are scripted over HTTP: POST <origin>/__mock/faults {"faults":[...],"default":...}.
 */
import { parseArgs } from "node:util";
import { startMockProvider, type MockProvider } from "./mock-provider";
import { profileNames } from "./profiles";
import type { ProfileName } from "./types";

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: "string", multiple: true },
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      keys: { type: "string" },
      models: { type: "string" },
      "chunk-delay": { type: "string" },
      "zero-latency": { type: "boolean", default: false },
      "ignore-stream": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(`usage: serve.ts --profile <${profileNames.join("|")}|all> [--port N] [--keys a,b] [--zero-latency] [--json]`);
    return;
  }
  const requested = values.profile?.length ? values.profile : ["openai"];
  const names = (requested.includes("all") ? profileNames : requested) as ProfileName[];
  const firstPort = Number(values.port);
  const mocks: MockProvider[] = [];
  for (const [i, profile] of names.entries()) {
    const mock = await startMockProvider({
      profile,
      port: firstPort === 0 ? 0 : firstPort + i,
      host: values.host,
      keys: list(values.keys),
      models: list(values.models),
      zeroLatency: values["zero-latency"],
      chunkDelayMs: values["chunk-delay"] ? Number(values["chunk-delay"]) : undefined,
      stream: values["ignore-stream"] ? { ignoresStream: true } : undefined,
    });
    mocks.push(mock);
    const line = values.json ? JSON.stringify({ profile, url: mock.url, origin: mock.origin, keys: mock.keys, models: mock.models }) : `${profile} ${mock.url}`;
    console.log(line);
  }
  const shutdown = () => {
    void Promise.all(mocks.map((m) => m.close())).then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
