import { createHash } from "node:crypto";
import type { ModelSpec } from "./types";
import { countTokens } from "./wire-formats";

/** Unit-length vector derived from the text alone, so equal inputs embed equally. */
export function embedText(text: string, dimensions: number): number[] {
  let state = createHash("sha256").update(text).digest().readUInt32LE(0) || 1;
  const values: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    // xorshift32: cheap and deterministic.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values.push(((state >>> 0) / 0xffffffff) * 2 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => Math.fround(v / norm));
}

function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

export interface EmbeddingsRequestBody {
  model?: string;
  input?: unknown;
  encoding_format?: "float" | "base64";
  dimensions?: number;
}

/** OpenAI `list` of embeddings; honours `dimensions` and `encoding_format` (the SDK asks base64). */
export function embeddingsBody(model: ModelSpec, body: EmbeddingsRequestBody) {
  const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? "")];
  const dimensions = body.dimensions ?? model.dimensions ?? 768;
  const data = inputs.map((text, index) => {
    const vector = embedText(text, dimensions);
    return { object: "embedding", index, embedding: body.encoding_format === "base64" ? toBase64(vector) : vector };
  });
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
  return { object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
