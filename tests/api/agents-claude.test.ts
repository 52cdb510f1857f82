import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { agentCommand } from "@/tests/agents/install";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `claude -p` run: an empty HOME, stdin closed, only the environment it needs, a hard timeout. */
async function claude(prompt: string, key: string, extraArgs: string[] = []): Promise<Run> {
  const { command, args } = await agentCommand("claude");
  const home = await mkdtemp(path.join(os.tmpdir(), "freellmapi-claude-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    ANTHROPIC_BASE_URL: inject("appUrl"),
    ANTHROPIC_AUTH_TOKEN: key,
    // Claude Code asks for Claude's model names unless told otherwise; `auto` is freellmapi's.
    ANTHROPIC_DEFAULT_HAIKU_MODEL: "auto",
    ANTHROPIC_DEFAULT_SONNET_MODEL: "auto",
    ANTHROPIC_DEFAULT_OPUS_MODEL: "auto",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
  };
  try {
    return await new Promise<Run>((resolve, reject) => {
      const child = spawn(command, [...args, "-p", prompt, "--model", "auto", ...extraArgs], {
        cwd: home,
        env: env as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.once("error", reject);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

describe("Claude Code (claude -p) against /v1/messages", () => {
  // The first run installs the agents into tests/agents (npm ci), which takes a while.
  beforeAll(() => agentCommand("claude"), 600_000);
  beforeEach(() => mock.reset("groq"));

  it("prints the mock provider's answer and exits 0", { timeout: 180_000 }, async () => {
    const { plaintext, user } = await createGatewayUser(["groq"]);
    const run = await claude("say hi", plaintext);
    expect(run.stderr).not.toMatch(/API Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("[groq:");
    expect(run.stdout).toContain("say hi");

    // What Claude Code sent arrived upstream translated: its tools as functions, its effort as reasoning_effort.
    const calls = (await mock.requests("groq")).filter((r) => r.path.endsWith("/chat/completions"));
    const main = calls.map((r) => r.body as Record<string, any>).find((body) => Array.isArray(body.tools) && body.tools.length > 0);
    expect(main?.stream).toBe(true);
    expect(main?.tools.map((tool: any) => tool.function.name)).toContain("Bash");
    expect(main?.messages[0].role).toBe("system");
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length > 0,
    );
    expect(logs.every((row) => row.protocol === "messages" && row.status === 200)).toBe(true);
  });

  it("runs a tool loop: the mock's tool_use is executed by Claude Code and its tool_result answered", { timeout: 180_000 }, async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    // The mock calls the first tool when asked to "call tool"; with only Read offered, Claude Code runs Read.
    const run = await claude("call tool", plaintext, ["--tools", "Read"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("tool result:");

    const bodies = (await mock.requests("groq")).filter((r) => r.path.endsWith("/chat/completions")).map((r) => r.body as Record<string, any>);
    const followUp = bodies.find((body) => body.messages.some((m: any) => m.role === "tool"));
    expect(followUp).toBeDefined();
    const assistant = followUp!.messages.find((m: any) => m.role === "assistant" && m.tool_calls);
    const tool = followUp!.messages.find((m: any) => m.role === "tool");
    expect(assistant.tool_calls[0].function.name).toBe("Read");
    expect(tool.tool_call_id).toBe(assistant.tool_calls[0].id);
  });
});
