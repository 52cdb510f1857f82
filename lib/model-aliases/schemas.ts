import { z } from "zod";
import { META_MODELS } from "@/lib/router";

const isMeta = (name: string) => (META_MODELS as readonly string[]).includes(name);

/** A model name as clients send it, or a prefix ending in `*` (Claude Code sends dated names). */
export const aliasNameSchema = z
  .string()
  .trim()
  .min(1, "Name the model clients send")
  .max(200, "An alias is at most 200 characters")
  .regex(/^[^\s*]+\*?$/, "An alias has no spaces and may only end with * (e.g. claude-*)")
  .refine((name) => !isMeta(name), { message: `${META_MODELS.join(", ")} are freellmapi's own models and cannot be aliases` });

export const aliasTargetSchema = z
  .string()
  .trim()
  .min(1, "Name the freellmapi model it maps to, e.g. auto or groq/llama-3.3-70b-versatile")
  .max(200, "A target is at most 200 characters")
  .regex(/^[^\s*]+$/, "A target is one model name, without spaces or *");

export const setModelAliasSchema = z
  .object({
    alias: aliasNameSchema,
    target: aliasTargetSchema,
    /** Null or absent: for every key of the account. */
    apiKeyId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((input) => input.alias !== input.target, { message: "An alias cannot map to itself", path: ["target"] });

export type SetModelAliasInput = z.input<typeof setModelAliasSchema>;
export type SetModelAliasData = z.output<typeof setModelAliasSchema>;
