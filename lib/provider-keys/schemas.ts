import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";
import { isProviderId } from "@/lib/providers";

export const providerIdSchema = storableText()
  .trim()
  .refine(isProviderId, { message: "Unknown provider; see GET /api/account/providers" });

export const addProviderKeySchema = z.object({
  providerId: providerIdSchema,
  key: storableText().trim().max(4096, "The key is at most 4096 characters").default(""),
  label: storableText().trim().max(64, "Label is at most 64 characters").nullish().transform((v) => v || null),
  baseUrl: storableText().trim().max(2048).nullish().transform((v) => v || null),
});

export type AddProviderKeyInput = z.input<typeof addProviderKeySchema>;
