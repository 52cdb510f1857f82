import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DASHBOARD_KEY_FILTER, type RequestsQuery, type UsageQuery } from "./schemas";

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Midnight UTC of today, and of `days - 1` days before it. */
export function utcDayRange(days: number, now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start: new Date(today.getTime() - (days - 1) * DAY_MS), today };
}

interface Counts {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  errors: number;
}

const zero = (): Counts => ({ requests: 0, promptTokens: 0, completionTokens: 0, errors: 0 });

function add(into: Counts, row: Counts) {
  into.requests += row.requests;
  into.promptTokens += row.promptTokens;
  into.completionTokens += row.completionTokens;
  into.errors += row.errors;
}

/** Daily usage over the last `days` UTC days, every day present (zeros where nothing ran). */
export async function getDailyUsage(userId: string, query: UsageQuery) {
  const { days, providerId, model } = query;
  // UsageDaily stores "no unified key" as "", the request log as null.
  const apiKeyId = query.apiKeyId === DASHBOARD_KEY_FILTER ? "" : query.apiKeyId;
  const { start, today } = utcDayRange(days);
  const inRange = { userId, day: { gte: start, lte: today } };
  const [rows, all, apiKeys, protocols] = await Promise.all([
    prisma.usageDaily.findMany({
      where: { ...inRange, ...(apiKeyId !== undefined ? { apiKeyId } : {}), ...(providerId ? { providerId } : {}), ...(model ? { model } : {}) },
      orderBy: [{ day: "asc" }, { providerId: "asc" }, { model: "asc" }],
    }),
    prisma.usageDaily.findMany({ where: inRange, select: { providerId: true, model: true }, distinct: ["providerId", "model"] }),
    prisma.apiKey.findMany({ where: { userId }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } }),
    // Which API each request came in on lives in the request log (kept REQUEST_LOG_RETENTION_DAYS).
    prisma.requestLog.groupBy({
      by: ["protocol"],
      where: {
        userId,
        createdAt: { gte: start },
        ...(apiKeyId !== undefined ? { apiKeyId: apiKeyId || null } : {}),
        ...(providerId ? { providerId } : {}),
        ...(model ? { model } : {}),
      },
      _count: { _all: true },
      _sum: { promptTokens: true, completionTokens: true },
    }),
  ]);

  const byDay = new Map<string, Counts & { byProvider: Record<string, { requests: number; tokens: number }> }>();
  for (let t = start.getTime(); t <= today.getTime(); t += DAY_MS) byDay.set(isoDay(new Date(t)), { ...zero(), byProvider: {} });
  const totals = zero();
  const flat = rows.map((row) => {
    const day = isoDay(row.day);
    const bucket = byDay.get(day);
    if (bucket) {
      add(bucket, row);
      const provider = (bucket.byProvider[row.providerId] ??= { requests: 0, tokens: 0 });
      provider.requests += row.requests;
      provider.tokens += row.promptTokens + row.completionTokens;
    }
    add(totals, row);
    const { requests, promptTokens, completionTokens, errors } = row;
    return { day, providerId: row.providerId, model: row.model, apiKeyId: row.apiKeyId || null, requests, promptTokens, completionTokens, errors };
  });

  return {
    days: [...byDay].map(([day, counts]) => ({ day, ...counts })),
    rows: flat,
    totals,
    byProtocol: protocols
      .map((p) => ({ protocol: p.protocol, requests: p._count._all, tokens: (p._sum.promptTokens ?? 0) + (p._sum.completionTokens ?? 0) }))
      .sort((a, b) => b.requests - a.requests),
    filters: {
      providers: [...new Set(all.map((r) => r.providerId))].sort(),
      models: [...new Set(all.map((r) => r.model))].sort(),
      apiKeys,
    },
  };
}

export type DailyUsageView = Awaited<ReturnType<typeof getDailyUsage>>;

function encodeCursor(row: { createdAt: Date; id: string }) {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

// Exactly what encodeCursor writes: an ISO time PostgreSQL can hold and a row id.
const CURSOR = /^((?:19[7-9]\d|2\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([\w-]{1,64})$/;

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const createdAt = new Date(match?.[1] ?? NaN);
  if (!match || Number.isNaN(createdAt.getTime())) throw new AppError("invalid_request", "The cursor is not valid", "cursor");
  return { createdAt, id: match[2] };
}

/** Newest first, paged by (createdAt, id) so rows written meanwhile never shift a page. */
export async function getRecentRequests(userId: string, { limit, cursor, status }: RequestsQuery) {
  const where: Prisma.RequestLogWhereInput = { userId };
  if (status) where.status = status === "ok" ? { lt: 400 } : { gte: 400 };
  if (cursor) {
    const after = decodeCursor(cursor);
    // The bound on createdAt alone lets the (userId, createdAt) index start at the cursor; with only
    // the OR, a deep page scans every newer row first.
    where.createdAt = { lte: after.createdAt };
    where.OR = [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }];
  }
  const rows = await prisma.requestLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const page = rows.slice(0, limit);
  const keyIds = [...new Set(page.map((r) => r.apiKeyId).filter((id): id is string => Boolean(id)))];
  const keys = keyIds.length ? await prisma.apiKey.findMany({ where: { userId, id: { in: keyIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(keys.map((k) => [k.id, k.name]));
  return {
    items: page.map(({ userId: _owner, ...row }) => ({
      ...row,
      apiKeyName: row.apiKeyId ? (names.get(row.apiKeyId) ?? null) : null,
      attempts: Array.isArray(row.attempts) ? row.attempts : [],
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
  };
}

export type RequestsPageView = Awaited<ReturnType<typeof getRecentRequests>>;
