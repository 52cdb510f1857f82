import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * One Prisma client per process, created on first use so that importing this module (as
 * `next build` does) needs no database. The embedded database serializes queries anyway,
 * so one connection there keeps transactions from interleaving with other queries.
 */
function createClient() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it");
  const embedded = process.env.FREELLMAPI_EMBEDDED_DB === "1";
  // A database host that accepts but never answers must fail the query, not hold it forever
  // (pg waits without limit by default); 10 s leaves room for a serverless database's cold start.
  const adapter = new PrismaPg({ connectionString: url, max: embedded ? 1 : 10, connectionTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter, omit: { providerKey: { encryptedSecret: true } } });
}

export type Db = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as unknown as { prisma?: Db };

export function getDb(): Db {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

export const prisma = new Proxy({} as Db, {
  get(_, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
}
