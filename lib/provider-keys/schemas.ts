import { z } from "zod";
import { isProviderId } from "@/lib/providers";

export const providerIdSchema = z
  .string()
  .trim()
  .refine(isProviderId, { message: "Unknown provider; see GET /api/account/providers" });

export const addProviderKeySchema = z.object({
  providerId: providerIdSchema,
  key: z.string().trim().max(4096, "The key is at most 4096 characters").default(""),
  label: z.string().trim().max(64, "Label is at most 64 characters").nullish().transform((v) => v || null),
  baseUrl: z.string().trim().max(2048).nullish().transform((v) => v || null),
});

export type AddProviderKeyInput = z.input<typeof addProviderKeySchema>;
