import { AppError } from "@/lib/errors";
import { resolveModelAlias, type ModelAliasRule } from "@/lib/model-aliases/resolve-model-alias";

export interface ResolvedModel {
  /** What the router routes: the alias target, or the name as sent. */
  model: string;
  alias: ModelAliasRule | undefined;
}

/**
 * Maps the name a client sent through the caller's aliases, then applies the key's allowlist to
 * the result: the allowlist names freellmapi models, so an alias never reaches past it.
 */
export function resolveModelFor(requested: string, aliases: readonly ModelAliasRule[], apiKeyId: string | null, allowlist: readonly string[]): ResolvedModel {
  const alias = resolveModelAlias(requested, aliases, apiKeyId);
  const model = alias?.target ?? requested;
  if (allowlist.length > 0 && !allowlist.includes(model)) {
    const via = alias ? `\`${requested}\` is an alias of \`${model}\`. ` : "";
    throw new AppError("model_not_allowed", `${via}This API key may only use: ${allowlist.join(", ")}`, "model");
  }
  return { model, alias };
}
