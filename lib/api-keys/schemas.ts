import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";

export const createApiKeySchema = z.object({
  name: storableText().trim().min(1, "Name is required").max(64, "Name is at most 64 characters"),
  expiresAt: z.coerce
    .date()
    .refine((date) => date.getTime() > Date.now(), "Expiry must be in the future")
    .nullish(),
  dailyRequestCap: z.number().int().positive().max(10_000_000).nullish(),
  dailyTokenCap: z.number().int().positive().max(2_000_000_000).nullish(),
  modelAllowlist: z.array(storableText().trim().min(1).max(200)).max(100).default([]),
  responseCache: z.boolean().default(true),
});

export const responseCacheSettingSchema = z.object({ enabled: z.boolean() });

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
