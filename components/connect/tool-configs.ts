// Copy-ready setup for the tools people point at the gateway, filled with this gateway's URL.
// `key` is a placeholder the person swaps for a unified key (shown once, on the keys page).

export interface ToolStep {
  /** What the block is: a file name or "Terminal". */
  label: string;
  code: string;
}

export interface ToolConfig {
  id: string;
  name: string;
  /** Which wire protocol the tool speaks to the gateway. */
  protocol: "Chat Completions" | "Responses" | "Anthropic Messages" | "Chat + Completions";
  summary: string;
  steps: ToolStep[];
  note?: string;
}

const KEY = "freellmapi-YOUR_KEY";

/** `origin` is the gateway's origin (Anthropic clients add `/v1` themselves); `/v1` is appended for OpenAI clients. */
export function buildToolConfigs(origin: string, key = KEY): ToolConfig[] {
  const v1 = `${origin}/v1`;
  return [
    {
      id: "codex",
      name: "Codex CLI",
      protocol: "Responses",
      summary: "OpenAI's coding agent speaks only the Responses API; add freellmapi as a model provider.",
      steps: [
        {
          label: "~/.codex/config.toml",
          code: `model = "auto"
model_provider = "freellmapi"

[model_providers.freellmapi]
name = "freellmapi"
base_url = "${v1}"
env_key = "FREELLMAPI_KEY"
wire_api = "responses"`,
        },
        { label: "Terminal", code: `export FREELLMAPI_KEY=${key}\ncodex` },
      ],
      note: "Tools Codex runs on your machine work as usual; web search and other hosted tools are dropped, since free providers cannot run them.",
    },
    {
      id: "claude-code",
      name: "Claude Code",
      protocol: "Anthropic Messages",
      summary: "Point Claude Code at the gateway and send every model tier to your chain.",
      steps: [
        {
          label: "Terminal",
          code: `export ANTHROPIC_BASE_URL=${origin}
export ANTHROPIC_AUTH_TOKEN=${key}
export ANTHROPIC_MODEL=auto
export ANTHROPIC_DEFAULT_OPUS_MODEL=auto
export ANTHROPIC_DEFAULT_SONNET_MODEL=auto
export ANTHROPIC_DEFAULT_HAIKU_MODEL=auto
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
claude`,
        },
      ],
      note: "The base URL has no /v1: Claude Code adds it. Instead of the model variables you can map claude-* to a freellmapi model with a model alias.",
    },
    {
      id: "cline",
      name: "Cline, Roo Code, Kilo Code",
      protocol: "Chat Completions",
      summary: "In the extension's settings choose the “OpenAI Compatible” API provider.",
      steps: [{ label: "Settings", code: `API Provider: OpenAI Compatible\nBase URL:     ${v1}\nAPI Key:      ${key}\nModel ID:     auto` }],
    },
    {
      id: "continue",
      name: "Continue",
      protocol: "Chat + Completions",
      summary: "Chat, edit and apply over your chain; autocomplete through /v1/completions with fill-in-the-middle.",
      steps: [
        {
          label: "~/.continue/config.yaml",
          code: `name: freellmapi
version: 1.0.0
schema: v1
models:
  - name: freellmapi (your chain)
    provider: openai
    model: auto
    apiBase: ${v1}
    apiKey: ${key}
    roles: [chat, edit, apply]
  - name: freellmapi autocomplete
    provider: openai
    model: free-fast
    apiBase: ${v1}
    apiKey: ${key}
    roles: [autocomplete]`,
        },
      ],
    },
    {
      id: "aider",
      name: "Aider",
      protocol: "Chat Completions",
      summary: "Aider reaches any OpenAI-compatible API through its openai/ model prefix.",
      steps: [{ label: "Terminal", code: `export OPENAI_API_BASE=${v1}\nexport OPENAI_API_KEY=${key}\naider --model openai/auto` }],
    },
    {
      id: "opencode",
      name: "OpenCode",
      protocol: "Chat Completions",
      summary: "Add a custom provider, then pick freellmapi/auto with /models.",
      steps: [
        {
          label: "opencode.json",
          code: `{
  "$schema": "https://opencode.ai/config.json",
  "provider": {
    "freellmapi": {
      "npm": "@ai-sdk/openai-compatible",
      "name": "freellmapi",
      "options": { "baseURL": "${v1}", "apiKey": "{env:FREELLMAPI_KEY}" },
      "models": { "auto": { "name": "Your chain" }, "free-fast": { "name": "Fastest" }, "free-smart": { "name": "Most capable" } }
    }
  }
}`,
        },
        { label: "Terminal", code: `export FREELLMAPI_KEY=${key}\nopencode` },
      ],
    },
    {
      id: "open-webui",
      name: "Open WebUI",
      protocol: "Chat Completions",
      summary: "Admin Settings → Connections → OpenAI API, or set it when starting the container.",
      steps: [
        {
          label: "Terminal",
          code: `docker run -d -p 3000:8080 \\\n  -e OPENAI_API_BASE_URL=${v1} \\\n  -e OPENAI_API_KEY=${key} \\\n  ghcr.io/open-webui/open-webui:main`,
        },
      ],
      note: "Inside a container, localhost is the container itself: use host.docker.internal (or the host's address) in place of localhost.",
    },
    {
      id: "librechat",
      name: "LibreChat",
      protocol: "Chat Completions",
      summary: "Add a custom endpoint; LibreChat lists your models from /v1/models.",
      steps: [
        {
          label: "librechat.yaml",
          code: `endpoints:
  custom:
    - name: "freellmapi"
      apiKey: "\${FREELLMAPI_KEY}"
      baseURL: "${v1}"
      models:
        default: ["auto", "free-fast", "free-smart"]
        fetch: true
      titleConvo: true
      titleModel: "free-fast"`,
        },
      ],
    },
    {
      id: "openai-sdk",
      name: "OpenAI SDK",
      protocol: "Chat Completions",
      summary: "Chat Completions, Responses and legacy completions all work with the official SDKs.",
      steps: [
        {
          label: "Python",
          code: `from openai import OpenAI

client = OpenAI(base_url="${v1}", api_key="${key}")
reply = client.chat.completions.create(model="auto", messages=[{"role": "user", "content": "Hello!"}])
print(reply.choices[0].message.content)`,
        },
        {
          label: "Node",
          code: `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${v1}", apiKey: "${key}" });
const response = await client.responses.create({ model: "auto", input: "Hello!" });
console.log(response.output_text);`,
        },
      ],
    },
    {
      id: "anthropic-sdk",
      name: "Anthropic SDK",
      protocol: "Anthropic Messages",
      summary: "The Anthropic SDKs call /v1/messages; pass the gateway's origin as the base URL.",
      steps: [
        {
          label: "Python",
          code: `import anthropic

client = anthropic.Anthropic(base_url="${origin}", api_key="${key}")
message = client.messages.create(model="auto", max_tokens=1024, messages=[{"role": "user", "content": "Hello!"}])
print(message.content[0].text)`,
        },
        {
          label: "TypeScript",
          code: `import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({ baseURL: "${origin}", apiKey: "${key}" });
const message = await client.messages.create({ model: "auto", max_tokens: 1024, messages: [{ role: "user", content: "Hello!" }] });
console.log(message.content);`,
        },
      ],
    },
    {
      id: "ai-sdk",
      name: "Vercel AI SDK",
      protocol: "Responses",
      summary: "The default openai() provider speaks Responses; tools and streaming work.",
      steps: [
        {
          label: "TypeScript",
          code: `import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";

const freellmapi = createOpenAI({ baseURL: "${v1}", apiKey: process.env.FREELLMAPI_KEY });
const { text } = await generateText({ model: freellmapi("auto"), prompt: "Hello!" });
console.log(text);`,
        },
      ],
    },
  ];
}
