import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";

/** A user with a unique email; tests share one database, so every row they make is unique. */
export async function createTestUser(overrides: { email?: string; name?: string } = {}) {
  const email = overrides.email ?? `user-${randomBytes(6).toString("hex")}@example.test`;
  return prisma.user.create({ data: { email, name: overrides.name ?? "Test User" } });
}
