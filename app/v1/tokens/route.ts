import { OPENAI_SURFACE } from "@/lib/api/api-surface";
import { jsonResponse } from "@/lib/api/http-response";
import { readJsonBody } from "@/lib/api/read-json-body";
import { v1Routes } from "@/lib/api/v1-routes";
import { issueBrowserToken, issueBrowserTokenSchema } from "@/lib/browser-tokens";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = v1Routes(
  OPENAI_SURFACE,
  "tokens",
  {
    POST: async (request, { apiKey, browserToken }) => {
      if (browserToken) throw new AppError("forbidden", "A browser token cannot mint browser tokens; mint them on your server with the unified key.");
      const body = issueBrowserTokenSchema.parse(await readJsonBody(request, getEnv().MAX_BODY_BYTES));
      return jsonResponse(issueBrowserToken(apiKey, body), { headers: { "cache-control": "no-store" } });
    },
  },
  { direct: "/v1/tokens" },
);
