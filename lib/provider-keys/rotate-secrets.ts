import { decryptSecret, encryptSecret, secretNeedsRotation } from "@/lib/crypto";
import { prisma } from "@/lib/db";

export interface RotationReport {
  total: number;
  rotated: number;
  current: number;
  /** Ids whose secret neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS decrypts. */
  failed: string[];
}

/**
 * Re-encrypts every provider key secret not written with the current ENCRYPTION_KEY. Each
 * update is conditional on the old envelope, so a key changed meanwhile is left for a rerun.
 */
export async function rotateProviderKeySecrets(options: { batchSize?: number } = {}): Promise<RotationReport> {
  const report: RotationReport = { total: 0, rotated: 0, current: 0, failed: [] };
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.providerKey.findMany({
      select: { id: true, encryptedSecret: true },
      orderBy: { id: "asc" },
      take: options.batchSize ?? 200,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (batch.length === 0) return report;
    cursor = batch[batch.length - 1].id;
    for (const key of batch) {
      report.total += 1;
      if (!secretNeedsRotation(key.encryptedSecret)) {
        report.current += 1;
        continue;
      }
      try {
        const envelope = encryptSecret(decryptSecret(key.encryptedSecret));
        const { count } = await prisma.providerKey.updateMany({
          where: { id: key.id, encryptedSecret: key.encryptedSecret },
          data: { encryptedSecret: envelope },
        });
        if (count === 1) report.rotated += 1;
      } catch {
        report.failed.push(key.id);
      }
    }
  }
}
