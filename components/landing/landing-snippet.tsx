"use client";

import { useBaseUrl } from "@/lib/client/use-base-url";

/** The landing page's example, with the address this browser reached the gateway at. */
export function LandingSnippet() {
  const baseUrl = useBaseUrl();
  const snippet = `from openai import OpenAI

client = OpenAI(
    base_url="${baseUrl}",
    api_key="freellmapi-...",
)
reply = client.chat.completions.create(
    model="auto",  # your chain, in your order
    messages=[{"role": "user", "content": "Hello!"}],
)`;
  return (
    <pre
      className="min-w-0 rounded-xl bg-zinc-900 p-5 font-mono text-sm leading-relaxed whitespace-pre-wrap text-zinc-100 [overflow-wrap:anywhere] dark:bg-zinc-900"
      data-testid="landing-snippet"
    >
      <code>{snippet}</code>
    </pre>
  );
}
