// Copy-paste examples for the quick start; `key` is a placeholder the person swaps for theirs.

export function buildSnippets(baseUrl: string, key = "freellmapi-YOUR_KEY") {
  return {
    curl: `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer ${key}" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "auto",
    "messages": [{ "role": "user", "content": "Hello!" }]
  }'`,
    python: `from openai import OpenAI

client = OpenAI(base_url="${baseUrl}", api_key="${key}")

reply = client.chat.completions.create(
    model="auto",  # walks your fallback chain
    messages=[{"role": "user", "content": "Hello!"}],
)
print(reply.choices[0].message.content)`,
    node: `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${baseUrl}", apiKey: "${key}" });

const reply = await client.chat.completions.create({
  model: "auto", // walks your fallback chain
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(reply.choices[0].message.content);`,
    env: `OPENAI_BASE_URL=${baseUrl}
OPENAI_API_KEY=${key}`,
  };
}

export type SnippetId = keyof ReturnType<typeof buildSnippets>;

export const SNIPPET_TABS: { id: SnippetId; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "python", label: "OpenAI Python" },
  { id: "node", label: "OpenAI Node" },
  { id: "env", label: "Env vars" },
];
