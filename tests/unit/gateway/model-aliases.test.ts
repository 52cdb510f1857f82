import { describe, expect, it } from "vitest";
import { resolveModelFor } from "@/lib/gateway/resolve-model";
import { buildFreellmapiConfig, KEY_PLACEHOLDER } from "@/lib/client/freellmapi-config";
import { aliasesVisibleTo, resolveModelAlias, type ModelAliasRule } from "@/lib/model-aliases/resolve-model-alias";
import { setModelAliasSchema } from "@/lib/model-aliases/schemas";
import { resolveProviderId } from "@/lib/providers";
import { providerIdSchema } from "@/lib/provider-keys/schemas";

const rules: ModelAliasRule[] = [
  { alias: "gpt-4o-mini", target: "free-fast", apiKeyId: "" },
  { alias: "claude-*", target: "auto", apiKeyId: "" },
  { alias: "claude-haiku-*", target: "free-fast", apiKeyId: "" },
  { alias: "gpt-4o-mini", target: "groq/llama-3.1-8b-instant", apiKeyId: "key_a" },
];

describe("model alias resolution", () => {
  it("prefers an exact name, then the longest matching prefix", () => {
    expect(resolveModelAlias("gpt-4o-mini", rules, null)?.target).toBe("free-fast");
    expect(resolveModelAlias("claude-sonnet-4-5-20250929", rules, null)?.target).toBe("auto");
    expect(resolveModelAlias("claude-haiku-4-5-20251001", rules, null)?.target).toBe("free-fast");
    expect(resolveModelAlias("claude", rules, null)).toBeUndefined();
    expect(resolveModelAlias("gpt-4o", rules, null)).toBeUndefined();
  });

  it("lets a unified key's own alias win over the account's, and only for that key", () => {
    expect(resolveModelAlias("gpt-4o-mini", rules, "key_a")?.target).toBe("groq/llama-3.1-8b-instant");
    expect(resolveModelAlias("gpt-4o-mini", rules, "key_b")?.target).toBe("free-fast");
    expect(resolveModelAlias("claude-opus-4", rules, "key_a")?.target).toBe("auto");
    expect(aliasesVisibleTo(rules, "key_a").filter((r) => r.alias === "gpt-4o-mini")).toEqual([rules[3]]);
    expect(aliasesVisibleTo(rules, null)).toHaveLength(3);
  });

  it("applies the key's allowlist to the target, naming the alias in the error", () => {
    expect(resolveModelFor("gpt-4o-mini", rules, null, ["free-fast"]).model).toBe("free-fast");
    expect(() => resolveModelFor("claude-x", rules, null, ["free-fast"])).toThrow(/`claude-x` is an alias of `auto`. This API key may only use: free-fast/);
    expect(() => resolveModelFor("free-fast", rules, null, ["gpt-4o-mini"])).toThrow(/may only use: gpt-4o-mini/);
    expect(resolveModelFor("unknown-model", rules, null, [])).toEqual({ model: "unknown-model", alias: undefined });
  });

  it("refuses meta-model names, inner wildcards and self-maps as aliases", () => {
    expect(setModelAliasSchema.safeParse({ alias: "auto", target: "free" }).success).toBe(false);
    expect(setModelAliasSchema.safeParse({ alias: "*", target: "auto" }).success).toBe(false);
    expect(setModelAliasSchema.safeParse({ alias: "cla*de", target: "auto" }).success).toBe(false);
    expect(setModelAliasSchema.safeParse({ alias: "x", target: "x" }).success).toBe(false);
    expect(setModelAliasSchema.safeParse({ alias: "a", target: "claude-*" }).success).toBe(false);
    expect(setModelAliasSchema.parse({ alias: " claude-* ", target: "auto" })).toEqual({ alias: "claude-*", target: "auto", apiKeyId: null });
  });
});

describe("provider names", () => {
  it("accepts catalog ids and the common names guides use, case aside", () => {
    expect(resolveProviderId("google")).toBe("gemini");
    expect(resolveProviderId("NIM")).toBe("nvidia");
    expect(resolveProviderId("Groq")).toBe("groq");
    expect(resolveProviderId("hf")).toBe("huggingface");
    expect(resolveProviderId("openai")).toBeUndefined();
    expect(resolveProviderId("toString")).toBeUndefined();
    expect(providerIdSchema.parse(" google ")).toBe("gemini");
    expect(providerIdSchema.safeParse("nope").success).toBe(false);
  });
});

describe("freellmapi.json", () => {
  it("lists the enabled chain in order, once each, with the key or a placeholder", () => {
    const chain = [
      { providerId: "gemini", enabled: true },
      { providerId: "mistral", enabled: false },
      { providerId: "groq", enabled: true },
    ];
    const config = buildFreellmapiConfig({ baseUrl: "http://127.0.0.1:3001/v1", chain, plaintext: "freellmapi-abc" });
    expect(config).toMatchObject({
      endpoint: "http://127.0.0.1:3001/v1",
      unified_key: "freellmapi-abc",
      fallback_chain: ["gemini", "groq"],
      request: { model: "auto" },
    });
    expect(buildFreellmapiConfig({ baseUrl: "x", chain: [] }).unified_key).toBe(KEY_PLACEHOLDER);
  });
});
