// `npx tsx scripts/bench-relay.ts`: CPU the stream relay spends on one 200-delta answer, in process
// (no network): the upstream's SSE buffers go through StreamSession and relayStream and the
// client's bytes are drained. Options (env): BENCH_RELAY_STREAMS (default 2000), BENCH_RELAY_DELTAS (200).
import { StreamSession } from "@/lib/router/stream-session";
import { relayStream } from "@/lib/router/stream-relay";
import type { ProviderId } from "@/lib/providers/types";

const STREAMS = Number(process.env.BENCH_RELAY_STREAMS ?? 2_000);
const DELTAS = Number(process.env.BENCH_RELAY_DELTAS ?? 200);
const encoder = new TextEncoder();

interface Dialect {
  name: string;
  providerId: ProviderId;
  frames: string[];
}

const head = { id: "chatcmpl-8f1c2d3e4f5a6b7c", object: "chat.completion.chunk", created: 1764662400, model: "llama-3.3-70b-versatile" };
const frame = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
const usage = { prompt_tokens: 12, completion_tokens: DELTAS, total_tokens: 12 + DELTAS };
const words = Array.from({ length: DELTAS }, (_, i) => (i % 7 === 0 ? " the" : i % 5 === 0 ? ' answer, "quoted"' : ` word${i}`));

function frames(withUsageNull: boolean, xGroq: boolean): string[] {
  const extra = withUsageNull ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, more: Record<string, unknown> = {}) =>
    frame({ ...head, system_fingerprint: "fp_bench", choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra, ...more });
  const out = [chunk({ role: "assistant", content: "" }, null, xGroq ? { x_groq: { id: "req_bench" } } : {})];
  for (const word of words) out.push(chunk({ content: word }));
  out.push(chunk({}, "stop", xGroq ? { x_groq: { id: "req_bench", usage } } : {}));
  if (withUsageNull) out.push(frame({ ...head, choices: [], usage }));
  out.push("data: [DONE]\n\n");
  return out;
}

const DIALECTS: Dialect[] = [
  { name: "Groq (x_groq usage)", providerId: "groq", frames: frames(false, true) },
  { name: "OpenAI style (usage: null on every chunk, trailing usage)", providerId: "cerebras", frames: frames(true, false) },
];

async function* upstream(buffers: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const buffer of buffers) yield buffer;
}

async function relayOnce(dialect: Dialect, buffers: Uint8Array[]): Promise<number> {
  const session = new StreamSession(dialect.providerId, upstream(buffers));
  const held: string[] = [];
  // As the attempt does: hold back until the first meaningful step.
  for (;;) {
    const step = await session.next();
    held.push(...step.out);
    if (step.meaningful || step.end) break;
  }
  const stream = relayStream({ session, held, ended: false, abort: () => {} }, { includeUsage: false, promptTokensEstimate: 10, onEnd: () => {} });
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  return bytes;
}

async function measure(dialect: Dialect): Promise<{ cpuUsPerStream: number; bytes: number }> {
  const buffers = dialect.frames.map((f) => encoder.encode(f));
  let bytes = 0;
  for (let i = 0; i < Math.min(300, STREAMS); i++) bytes = await relayOnce(dialect, buffers);
  const start = process.cpuUsage();
  for (let i = 0; i < STREAMS; i++) await relayOnce(dialect, buffers);
  const used = process.cpuUsage(start);
  return { cpuUsPerStream: (used.user + used.system) / STREAMS, bytes };
}

for (const dialect of DIALECTS) {
  const { cpuUsPerStream, bytes } = await measure(dialect);
  console.log(`${dialect.name}: ${(cpuUsPerStream / 1000).toFixed(3)} ms CPU per ${DELTAS}-delta stream (${bytes} bytes to the client, ${STREAMS} streams)`);
}
