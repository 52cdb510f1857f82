import { hasTools } from "../request-helpers";
import type { Body } from "../types";

/**
 * NIM's request dialect: one tool call at a time, and structured output named both ways. NIM 2.x
 * reads `response_format: json_schema` and ignores `guided_json`; NIM 1.x models read only
 * `nvext.guided_json`. So a client's legacy `guided_json` becomes a `response_format`, and a
 * `json_schema` format is also sent as `nvext.guided_json`.
 */
export function toNimBody(body: Body): Body {
  if (hasTools(body)) body.parallel_tool_calls = false;
  const nvext = body.nvext as Record<string, unknown> | undefined;
  const guided = body.guided_json ?? nvext?.guided_json;
  if (guided !== undefined && body.response_format === undefined) {
    body.response_format = { type: "json_schema", json_schema: { name: "response", schema: guided } };
  }
  delete body.guided_json;
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  const schema = format?.type === "json_schema" ? format.json_schema?.schema : undefined;
  if (schema !== undefined && nvext?.guided_json === undefined) body.nvext = { ...nvext, guided_json: schema };
  return body;
}
