import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { agentCommand } from "@/tests/agents/install";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** One `codex exec` run: stdin closed (it waits on an open one), only the env it needs, a hard timeout. */
async function codexExec(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const { command, args: entry } = await agentCommand("codex");
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? "", ...env };
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(command, [...entry, "exec", ...args], { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, 120_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

describe("Codex CLI against /v1/responses", () => {
  // The first run installs the agents into tests/agents (npm ci), which takes a while.
  beforeAll(() => agentCommand("codex"), 600_000);

  it("answers `codex exec` with the provider's text and exits 0", { timeout: 180_000 }, async () => {
    await mock.reset("groq");
    const { plaintext } = await createGatewayUser(["groq"]);
    const home = await mkdtemp(path.join(os.tmpdir(), "freellmapi-codex-"));
    try {
      const provider = `model_providers.fm={name="fm",base_url="${inject("appUrl")}/v1",env_key="FM_KEY",wire_api="responses"}`;
      const run = await codexExec(
        ["--skip-git-repo-check", "-c", "model_provider=fm", "-c", provider, "-m", "auto", "say hi"],
        { HOME: home, CODEX_HOME: home, FM_KEY: plaintext },
        home,
      );
      expect(run.timedOut, run.stderr).toBe(false);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("echo: say hi");
      expect(run.stdout).toContain("[groq:");

      // What reached the provider: Codex's function tools (namespaces flattened, web_search dropped), streamed.
      const sent = (await mock.requests("groq")).filter((r) => r.path.endsWith("/chat/completions"));
      expect(sent.length).toBeGreaterThanOrEqual(1);
      const body = sent.at(-1)!.body as { stream: boolean; messages: Array<{ role: string }>; tools: Array<{ type: string; function: { name: string } }> };
      expect(body.stream).toBe(true);
      expect(body.messages[0].role).toBe("system");
      expect(body.tools.every((tool) => tool.type === "function")).toBe(true);
      const names = body.tools.map((tool) => tool.function.name);
      expect(names).toContain("exec_command");
      expect(names).toContain("spawn_agent");
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
