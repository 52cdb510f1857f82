import { ANTHROPIC_SURFACE } from "@/lib/api/api-surface";
import { readJsonBody } from "@/lib/api/read-json-body";
import { v1Routes } from "@/lib/api/v1-routes";
import { getEnv } from "@/lib/env";
import { countMessageTokens } from "@/lib/protocols/anthropic/count-tokens";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  ANTHROPIC_SURFACE,
  "messages",
  {
    POST: async (request, { caller }) => countMessageTokens(await readJsonBody(request, getEnv().MAX_BODY_BYTES), caller.requestId),
  },
  { direct: "/v1/messages/count_tokens" },
);
