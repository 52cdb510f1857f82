import { z } from "zod";

const unsupported = (what: string) => ({ error: `${what} is not supported by this gateway.` });

/** POST /v1/completions (legacy text completions). Unknown fields are ignored. */
export const completionRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.union([
    z.string(),
    z.array(z.string()).length(1, { error: "Send one prompt per request (an array of exactly one string)." }),
    z.array(z.unknown()).refine(() => false, { error: "Token-id prompts are not supported: send the prompt as text." }),
  ]),
  suffix: z.string().nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  seed: z.number().int().nullable().optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  user: z.string().optional(),
  n: z.literal(1, unsupported("n other than 1")).nullable().optional(),
  best_of: z.literal(1, unsupported("best_of other than 1")).nullable().optional(),
  echo: z.literal(false, unsupported("echo")).nullable().optional(),
  logprobs: z.null({ error: "logprobs is not supported by this gateway." }).optional(),
});

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
