import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { agentBin } from "@/tests/agents/install";
import { runAgent } from "@/tests/agents/run-agent";
import { createGatewayUser, mock } from "@/tests/support/gateway-fixtures";

describe("Codex CLI against /v1/responses", () => {
  it("answers `codex exec` with the provider's text and exits 0", { timeout: 15 * 60_000 }, async () => {
    const codex = await agentBin("codex");
    await mock.reset("groq");
    const { plaintext } = await createGatewayUser(["groq"]);
    const home = await mkdtemp(path.join(os.tmpdir(), "freellmapi-codex-"));
    try {
      const provider = `model_providers.fm={name="fm",base_url="${inject("appUrl")}/v1",env_key="FM_KEY",wire_api="responses"}`;
      const run = await runAgent(codex, ["exec", "--skip-git-repo-check", "-c", "model_provider=fm", "-c", provider, "-m", "auto", "say hi"], {
        env: { HOME: home, CODEX_HOME: home, FM_KEY: plaintext },
        cwd: home,
        timeoutMs: 120_000,
      });
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
      expect(body.tools.map((tool) => tool.function.name)).toContain("exec_command");
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
