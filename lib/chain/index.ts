export { getChain, parseChainSpec, setChain, setChainBySpec, type ChainEntryView } from "./chain";
export { deriveChainState, type ChainState, type ChainStatus } from "./chain-state";
export { setChainSchema, type ChainEntryData, type ChainEntryInput } from "./schemas";
