export { listModelAliases, removeModelAlias, setModelAlias, type ModelAliasView } from "./model-aliases";
export { aliasesVisibleTo, isWildcard, resolveModelAlias, type ModelAliasRule } from "./resolve-model-alias";
export { setModelAliasSchema, type SetModelAliasData, type SetModelAliasInput } from "./schemas";
