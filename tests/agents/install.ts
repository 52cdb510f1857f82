/**
 * The real agents the API tests drive (Claude Code, Codex CLI), in their own package beside the
 * tests so the ~800 MB never become app dependencies. Installed from the lock on first use, or
 * ahead of time (CI) with `npx tsx tests/agents/install.ts`.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

// Node entry points: Claude Code's wrapper finds the platform's native binary itself, so it runs
// whether or not npm ran the package's postinstall (which copies that binary into place).
const ENTRIES = {
  claude: "node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs",
  codex: "node_modules/@openai/codex/bin/codex.js",
} as const;

export type AgentName = keyof typeof ENTRIES;

let installing: Promise<void> | null = null;

export function ensureAgents(): Promise<void> {
  if (Object.values(ENTRIES).every((entry) => existsSync(path.join(here, entry)))) return Promise.resolve();
  installing ??= new Promise<void>((resolve, reject) => {
    console.log("[freellmapi] Installing the agents for the agent tests (tests/agents, once)...");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const child = spawn(npm, ["ci", "--no-audit", "--no-fund"], { cwd: here, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm ci in tests/agents exited with ${code}`))));
  });
  return installing;
}

/** How to start an agent: this Node binary and the agent's entry script. */
export async function agentCommand(name: AgentName): Promise<{ command: string; args: string[] }> {
  await ensureAgents();
  return { command: process.execPath, args: [path.join(here, ENTRIES[name])] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await ensureAgents();
