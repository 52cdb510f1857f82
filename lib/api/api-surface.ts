import { anthropicErrorResponse } from "./anthropic-error";
import { openAiErrorResponse } from "./openai-error";

/** One /v1 wire surface: how it answers errors (its own envelope). */
export interface ApiSurface {
  name: "openai" | "anthropic";
  errorResponse(error: unknown, requestId: string, headers?: Record<string, string>): Response;
}

export const OPENAI_SURFACE: ApiSurface = { name: "openai", errorResponse: openAiErrorResponse };
export const ANTHROPIC_SURFACE: ApiSurface = { name: "anthropic", errorResponse: anthropicErrorResponse };

/** Anthropic's clients call `<base>/v1/messages...`; everything else under /v1 speaks OpenAI. */
export function surfaceForPath(pathname: string): ApiSurface {
  return /^\/(api\/)?v1\/messages(\/|$)/.test(pathname) ? ANTHROPIC_SURFACE : OPENAI_SURFACE;
}
