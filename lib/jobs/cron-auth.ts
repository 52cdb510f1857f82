import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Cron routes answer only `Authorization: Bearer <CRON_SECRET>` (what Vercel Cron sends).
 * Without CRON_SECRET they are closed: the in-process scheduler needs no route.
 */
export function assertCronSecret(request: Request) {
  const secret = getEnv().CRON_SECRET;
  if (!secret) throw new AppError("unauthorized", "Cron routes are disabled: set CRON_SECRET to enable them.");
  const presented = request.headers.get("authorization") ?? "";
  // Hashes have one length, so the comparison takes the same time whatever was sent.
  if (!timingSafeEqual(digest(presented), digest(`Bearer ${secret}`))) {
    throw new AppError("unauthorized", "Send `Authorization: Bearer <CRON_SECRET>`.");
  }
}
