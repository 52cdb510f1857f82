import { AppError } from "@/lib/errors";
import { aliasesVisibleTo, resolveModelAlias } from "@/lib/model-aliases/resolve-model-alias";
import { listAvailableModels, META_MODELS, type ModelListItem } from "@/lib/router";
import { getCurrentUserRouting } from "./user-routing";

export type ModelListEntry = ModelListItem & { alias_for?: string };

// The same fixed date the router gives catalog entries, so the list is stable between calls.
const CREATED = 1_767_225_600;

const aliasEntry = (id: string, target: string): ModelListEntry => ({ id, object: "model", created: CREATED, owned_by: "freellmapi", alias_for: target });

/** GET /v1/models: the meta-models, the caller's aliases (`alias_for` names the target), then every model its keys reach. */
export async function listModelsFor(userId: string, apiKeyId: string | null = null): Promise<{ object: "list"; data: ModelListEntry[] }> {
  const { chain, keys, aliases } = await getCurrentUserRouting(userId);
  const list = listAvailableModels(chain, keys);
  const visible = aliasesVisibleTo(aliases, apiKeyId).sort((a, b) => a.alias.localeCompare(b.alias));
  if (visible.length === 0) return list;
  const names = new Set(visible.map((rule) => rule.alias));
  const isMeta = (item: ModelListItem) => (META_MODELS as readonly string[]).includes(item.id);
  const models = list.data.filter((item) => !isMeta(item) && !names.has(item.id));
  return { object: "list", data: [...list.data.filter(isMeta), ...visible.map((rule) => aliasEntry(rule.alias, rule.target)), ...models] };
}

export async function getModelFor(userId: string, id: string, apiKeyId: string | null = null): Promise<ModelListEntry> {
  const listed = (await listModelsFor(userId, apiKeyId)).data.find((item) => item.id === id);
  if (listed) return listed;
  // `claude-*` answers for every name it matches, as it does for requests.
  const alias = resolveModelAlias(id, (await getCurrentUserRouting(userId)).aliases, apiKeyId);
  if (alias) return aliasEntry(id, alias.target);
  throw new AppError("model_not_found", `The model '${id}' does not exist or none of your keys reach it`, "model");
}
