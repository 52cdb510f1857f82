export const MODEL_CAPABILITIES = ["chat", "embeddings", "image", "audio", "moderation", "rerank"] as const;

export type ModelCapability = (typeof MODEL_CAPABILITIES)[number];

/** One model of a key's `/models` listing, with what it can be asked to do. */
export interface ListedModel {
  id: string;
  capabilities: ModelCapability[];
}

type Entry = Record<string, unknown>;

/**
 * What a listed model can do, from the listing's own metadata where the provider sends some
 * (Mistral `capabilities`, OpenRouter/Hugging Face `architecture`, Cohere `endpoints`, Cloudflare
 * `task`, Gemini `supportedGenerationMethods`, a `type` field), else from the id. Pure: no I/O.
 */
export function inferModelCapabilities(id: string, entry: Entry = {}): ModelCapability[] {
  return fromMetadata(id, entry) ?? fromName(id);
}

function fromMetadata(id: string, entry: Entry): ModelCapability[] | null {
  const caps = entry.capabilities;
  if (isObject(caps) && typeof caps.completion_chat === "boolean") {
    if (caps.completion_chat) return ["chat"];
    if (caps.classification === true || MODERATION.test(id)) return ["moderation"];
    return EMBEDDINGS.test(id) ? ["embeddings"] : [];
  }
  const endpoints = Array.isArray(entry.endpoints) ? entry.endpoints.map(String) : null;
  if (endpoints) {
    const out = new Set<ModelCapability>();
    for (const endpoint of endpoints) {
      if (endpoint === "chat" || endpoint === "generate") out.add("chat");
      else if (endpoint === "embed") out.add("embeddings");
      else if (endpoint === "rerank") out.add("rerank");
    }
    return [...out];
  }
  const methods = Array.isArray(entry.supportedGenerationMethods) ? entry.supportedGenerationMethods.map(String) : null;
  if (methods) {
    const out = new Set<ModelCapability>();
    for (const method of methods) {
      if (method === "generateContent") out.add(IMAGE.test(id) ? "image" : AUDIO.test(id) ? "audio" : "chat");
      else if (method === "embedContent" || method === "embedText") out.add("embeddings");
      else if (method === "predict" && IMAGE.test(id)) out.add("image");
    }
    return [...out];
  }
  const task = isObject(entry.task) ? entry.task.name : entry.task;
  if (typeof task === "string" && TASKS[task.toLowerCase()]) return [TASKS[task.toLowerCase()]];
  if (typeof entry.type === "string" && TYPES[entry.type.toLowerCase()]) return [TYPES[entry.type.toLowerCase()]];
  const architecture = entry.architecture;
  if (isObject(architecture) && Array.isArray(architecture.output_modalities)) {
    const outputs = architecture.output_modalities.map(String);
    if (outputs.includes("embeddings") || EMBEDDINGS.test(id)) return ["embeddings"];
    if (outputs.includes("text")) return MODERATION.test(id) ? ["moderation"] : ["chat"];
    if (outputs.includes("image")) return ["image"];
    if (outputs.includes("audio")) return ["audio"];
    return [];
  }
  return null;
}

// Ids are matched on word-like pieces so `e5` or `gte` inside another word do not count.
const piece = (alternatives: string) => new RegExp(`(^|[/_\\-.:@])(${alternatives})([/_\\-.:@]|\\d|$)`, "i");
const EMBEDDINGS = /embed|text-similarity|retriev/i;
const EMBEDDING_FAMILIES = piece("bge|e5|gte|minilm|mxbai|nomic|arctic|colbert|sentence-t5|all-mpnet");
const RERANK = /rerank/i;
const MODERATION = /moderation|llama-guard|prompt-guard|shieldgemma|safeguard|guardian/i;
const AUDIO = /whisper|tts|speech|transcri|audio|voice|orpheus|playai|melotts/i;
const IMAGE = /dall-e|gpt-image|stable-diffusion|sdxl|flux|imagen|dreamshaper|lucid-origin|phoenix-|text-to-image/i;
const IMAGE_WORD = piece("image|img|ocr");

function fromName(id: string): ModelCapability[] {
  if (RERANK.test(id)) return ["rerank"];
  if (EMBEDDINGS.test(id) || EMBEDDING_FAMILIES.test(id)) return ["embeddings"];
  if (MODERATION.test(id)) return ["moderation"];
  if (AUDIO.test(id)) return ["audio"];
  if (IMAGE.test(id)) return ["image"];
  // `-image` models generate pictures; OCR models read documents: neither is a chat model.
  if (IMAGE_WORD.test(id)) return /ocr/i.test(id) ? [] : ["image"];
  return ["chat"];
}

const TASKS: Record<string, ModelCapability> = {
  "text generation": "chat",
  "text embeddings": "embeddings",
  "text-to-image": "image",
  "automatic speech recognition": "audio",
  "text-to-speech": "audio",
  "text classification": "moderation",
};

const TYPES: Record<string, ModelCapability> = {
  chat: "chat",
  language: "chat",
  code: "chat",
  embedding: "embeddings",
  embeddings: "embeddings",
  image: "image",
  audio: "audio",
  transcribe: "audio",
  moderation: "moderation",
  rerank: "rerank",
};

function isObject(value: unknown): value is Entry {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Stored capabilities (`{ [id]: [...] }`), or the name's guess for a model listed before they were. */
export function capabilitiesOf(model: string, stored: Record<string, ModelCapability[]> | null | undefined): ModelCapability[] {
  return stored?.[model] ?? inferModelCapabilities(model);
}
