/**
 * A whole test stack on loopback: mock providers (real HTTP servers that behave like Groq,
 * Gemini, OpenRouter, Mistral, NVIDIA, Cerebras) and the app itself, started with `npm start`
 * in embedded mode with its own data folder, with each provider's base URL pointed at its mock.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startMockProvider, type MockProvider, type ProfileName } from "@/tests/mocks";

export const MOCK_PROFILES = {
  groq: "GROQ_BASE_URL",
  gemini: "GEMINI_BASE_URL",
  openrouter: "OPENROUTER_BASE_URL",
  mistral: "MISTRAL_BASE_URL",
  nvidia: "NVIDIA_BASE_URL",
  cerebras: "CEREBRAS_BASE_URL",
} as const satisfies Partial<Record<ProfileName, string>>;

export type MockedProvider = keyof typeof MOCK_PROFILES;

export interface Stack {
  baseUrl: string;
  mocks: Record<MockedProvider, MockProvider>;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startMocks(options: { firstPort?: number; zeroLatency?: boolean } = {}) {
  const entries = await Promise.all(
    Object.keys(MOCK_PROFILES).map(async (profile, index) => {
      const port = options.firstPort ? options.firstPort + index : 0;
      const mock = await startMockProvider({ profile: profile as ProfileName, port, zeroLatency: options.zeroLatency });
      return [profile, mock] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<MockedProvider, MockProvider>;
}

export function mockEnv(mocks: Record<MockedProvider, MockProvider>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(MOCK_PROFILES).map(([profile, name]) => [name, mocks[profile as MockedProvider].url])) as NodeJS.ProcessEnv;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before it was healthy`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app was not healthy within ${timeoutMs} ms`);
}

/** A port nothing listens on right now, for a test's own app (no fixed port to collide on). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(new Error(`Port ${port} is already in use; stop whatever listens there or pick another port`)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** `cwd`: another checkout to start instead of this one (the benchmark's BENCH_BEFORE). */
export async function startApp(options: {
  port: number;
  env?: Record<string, string | undefined>;
  dataDir?: string;
  quiet?: boolean;
  onStdout?: (text: string) => void;
  cwd?: string;
}) {
  await assertPortFree(options.port);
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "freellmapi-")));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    FREELLMAPI_DATA_DIR: dataDir,
    ALLOW_PRIVATE_UPSTREAMS: "true",
    FREELLMAPI_EXIT_WITH_PARENT: "1",
    DATABASE_URL: "",
    ...options.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    cwd: options.cwd,
    stdio: options.onStdout ? ["ignore", "pipe", "inherit"] : options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  child.stdout?.setEncoding("utf8").on("data", (text: string) => options.onStdout?.(text));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  await waitForHealth(baseUrl, child, 240_000);
  return {
    baseUrl,
    dataDir,
    env,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startStack(options: { port: number; firstMockPort?: number; env?: Record<string, string | undefined> }): Promise<Stack> {
  const mocks = await startMocks({ firstPort: options.firstMockPort });
  const app = await startApp({ port: options.port, env: { ...mockEnv(mocks), ...options.env } });
  return {
    baseUrl: app.baseUrl,
    mocks,
    dataDir: app.dataDir,
    env: app.env,
    async stop() {
      await app.stop();
      await Promise.all(Object.values(mocks).map((mock) => mock.close()));
    },
  };
}
