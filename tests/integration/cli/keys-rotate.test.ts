import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, secretNeedsRotation } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { rotateProviderKeySecrets } from "@/lib/provider-keys/rotate-secrets";
import { createTestUser } from "@/tests/support/factories";
import { runScript } from "./run-script";

const original = { current: process.env.ENCRYPTION_KEY, previous: process.env.ENCRYPTION_KEY_PREVIOUS };

function useKeys(current: string, previous?: string) {
  process.env.ENCRYPTION_KEY = current;
  if (previous) process.env.ENCRYPTION_KEY_PREVIOUS = previous;
  else delete process.env.ENCRYPTION_KEY_PREVIOUS;
  resetEnvCache();
}

async function seed(count: number) {
  const user = await createTestUser();
  for (let i = 0; i < count; i++) {
    await prisma.providerKey.create({ data: { userId: user.id, providerId: "groq", encryptedSecret: encryptSecret(`gsk_secret_${i}`), lastFour: "" } });
  }
  return user;
}

const envelopes = (userId: string) => prisma.providerKey.findMany({ where: { userId }, omit: { encryptedSecret: false }, orderBy: { createdAt: "asc" } });

afterEach(() => {
  useKeys(original.current!, original.previous);
});

// Rotation covers every key in the database, so each test starts from an empty table.
describe("keys:rotate", () => {
  it("re-encrypts secrets written with the previous key and leaves current ones alone", async () => {
    await prisma.providerKey.deleteMany({});
    const oldKey = process.env.ENCRYPTION_KEY!;
    const user = await seed(3);
    const newKey = randomBytes(32).toString("hex");
    useKeys(newKey, oldKey);
    await prisma.providerKey.create({ data: { userId: user.id, providerId: "groq", encryptedSecret: encryptSecret("gsk_new"), lastFour: "" } });

    const report = await rotateProviderKeySecrets({ batchSize: 2 });
    expect(report).toEqual({ total: 4, rotated: 3, current: 1, failed: [] });
    const rows = await envelopes(user.id);
    expect(rows.every((row) => !secretNeedsRotation(row.encryptedSecret))).toBe(true);
    useKeys(newKey);
    expect(rows.map((row) => decryptSecret(row.encryptedSecret))).toEqual(["gsk_secret_0", "gsk_secret_1", "gsk_secret_2", "gsk_new"]);
    expect(await rotateProviderKeySecrets()).toEqual({ total: 4, rotated: 0, current: 4, failed: [] });
  });

  it("reports secrets no configured key can decrypt", async () => {
    await prisma.providerKey.deleteMany({});
    const user = await seed(1);
    useKeys(randomBytes(32).toString("hex"));
    const report = await rotateProviderKeySecrets();
    expect(report.failed).toEqual([(await envelopes(user.id))[0].id]);
  });

  it("runs as a script with counts, non-zero when something could not be decrypted", async () => {
    await prisma.providerKey.deleteMany({});
    const oldKey = process.env.ENCRYPTION_KEY!;
    const user = await seed(2);
    const newKey = randomBytes(32).toString("hex");
    const ok = await runScript("scripts/keys-rotate.ts", [], { ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_PREVIOUS: oldKey });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("2 total, 2 re-encrypted, 0 already current, 0 failed");
    useKeys(newKey);
    expect((await envelopes(user.id)).map((row) => decryptSecret(row.encryptedSecret))).toEqual(["gsk_secret_0", "gsk_secret_1"]);
    const missing = await runScript("scripts/keys-rotate.ts", [], { ENCRYPTION_KEY: randomBytes(32).toString("hex"), ENCRYPTION_KEY_PREVIOUS: "" });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("ENCRYPTION_KEY_PREVIOUS");
  });
});
