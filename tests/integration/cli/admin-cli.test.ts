import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWellFormedApiKey, verifyApiKey } from "@/lib/api-keys";
import { decryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/users";
import { startMockProvider, type MockProvider } from "@/tests/mocks";
import { runScript } from "./run-script";

let groq: MockProvider;
let gemini: MockProvider;
const email = `cli-${Date.now()}@example.test`;
const admin = (...args: string[]) => runScript("scripts/admin.ts", args, { GROQ_BASE_URL: groq.url, GEMINI_BASE_URL: gemini.url });

beforeAll(async () => {
  groq = await startMockProvider({ profile: "groq", zeroLatency: true });
  gemini = await startMockProvider({ profile: "gemini", zeroLatency: true });
});

afterAll(async () => {
  await Promise.all([groq.close(), gemini.close()]);
});

describe("npm run admin", () => {
  it("creates a user, adds a validated provider key, sets the chain, creates and revokes a key", async () => {
    const created = await admin("user:create", "--email", email.toUpperCase(), "--password", "cli password", "--name", "Cli");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created user ${email}`);
    expect(await verifyCredentials(email, "cli password")).toMatchObject({ email });

    const key = await admin("provider-key:add", "--email", email, "--provider", "groq", "--key", "gsk_test", "--label", "cli");
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(/Added groq key \S+ \(…test\) for .*: \d+ models/);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const row = await prisma.providerKey.findFirstOrThrow({ where: { userId: user.id }, omit: { encryptedSecret: false } });
    expect(decryptSecret(row.encryptedSecret)).toBe("gsk_test");

    const chain = await admin("chain:set", "--email", email, "groq/llama-3.3-70b-versatile", "gemini");
    expect(chain.code).toBe(0);
    expect(chain.stdout).toContain("1. groq/llama-3.3-70b-versatile (ready)");
    expect(chain.stdout).toContain("2. gemini (no_keys)");

    const apiKey = await admin("api-key:create", "--email", email, "--name", "ci");
    expect(apiKey.code).toBe(0);
    const lines = apiKey.stdout.trimEnd().split("\n");
    const plaintext = lines[lines.length - 1];
    expect(isWellFormedApiKey(plaintext)).toBe(true);
    expect(await verifyApiKey(plaintext)).toMatchObject({ userId: user.id, name: "ci" });

    const revoked = await admin("api-key:revoke", "--email", email, "--name", "ci");
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked API key "ci"');
    expect((await prisma.apiKey.findFirstOrThrow({ where: { userId: user.id, name: "ci" } })).revokedAt).not.toBeNull();
  });

  it("fails clearly with a non-zero exit on bad input", async () => {
    const rejected = await admin("provider-key:add", "--email", email, "--provider", "groq", "--key", "gsk_wrong_key_123");
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/Groq rejected this key/);
    const [unknownCommand, missing, unknownFlag, noUser, badChain, shortPassword] = await Promise.all([
      admin("user:delete"),
      admin("api-key:create", "--email", email),
      admin("user:create", "--email", "a@b.test", "--pasword", "x"),
      admin("api-key:create", "--email", "nobody@example.test", "--name", "x"),
      admin("chain:set", "--email", email, "nope"),
      admin("user:create", "--email", "short@example.test", "--password", "short"),
    ]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Unknown command "user:delete"');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--name is required");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/pasword/);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toContain("No user with the email nobody@example.test");
    expect(badChain.code).toBe(1);
    expect(badChain.stderr).toContain("Unknown provider");
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.stderr).toContain("password: Password must be at least 8 characters");
    const dup = await admin("user:create", "--email", email, "--password", "cli password");
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("already exists");
  });

  it("sets, lists and removes model aliases, per account and per key", { timeout: 180_000 }, async () => {
    const aliasEmail = `cli-alias-${Date.now()}@example.test`;
    expect((await admin("user:create", "--email", aliasEmail, "--password", "cli password")).code).toBe(0);
    expect((await admin("api-key:create", "--email", aliasEmail, "--name", "claude-code")).code).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: aliasEmail } });

    const account = await admin("alias:set", "--email", aliasEmail, "gpt-4o-mini", "free-fast");
    expect(account.stderr).toBe("");
    expect(account.stdout).toContain("gpt-4o-mini → free-fast (every key)");
    const perKey = await admin("alias:set", "--email", aliasEmail, "claude-*", "auto", "--api-key", "claude-code");
    expect(perKey.stdout).toContain('claude-* → auto (key "claude-code")');
    expect(await prisma.modelAlias.count({ where: { userId: user.id } })).toBe(2);

    const listed = await admin("alias:list", "--email", aliasEmail);
    expect(listed.stdout).toContain("gpt-4o-mini → free-fast (every key)");
    expect(listed.stdout).toContain('claude-* → auto (key "claude-code")');

    // The per-key alias is not the account one: removing it needs the key named.
    expect((await admin("alias:remove", "--email", aliasEmail, "claude-*")).code).toBe(1);
    const removed = await admin("alias:remove", "--email", aliasEmail, "claude-*", "--api-key", "claude-code");
    expect(removed.code).toBe(0);
    expect(await prisma.modelAlias.findMany({ where: { userId: user.id }, select: { alias: true } })).toEqual([{ alias: "gpt-4o-mini" }]);

    const [meta, missing, noKey] = await Promise.all([
      admin("alias:set", "--email", aliasEmail, "auto", "free"),
      admin("alias:set", "--email", aliasEmail, "gpt-4o"),
      admin("alias:set", "--email", aliasEmail, "gpt-4o", "auto", "--api-key", "nope"),
    ]);
    expect(meta.code).toBe(1);
    expect(meta.stderr).toContain("cannot be aliases");
    expect(missing.code).toBe(2);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('No active API key named "nope"');
  });

  it("takes common provider names (google, nim) for chain:set and provider-key:add", { timeout: 120_000 }, async () => {
    const namesEmail = `cli-names-${Date.now()}@example.test`;
    expect((await admin("user:create", "--email", namesEmail, "--password", "cli password")).code).toBe(0);
    const key = await admin("provider-key:add", "--email", namesEmail, "--provider", "google", "--key", "gemini-test-key");
    expect(key.stderr).toBe("");
    expect(key.stdout).toMatch(/Added gemini key /);
    const chain = await admin("chain:set", "--email", namesEmail, "google/gemini-2.5-flash", "nim", "Groq");
    expect(chain.code).toBe(0);
    expect(chain.stdout).toContain("1. gemini/gemini-2.5-flash (ready)");
    expect(chain.stdout).toContain("2. nvidia (no_keys)");
    expect(chain.stdout).toContain("3. groq (no_keys)");
  });

  it("prints help", async () => {
    const help = await admin("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("provider-key:add");
  });
});
