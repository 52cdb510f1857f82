import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureLocalSecrets } from "@/lib/runtime/local-secrets";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("embedded-mode secrets", () => {
  it("generates AUTH_SECRET, ENCRYPTION_KEY and BROWSER_TOKEN_SECRET once, keeps them 0600, and reuses them", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "freellmapi-secrets-"));
    dirs.push(dir);
    const first = {} as NodeJS.ProcessEnv;
    await ensureLocalSecrets(dir, first, () => {});
    for (const name of ["AUTH_SECRET", "ENCRYPTION_KEY", "BROWSER_TOKEN_SECRET"]) expect(first[name]).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(path.join(dir, "secrets.json"))).mode & 0o777).toBe(0o600);
    const again = {} as NodeJS.ProcessEnv;
    await ensureLocalSecrets(dir, again, () => {});
    expect(again.BROWSER_TOKEN_SECRET).toBe(first.BROWSER_TOKEN_SECRET);
    // A value set in the environment wins and is not written to the file.
    const set = { BROWSER_TOKEN_SECRET: "x".repeat(40) } as unknown as NodeJS.ProcessEnv;
    await ensureLocalSecrets(dir, set, () => {});
    expect(set.BROWSER_TOKEN_SECRET).toBe("x".repeat(40));
    expect(JSON.parse(await readFile(path.join(dir, "secrets.json"), "utf8")).BROWSER_TOKEN_SECRET).toBe(first.BROWSER_TOKEN_SECRET);
  });
});
