import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { readJsonBody } from "@/lib/api/read-json-body";
import { v1Routes } from "@/lib/api/v1-routes";
import { getEnv } from "@/lib/env";
import { createCompletion } from "@/lib/protocols/completions/create-completion";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  OPENAI_SURFACE,
  "completions",
  {
    POST: async (request, { caller }) => createCompletion(await readJsonBody(request, getEnv().MAX_BODY_BYTES), caller),
  },
  { direct: "/v1/completions" },
);
