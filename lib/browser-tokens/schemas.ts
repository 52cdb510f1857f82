import { z } from "zod";
import { IDENTIFIER_PATTERN } from "@/lib/limits/parse-identifier";
import { storableText } from "@/lib/validation/storable-text";

export const DEFAULT_TTL_SECONDS = 300;
export const MAX_TTL_SECONDS = 900;

/** `https://app.example` or `http://localhost:5173`: a scheme, a host and maybe a port, nothing else. */
const origin = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
    } catch {
      return false;
    }
  }, "must be an http(s) origin such as https://app.example (scheme, host and port only, no path or trailing slash)");

export const issueBrowserTokenSchema = z
  .object({
    origin,
    identifier: z.string().regex(IDENTIFIER_PATTERN, "must be 1-128 characters of A-Z a-z 0-9 _ . : -").optional(),
    ttlSeconds: z.number().int().min(1).max(MAX_TTL_SECONDS, `is at most ${MAX_TTL_SECONDS} (15 minutes)`).default(DEFAULT_TTL_SECONDS),
    models: z.array(storableText().trim().min(1).max(200)).min(1).max(20).optional(),
  })
  .strict();

export type IssueBrowserTokenInput = z.input<typeof issueBrowserTokenSchema>;

export type IssueBrowserTokenData = z.output<typeof issueBrowserTokenSchema>;
