import { z } from "zod";
import { AppError } from "@/lib/errors";

// PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a UTF-16 surrogate that has no pair.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = "contains a NUL character or an unpaired surrogate, which cannot be stored";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** For text that is stored whatever it holds (usage rows): unstorable characters become U+FFFD. */
export function toStorableText(value: string): string {
  return isStorableText(value) ? value : value.replace(new RegExp(UNSTORABLE.source, "g"), "\uFFFD");
}

/**
 * The one refinement for strings that reach the database: `storableText().trim().max(64)`.
 * Every boundary schema starts its strings here, so a bad character is a 400 naming the field.
 */
export function storableText(message = UNSTORABLE_TEXT_MESSAGE) {
  return z.string().refine(isStorableText, { message });
}

/**
 * Route segments arrive decoded by Next.js; one that cannot be stored can name nothing, so it
 * is refused before any lookup. Used by both API wrappers for every dynamic segment.
 */
export function assertStorableParams(params: unknown): void {
  if (!params || typeof params !== "object") return;
  for (const [name, value] of Object.entries(params)) {
    const parts = Array.isArray(value) ? value : [value];
    if (parts.some((part) => typeof part === "string" && !isStorableText(part))) {
      throw new AppError("invalid_request", `${name}: ${UNSTORABLE_TEXT_MESSAGE}`, name);
    }
  }
}
