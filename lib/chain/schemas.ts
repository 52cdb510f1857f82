import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";
import { providerIdSchema } from "@/lib/provider-keys/schemas";

export const chainEntryInputSchema = z.object({
  providerId: providerIdSchema,
  pinnedModel: storableText()
    .trim()
    .min(1)
    .max(200)
    .nullish()
    .transform((v) => v ?? null),
  enabled: z.boolean().default(true),
});

export const setChainSchema = z.object({
  entries: z
    .array(chainEntryInputSchema)
    .max(50, "At most 50 chain entries")
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry.providerId)) {
          ctx.addIssue({ code: "custom", message: `${entry.providerId} appears twice in the chain`, path: [index, "providerId"] });
        }
        seen.add(entry.providerId);
      });
    }),
});

export type ChainEntryInput = z.input<typeof chainEntryInputSchema>;
export type ChainEntryData = z.output<typeof chainEntryInputSchema>;
