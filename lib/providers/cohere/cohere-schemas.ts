import type { Body } from "../types";

/** Tool and response schemas without the keywords Cohere's compatibility endpoint rejects. */
export function withCohereSchemas(body: Body): Body {
  if (Array.isArray(body.tools)) {
    body.tools = body.tools.map((tool: Record<string, unknown>) => {
      const fn = tool.function as Record<string, unknown> | undefined;
      return fn?.parameters ? { ...tool, function: { ...fn, parameters: stripSchemaKeywords(fn.parameters) } } : tool;
    });
  }
  const format = body.response_format as { type?: string; json_schema?: Record<string, unknown> } | undefined;
  if (format?.type === "json_schema" && format.json_schema?.schema) {
    body.response_format = { ...format, json_schema: { ...format.json_schema, schema: stripSchemaKeywords(format.json_schema.schema) } };
  }
  return body;
}

/** Cohere's compatibility endpoint answers 400 to these JSON-Schema keywords anywhere in a schema. */
export function stripSchemaKeywords(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripSchemaKeywords);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "additionalProperties" || key === "$schema") continue;
    out[key] = stripSchemaKeywords(value);
  }
  return out;
}
