import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWellFormedApiKey, verifyApiKey } from "@/lib/api-keys";
import { decryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/users";
import { startMockProvider, type MockProvider } from "@/tests/mocks";
import { runScript } from "./run-script";

let groq: MockProvider;
const email = `cli-${Date.now()}@example.test`;
const admin = (...args: string[]) => runScript("scripts/admin.ts", args, { GROQ_BASE_URL: groq.url });

beforeAll(async () => {
  groq = await startMockProvider({ profile: "groq", zeroLatency: true });
});

afterAll(async () => {
  await groq.close();
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

  it("prints help", async () => {
    const help = await admin("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("provider-key:add");
  });
});
