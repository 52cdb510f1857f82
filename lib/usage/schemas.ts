import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";

const optionalFilter = storableText()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

/** The usage filter for traffic without a unified key (the dashboard playground, the CLI). */
export const DASHBOARD_KEY_FILTER = "dashboard";

export const usageQuerySchema = z.object({
  days: z.coerce.number().int().min(1, "days is at least 1").max(366, "days is at most 366").default(30),
  apiKeyId: optionalFilter,
  providerId: optionalFilter,
  model: optionalFilter,
});

export const requestsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200, "limit is at most 200").default(50),
  cursor: storableText()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  status: z.enum(["ok", "error"]).optional(),
});

export type UsageQuery = z.output<typeof usageQuerySchema>;
export type RequestsQuery = z.output<typeof requestsQuerySchema>;
