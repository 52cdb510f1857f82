import { z } from "zod";
import { resolveProviderId } from "@/lib/providers";
import { storableText } from "@/lib/validation/storable-text";

/** A catalog id or a common name for one (`google` → `gemini`, `nim` → `nvidia`). */
export const providerIdSchema = storableText()
  .trim()
  .transform((name, ctx) => {
    const id = resolveProviderId(name);
    if (!id) ctx.addIssue({ code: "custom", message: "Unknown provider; see GET /api/account/providers" });
    return id ?? z.NEVER;
  });

export const addProviderKeySchema = z.object({
  providerId: providerIdSchema,
  key: storableText().trim().max(4096, "The key is at most 4096 characters").default(""),
  label: storableText()
    .trim()
    .max(64, "Label is at most 64 characters")
    .nullish()
    .transform((v) => v || null),
  baseUrl: storableText()
    .trim()
    .max(2048)
    .nullish()
    .transform((v) => v || null),
});

export type AddProviderKeyInput = z.input<typeof addProviderKeySchema>;
export type AddProviderKeyData = z.output<typeof addProviderKeySchema>;
