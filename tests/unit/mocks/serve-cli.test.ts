import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGTERM");
});

/** Starts serve.ts and resolves with its first `count` stdout lines. */
async function startServe(args: string[], count: number): Promise<string[]> {
  child = spawn(`${root}node_modules/.bin/tsx`, [`${root}tests/mocks/serve.ts`, ...args], { cwd: root });
  const lines: string[] = [];
  let buffer = "";
  child.stdout!.setEncoding("utf8");
  for await (const chunk of child.stdout! as AsyncIterable<string>) {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts.filter(Boolean));
    if (lines.length >= count) break;
  }
  return lines;
}

describe("serve.ts CLI", () => {
  it("starts the requested profiles on random ports, prints JSON lines, and they answer", async () => {
    const lines = await startServe(["--profile", "groq", "--profile", "mistral", "--keys", "gsk_cli", "--json"], 2);
    const mocks = lines.map((l) => JSON.parse(l) as { profile: string; url: string; origin: string; keys: string[] });
    expect(mocks.map((m) => m.profile)).toEqual(["groq", "mistral"]);
    expect(mocks[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
    expect(mocks[0]!.keys).toEqual(["gsk_cli"]);
    const res = await fetch(`${mocks[0]!.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer gsk_cli" },
      body: JSON.stringify({ model: "llama-3.3-70b-versatile", messages: [{ role: "user", content: "cli" }] }),
    });
    expect(((await res.json()) as any).choices[0].message.content).toBe("[groq:llama-3.3-70b-versatile] echo: cli");
    await fetch(`${mocks[1]!.origin}/__mock/faults`, { method: "POST", body: JSON.stringify({ faults: [{ kind: "server-error", status: 503 }] }) });
    const failed = await fetch(`${mocks[1]!.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer gsk_cli" },
      body: JSON.stringify({ model: "mistral-small-latest", messages: [] }),
    });
    expect(failed.status).toBe(503);
    child!.kill("SIGTERM");
    const [code] = await once(child!, "exit");
    expect(code).toBe(0);
  }, 30_000);
});
