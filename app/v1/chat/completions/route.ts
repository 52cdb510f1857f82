import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { readJsonBody } from "@/lib/api/read-json-body";
import { v1Routes } from "@/lib/api/v1-routes";
import { getEnv } from "@/lib/env";
import { createChatCompletion } from "@/lib/gateway/chat-completions";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  OPENAI_SURFACE,
  "chat_completions",
  {
    POST: async (request, { caller }) => createChatCompletion(await readJsonBody(request, getEnv().MAX_BODY_BYTES), caller),
  },
  { direct: "/v1/chat/completions" },
);
