import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password-hash";
import { emailSchema, type ChangePasswordData, type CreateUserData } from "./schemas";

const publicFields = { id: true, email: true, name: true, createdAt: true } as const;

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export async function createUser(data: CreateUserData) {
  const passwordHash = await hashPassword(data.password);
  try {
    return await prisma.user.create({ data: { email: data.email, name: data.name ?? null, passwordHash }, select: publicFields });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists", "email");
    }
    throw error;
  }
}

/** The user for a correct email + password, else null; unknown emails cost the same work. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const parsed = emailSchema.safeParse(email);
  const user = parsed.success ? await prisma.user.findUnique({ where: { email: parsed.data }, select: { ...publicFields, passwordHash: true } }) : null;
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** Accounts created through OAuth have no password yet: they may set one without a current one. */
export async function changePassword(userId: string, data: ChangePasswordData) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("not_found", "User not found");
  if (user.passwordHash && !(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw new AppError("invalid_request", "The current password is not correct", "currentPassword");
  }
  await prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(data.newPassword) } });
}

/** Provider keys, chain, unified keys, usage and logs go with the user (onDelete: Cascade). */
export async function deleteUser(userId: string) {
  const { count } = await prisma.user.deleteMany({ where: { id: userId } });
  if (count === 0) throw new AppError("not_found", "User not found");
}

export async function getUserById(userId: string) {
  return prisma.user.findUnique({ where: { id: userId }, select: { ...publicFields, passwordHash: true } });
}

export async function getUserByEmailOrThrow(email: string) {
  const normalized = emailSchema.parse(email);
  const user = await prisma.user.findUnique({ where: { email: normalized }, select: publicFields });
  if (!user) throw new AppError("not_found", `No user with the email ${normalized}`, "email");
  return user;
}

/** What GET /api/account/me answers: never the hash, only whether there is one. */
export async function getProfile(userId: string) {
  const user = await getUserById(userId);
  if (!user) throw new AppError("not_found", "User not found");
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

export type ProfileView = Awaited<ReturnType<typeof getProfile>>;
