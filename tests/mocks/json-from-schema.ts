type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/**
 * A deterministic value that satisfies a (simple) JSON Schema: strings carry `text` so tests
 * can see what the mock echoed; numbers are 1, booleans true, arrays hold one item.
 */
export function jsonFromSchema(schema: unknown, text: string, depth = 0): unknown {
  const s = (schema ?? {}) as Schema;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  const variant = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (variant) return jsonFromSchema(variant, text, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type ?? (s.properties ? "object" : "string")) {
    case "object": {
      const out: Record<string, unknown> = {};
      if (depth > 5) return out;
      for (const [key, sub] of Object.entries(s.properties ?? {})) out[key] = jsonFromSchema(sub, text, depth + 1);
      return out;
    }
    case "array":
      return depth > 5 ? [] : [jsonFromSchema(s.items, text, depth + 1)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return text;
  }
}

/** Tool arguments: schema-shaped when the tool declares properties, else `{"input": text}`. */
export function toolArguments(parameters: unknown, text: string): Record<string, unknown> {
  const props = (parameters as Schema | undefined)?.properties;
  if (!props || Object.keys(props).length === 0) return { input: text };
  return jsonFromSchema(parameters, text) as Record<string, unknown>;
}
