import { prisma } from "@/lib/db";
import type { BlockReason } from "./state";
import type { Bench, BenchStore } from "./persistent-benches";

/** Benches in the RoutingBench table; rows go with their provider key (cascade) or once expired. */
export const databaseBenchStore: BenchStore = {
  async load(now) {
    await prisma.routingBench.deleteMany({ where: { until: { lte: new Date(now) } } });
    const rows = await prisma.routingBench.findMany();
    return rows.map((row): Bench => ({ target: row.target, until: row.until.getTime(), reason: row.reason as BlockReason }));
  },
  async save({ target, until, reason }) {
    const providerKeyId = target.slice(0, target.indexOf(":"));
    // A later bench wins, as in the routing state itself.
    await prisma.$executeRaw`
      INSERT INTO "RoutingBench" ("target", "providerKeyId", "until", "reason")
      VALUES (${target}, ${providerKeyId}, ${new Date(until)}, ${reason})
      ON CONFLICT ("target") DO UPDATE SET "until" = EXCLUDED."until", "reason" = EXCLUDED."reason"
      WHERE "RoutingBench"."until" < EXCLUDED."until"`;
  },
  async removeKey(providerKeyId) {
    await prisma.routingBench.deleteMany({ where: { providerKeyId } });
  },
};
