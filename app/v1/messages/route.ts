import { ANTHROPIC_SURFACE } from "@/lib/api/api-surface";
import { readJsonBody } from "@/lib/api/read-json-body";
import { v1Routes } from "@/lib/api/v1-routes";
import { getEnv } from "@/lib/env";
import { createMessage } from "@/lib/protocols/anthropic/create-message";

// Anthropic clients call `/v1/messages?beta=true`; the query changes nothing here.
export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  ANTHROPIC_SURFACE,
  "messages",
  {
    POST: async (request, { caller }) => createMessage(await readJsonBody(request, getEnv().MAX_BODY_BYTES), caller),
  },
  { direct: "/v1/messages" },
);
