import { describe, expect, it } from "vitest";
import { inferModelCapabilities } from "@/lib/providers/model-capabilities";

describe("inferModelCapabilities", () => {
  it("reads the listing's own metadata where the provider sends it", () => {
    const mistral = (completion_chat: boolean, classification = false) => ({
      capabilities: { completion_chat, function_calling: completion_chat, classification },
    });
    expect(inferModelCapabilities("mistral-small-latest", mistral(true))).toEqual(["chat"]);
    expect(inferModelCapabilities("mistral-embed", mistral(false))).toEqual(["embeddings"]);
    expect(inferModelCapabilities("mistral-moderation-latest", mistral(false, true))).toEqual(["moderation"]);
    expect(inferModelCapabilities("mistral-ocr-latest", mistral(false))).toEqual([]);

    const openrouter = (outputs: string[]) => ({ architecture: { modality: "text->text", input_modalities: ["text"], output_modalities: outputs } });
    expect(inferModelCapabilities("meta-llama/llama-3.3-70b-instruct:free", openrouter(["text"]))).toEqual(["chat"]);
    expect(inferModelCapabilities("google/gemini-2.5-flash-image", openrouter(["image", "text"]))).toEqual(["chat"]);
    expect(inferModelCapabilities("black-forest-labs/flux", openrouter(["image"]))).toEqual(["image"]);
    expect(inferModelCapabilities("qwen/qwen3-embedding-8b", openrouter(["embeddings"]))).toEqual(["embeddings"]);

    expect(inferModelCapabilities("command-a-03-2025", { endpoints: ["chat", "generate"] })).toEqual(["chat"]);
    expect(inferModelCapabilities("embed-v4.0", { endpoints: ["embed"] })).toEqual(["embeddings"]);
    expect(inferModelCapabilities("rerank-v3.5", { endpoints: ["rerank"] })).toEqual(["rerank"]);

    expect(inferModelCapabilities("@cf/baai/bge-m3", { task: { name: "Text Embeddings" } })).toEqual(["embeddings"]);
    expect(inferModelCapabilities("@cf/meta/llama-3.3-70b-instruct-fp8-fast", { task: { name: "Text Generation" } })).toEqual(["chat"]);
    expect(inferModelCapabilities("gemini-embedding-001", { supportedGenerationMethods: ["embedContent"] })).toEqual(["embeddings"]);
    expect(inferModelCapabilities("togethercomputer/m2-bert-80M-8k-retrieval", { type: "embedding" })).toEqual(["embeddings"]);
  });

  it("falls back to the id for OpenAI-style listings that carry none", () => {
    const bare = (id: string) => inferModelCapabilities(id, { id, object: "model", owned_by: "system" });
    expect(bare("text-embedding-3-small")).toEqual(["embeddings"]);
    expect(bare("nomic-embed-text:latest")).toEqual(["embeddings"]);
    expect(bare("baai/bge-m3")).toEqual(["embeddings"]);
    expect(bare("nvidia/nv-embedqa-e5-v5")).toEqual(["embeddings"]);
    expect(bare("nvidia/llama-3.2-nv-rerankqa-1b-v2")).toEqual(["rerank"]);
    expect(bare("whisper-large-v3-turbo")).toEqual(["audio"]);
    expect(bare("playai-tts")).toEqual(["audio"]);
    expect(bare("meta-llama/llama-guard-4-12b")).toEqual(["moderation"]);
    expect(bare("omni-moderation-latest")).toEqual(["moderation"]);
    expect(bare("dall-e-3")).toEqual(["image"]);
    expect(bare("gemini-2.5-flash-image")).toEqual(["image"]);
    // Chat models whose names merely resemble those words stay chat.
    for (const id of [
      "gpt-4o-mini",
      "llama-3.3-70b-versatile",
      "openai/gpt-oss-120b",
      "gemma-3-27b-it",
      "qwen/qwen3-coder:free",
      "meta/llama-3.2-11b-vision-instruct",
      "deepseek-ai/deepseek-v4-flash",
    ]) {
      expect(bare(id), id).toEqual(["chat"]);
    }
  });
});
