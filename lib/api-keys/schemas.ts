import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";

const requestCap = z.number().int().positive().max(10_000_000).nullish();
const tokenCap = z.number().int().positive().max(2_000_000_000).nullish();
const monthlyRequestCap = z.number().int().positive().max(300_000_000).nullish();

export const createApiKeySchema = z.object({
  name: storableText().trim().min(1, "Name is required").max(64, "Name is at most 64 characters"),
  expiresAt: z.coerce
    .date()
    .refine((date) => date.getTime() > Date.now(), "Expiry must be in the future")
    .nullish(),
  dailyRequestCap: requestCap,
  dailyTokenCap: tokenCap,
  monthlyRequestCap,
  monthlyTokenCap: tokenCap,
  modelAllowlist: z.array(storableText().trim().min(1).max(200)).max(100).default([]),
  responseCache: z.boolean().default(true),
});

export const responseCacheSettingSchema = z.object({ enabled: z.boolean() });

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export type CreateApiKeyData = z.output<typeof createApiKeySchema>;

/** PATCH: the caps to change (null removes one); fields left out stay as they are. */
export const updateApiKeyLimitsSchema = z
  .object({ dailyRequestCap: requestCap, dailyTokenCap: tokenCap, monthlyRequestCap, monthlyTokenCap: tokenCap })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: "Send at least one of dailyRequestCap, dailyTokenCap, monthlyRequestCap, monthlyTokenCap" });

export type UpdateApiKeyLimitsInput = z.input<typeof updateApiKeyLimitsSchema>;
export type UpdateApiKeyLimitsData = z.output<typeof updateApiKeyLimitsSchema>;
