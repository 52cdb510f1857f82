/**
 * Fake LLM providers as real HTTP servers on 127.0.0.1, faithful to the real providers (wire
 * formats, error envelopes, rate-limit headers, streaming quirks).
 *
 *   const groq = await startMockProvider({ profile: "groq", keys: ["gsk_test"] });
 *   // groq.url === "http://127.0.0.1:PORT/openai/v1" (each profile keeps its real base path)
 *   groq.enqueue({ kind: "rate-limit", window: "day" });   // next chat request: Groq TPD 429
 *   groq.enqueue({ kind: "stream-cut", afterChunks: 3, model: "llama-3.1-8b-instant" });
 *   groq.setFaults([], { kind: "server-error", status: 503 }); // every request from now on
 *   ... call the gateway ...
 *   expect(groq.requests.at(-1)?.body).toMatchObject({ model: "llama-3.3-70b-versatile" });
 *   await groq.close();
 *
 * Answers are deterministic: "[<label>:<model>] echo: <last user text>"; "call tool" in the last
 * user message (with `tools`) yields a call to the first tool, "call all tools" one per tool;
 * response_format json_object/json_schema yields JSON. Queued faults are consumed in order
 * (first one whose `model`/`endpoint` matches), then the default fault, then normal answers.
 * `zeroLatency: true` is the benchmark mode. From another process use tests/mocks/serve.ts and
 * the /__mock/* control routes (see control-routes.ts).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultQueue } from "./fault-queue";
import { handleRequest } from "./handle-request";
import type { MockState } from "./mock-state";
import { getProfile } from "./profiles";
import type { Fault, MockProviderOptions, ModelSpec, ProfileName, RecordedRequest } from "./types";

export interface MockProvider {
  /** Base URL including the profile's base path, e.g. http://127.0.0.1:4010/openai/v1 */
  readonly url: string;
  /** http://127.0.0.1:PORT (for the /__mock/* control routes). */
  readonly origin: string;
  readonly port: number;
  readonly profile: ProfileName;
  readonly keys: readonly string[];
  readonly models: readonly string[];
  /** Live log of received requests (cleared in place by reset()). Empty in zeroLatency mode. */
  readonly requests: RecordedRequest[];
  /** Replace the queue of upcoming faults and the default used once the queue is empty. */
  setFaults(faults: Fault[], defaultFault?: Fault): void;
  enqueue(...faults: Fault[]): void;
  setDefaultFault(fault: Fault | undefined): void;
  /** Faults still queued (counting `times`). */
  readonly pendingFaults: number;
  /** Clear the request log, the fault queue, the default fault and the counters. */
  reset(): void;
  close(): Promise<void>;
}

function resolveModels(options: MockProviderOptions, defaults: ModelSpec[]): ModelSpec[] {
  if (!options.models) return defaults;
  return options.models.map((m) => (typeof m === "string" ? (defaults.find((d) => d.id === m) ?? { id: m }) : m));
}

export async function startMockProvider(options: MockProviderOptions): Promise<MockProvider> {
  const profile = getProfile(options.profile);
  const modelList = resolveModels(options, profile.models);
  const faults = new FaultQueue();
  faults.set(options.faults ?? [], options.defaultFault);
  const state: MockState = {
    profile,
    label: options.label ?? profile.name,
    basePath: (options.basePath ?? profile.basePath).replace(/\/+$/, ""),
    keys: new Set(options.keys ?? profile.defaultKeys),
    models: new Map(modelList.map((m) => [m.id, m])),
    modelList,
    faults,
    requests: [],
    dialect: { ...profile.stream, ...options.stream },
    zeroLatency: options.zeroLatency ?? false,
    chunkDelayMs: options.zeroLatency ? 0 : (options.chunkDelayMs ?? 0),
    geminiArrayErrors: options.geminiArrayErrors ?? true,
    served: 0,
  };

  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `mock failure: ${String(error)}` } }));
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}${state.basePath}`,
    origin,
    port,
    profile: profile.name,
    keys: [...state.keys],
    models: modelList.map((m) => m.id),
    requests: state.requests,
    setFaults: (list, fallback) => faults.set(list, fallback),
    enqueue: (...list) => faults.enqueue(list),
    setDefaultFault: (fault) => faults.setDefault(fault),
    get pendingFaults() {
      return faults.pending;
    },
    reset: () => {
      state.requests.length = 0;
      faults.clear();
      state.served = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging and streaming requests hold their sockets open; drop them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
