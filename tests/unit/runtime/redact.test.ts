import { describe, expect, it } from "vitest";
import { redactSecrets, upstreamText } from "@/lib/redact";

// Key-shaped but fake; the prefix is joined at run time so no key-like literal sits in the repo.
const fake = (prefix: string, rest: string) => [prefix, rest].join("");

describe("redactSecrets", () => {
  it.each([
    ["groq", "key gsk_abcdEFGH1234ijkl was rejected", "key gsk_[redacted] was rejected"],
    ["openrouter", fake("sk-or-v1-", "0123456789abcdef0123"), "sk-or-v1-[redacted]"],
    ["openai project", "sk-proj-AbCdEfGh12345678", "sk-proj-[redacted]"],
    ["anthropic", "sk-ant-api03-AbCdEfGh12345678", "sk-ant-[redacted]"],
    ["nvidia", "nvapi-AbCdEfGh12345678", "nvapi-[redacted]"],
    ["gemini", `API key ${fake("AIza", "SyA1234567890abcdefGHIJ")} not valid`, "API key AIza[redacted] not valid"],
    ["gemini query", "GET /v1/models?key=whatever-it-is&alt=json", "GET /v1/models?key=[redacted]&alt=json"],
    ["huggingface", "hf_AbCdEfGhIjKl1234", "hf_[redacted]"],
    ["unified key", "freellmapi-0123456789abcdef", "freellmapi-[redacted]"],
    ["bearer header", "Authorization: Bearer abc.def-ghi_123456", "Authorization: Bearer [redacted]"],
    ["jwt", "token eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4", "token [redacted]"],
    ["unprefixed (Mistral, Cohere)", "key a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6 is invalid", "key [redacted] is invalid"],
  ])("%s", (_name, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it("redacts the exact secrets given, and leaves ordinary provider prose alone", () => {
    expect(redactSecrets("bad key mykey-with:colons!", ["mykey-with:colons!"])).toBe("bad key [redacted]");
    const prose =
      "Rate limit reached for model `llama-3.3-70b-versatile` in organization org_01 on tokens per minute (TPM): Limit 6000. Request id 3f2a9c1e-7b4d-4e8a-9f0b-1c2d3e4f5a6b";
    expect(redactSecrets(prose)).toBe(prose);
  });

  it("caps upstream text at 500 characters", () => {
    expect(upstreamText("a".repeat(2_000))).toHaveLength(500);
    expect(upstreamText("short")).toBe("short");
  });
});
