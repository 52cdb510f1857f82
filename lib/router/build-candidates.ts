import { allowsNoTrainingPrompts, findModelSpec, isProviderId, PROVIDERS } from "@/lib/providers/catalog";
import type { ModelSpec, ProviderId } from "@/lib/providers/types";
import { activeKeysInChainOrder } from "./active-keys";
import { keyTargetOf, targetOf, type Candidate } from "./candidate";
import { GatewayError, INVALID_KEYS_FIX, NO_PROVIDER_KEYS_MESSAGE } from "./errors";
import { rotationStart } from "./key-rotation";
import { acceptsIntent, isModelIntent, MODEL_INTENTS } from "./model-intents";
import { fits, orderCandidates } from "./order-candidates";
import type { RequestFeatures } from "./request-features";
import { resolveRequestedModel, type RequestedModel } from "./resolve-requested-model";
import { capabilitiesFor, servesChat } from "./serves-chat";
import { spreadAcrossProviders } from "./spread-candidates";
import type { ChainEntry, Privacy, ProviderKey } from "./types";

export interface BuildCandidatesInput {
  chain: readonly ChainEntry[];
  keys: readonly ProviderKey[];
  requestedModel: string;
  strict: boolean;
  privacy: Privacy;
  features: RequestFeatures;
}

interface Step {
  providerId: ProviderId;
  pinnedModel: string | null;
}

/** Every (key, model) that could answer, in the order to try them. */
export function buildChatCandidates(input: BuildCandidatesInput): { candidates: Candidate[]; requested: RequestedModel } {
  const plan = planFor(input);
  const candidates = spreadAcrossProviders(orderCandidates(rotateKeys(plan), plan.requested, input.features));
  if (candidates.length === 0) throw nothingFits(plan.candidates, input.features);
  return { candidates, requested: plan.requested };
}

/**
 * What the candidates are before this request's key rotation and its needs (tools, images, prompt
 * size) are applied: it depends only on the caller's routing and the model asked for, so it is
 * built once per routing read and model rather than per request.
 */
interface CandidatePlan {
  chain: readonly ChainEntry[];
  requested: RequestedModel;
  /** Deduplicated, in chain order; each provider and model's keys together, in their stored order. */
  candidates: Candidate[];
  /** Each candidate's key's place among its provider's keys. */
  keyIndex: number[];
  /** The providers whose keys rotate, with how many keys each has. */
  keyCounts: Map<ProviderId, number>;
}

// Keyed by the routing read's `keys` (a reload or a change brings a new array), then by what the
// request asks for. The model is the client's string: a read keeps a bounded number of plans.
const plans = new WeakMap<readonly ProviderKey[], Map<string, CandidatePlan>>();
const PLANS_PER_READ = 64;

function planFor(input: BuildCandidatesInput): CandidatePlan {
  let byRequest = plans.get(input.keys);
  if (!byRequest) plans.set(input.keys, (byRequest = new Map()));
  const shape = `${input.privacy}:${input.strict}:${input.requestedModel}`;
  let plan = byRequest.get(shape);
  if (plan?.chain !== input.chain) {
    plan = buildPlan(input);
    if (byRequest.size >= PLANS_PER_READ) byRequest.clear();
    byRequest.set(shape, plan);
  }
  return plan;
}

/** The plan's candidates with each provider's keys starting where this request's rotation says. */
function rotateKeys({ candidates, keyIndex, keyCounts }: CandidatePlan): Candidate[] {
  const starts = new Map<ProviderId, number>();
  for (const [id, count] of keyCounts) starts.set(id, rotationStart(id, count));
  const out: Candidate[] = [];
  for (let i = 0; i < candidates.length;) {
    const { providerId, model } = candidates[i];
    let end = i + 1;
    while (end < candidates.length && candidates[end].providerId === providerId && candidates[end].model === model) end++;
    const start = starts.get(providerId) ?? 0;
    for (let k = i; k < end; k++) if (keyIndex[k] >= start) out.push(candidates[k]);
    for (let k = i; k < end; k++) if (keyIndex[k] < start) out.push(candidates[k]);
    i = end;
  }
  return out;
}

function buildPlan(input: BuildCandidatesInput): CandidatePlan {
  const byProvider = activeKeysInChainOrder([], input.keys);
  if (byProvider.size === 0) {
    if (input.keys.some((k) => k.status === "invalid"))
      throw new GatewayError("provider_keys_invalid", `Your provider keys were rejected by their providers. ${INVALID_KEYS_FIX}`);
    throw new GatewayError("no_provider_keys", NO_PROVIDER_KEYS_MESSAGE);
  }
  const active = [...byProvider.values()].flat();
  const allowed = (id: ProviderId) => input.privacy !== "no-training" || allowsNoTrainingPrompts(id);
  const keysOf = new Map<ProviderId, ProviderKey[]>();
  for (const [id, keys] of byProvider) if (allowed(id)) keysOf.set(id, keys);

  let steps: Step[] = input.chain
    .filter((e) => e.enabled && isProviderId(e.providerId) && keysOf.has(e.providerId as ProviderId))
    .map((e) => ({ providerId: e.providerId as ProviderId, pinnedModel: e.pinnedModel }));
  const inChain = new Set(steps.map((s) => s.providerId));
  const others = [...keysOf.keys()].filter((id) => !inChain.has(id)).map((providerId) => ({ providerId, pinnedModel: null }));
  if (steps.length === 0) steps = others;

  const requested = resolveRequestedModel(input.requestedModel, active);
  const out: Candidate[] = [];
  const push = (providerId: ProviderId, model: string, key: ProviderKey) =>
    out.push({
      providerId,
      provider: PROVIDERS[providerId],
      model,
      spec: findModelSpec(providerId, model),
      key,
      target: targetOf(key.id, model),
      keyTarget: keyTargetOf(key.id),
    });

  if (requested.kind === "meta") {
    for (const step of steps) {
      for (const model of modelsOf(step, keysOf.get(step.providerId)!)) {
        for (const key of keysOf.get(step.providerId)!) if (serves(key, model)) push(step.providerId, model, key);
      }
    }
    const intent = requested.meta;
    if (isModelIntent(intent)) {
      const qualifying = out.filter((c) => acceptsIntent(intent, c.spec));
      if (qualifying.length === 0 && out.length > 0) {
        throw new GatewayError(
          "model_not_found",
          `\`${intent}\` picks models with ${MODEL_INTENTS[intent].describe} by the catalog, and none of the models your keys reach has it.`,
          { param: "model" },
        );
      }
      out.splice(0, out.length, ...qualifying);
    }
  } else {
    const wanted = requested.model;
    let family: string | undefined;
    if (requested.kind === "provider") {
      const keys = keysOf.get(requested.providerId);
      if (!keys) throw noKeysFor(requested.providerId, input.privacy);
      // A model the key lists as something other than chat (an embeddings model) is never asked to chat.
      for (const key of keys) if (!key.models?.includes(wanted) || capabilitiesFor(key, wanted).includes("chat")) push(requested.providerId, wanted, key);
      family = findModelSpec(requested.providerId, wanted)?.family;
    } else {
      family = Object.values(PROVIDERS)
        .flatMap((p) => p.models)
        .find((m) => m.id === wanted)?.family;
      const anyKeyLists = active.some((k) => k.models?.includes(wanted));
      if (!family && !anyKeyLists && !Object.values(PROVIDERS).some((p) => p.models.some((m) => m.id === wanted))) {
        throw new GatewayError(
          "model_not_found",
          `The model \`${wanted}\` is not served by any provider we know. GET /v1/models lists what your keys can reach.`,
          { param: "model" },
        );
      }
      addMatches([...steps, ...others], keysOf, (id, model) => model === wanted, push);
    }
    if (!input.strict && family) {
      const exclude = requested.kind === "provider" ? requested.providerId : null;
      addMatches(
        [...steps, ...others].filter((s) => s.providerId !== exclude),
        keysOf,
        (id, model) => model !== wanted && findModelSpec(id, model)?.family === family,
        push,
      );
    }
    if (out.length === 0) {
      throw new GatewayError("model_not_found", `None of your provider keys can serve \`${wanted}\`${input.strict ? " (strict routing)" : ""}.`, {
        param: "model",
      });
    }
  }
  const candidates = dedupe(out);
  const place = new Map<ProviderKey, number>();
  const keyCounts = new Map<ProviderId, number>();
  for (const [id, keys] of keysOf) {
    keys.forEach((key, index) => place.set(key, index));
    keyCounts.set(id, keys.length);
  }
  return { chain: input.chain, requested, candidates, keyIndex: candidates.map((c) => place.get(c.key)!), keyCounts };
}

/** No candidate can take the request; it will not succeed by retrying, so a 4xx that says why. */
function nothingFits(out: Candidate[], f: RequestFeatures): GatewayError {
  if (out.length === 0)
    return new GatewayError("model_not_found", "No model in your chain can be used: pin a model or refresh the key's model list.", { param: "model" });
  if (out.some((c) => fits(c, { ...f, promptTokens: 0 }))) {
    return new GatewayError(
      "context_length_exceeded",
      `The prompt (~${f.promptTokens} tokens) is longer than the context window of every model in your chain that could answer it.`,
      { param: "messages" },
    );
  }
  const needs = [f.tools && "tools", f.vision && "images", f.json && "JSON mode"].filter(Boolean).join(", ");
  return new GatewayError("invalid_request", `No model in your chain supports this request (needs ${needs}).`);
}

// Catalog model ids best first, per provider: the catalog does not change at run time.
const rankedIds = new WeakMap<readonly ModelSpec[], readonly string[]>();

function modelsOf(step: Step, keys: ProviderKey[]): readonly string[] {
  if (step.pinnedModel) return [step.pinnedModel];
  const catalog = PROVIDERS[step.providerId].models;
  if (catalog.length > 0) {
    let ids = rankedIds.get(catalog);
    if (!ids) rankedIds.set(catalog, (ids = [...catalog].sort((a, b) => b.rank - a.rank).map((m) => m.id)));
    return ids;
  }
  return [...new Set(keys.flatMap((k) => k.models ?? []))];
}

/** A key serves a chat model its last listing named, or any catalog model when it was never listed. */
const serves = servesChat;

function addMatches(
  steps: Step[],
  keysOf: Map<ProviderId, ProviderKey[]>,
  match: (providerId: ProviderId, model: string) => boolean,
  push: (providerId: ProviderId, model: string, key: ProviderKey) => void,
): void {
  for (const step of steps) {
    const keys = keysOf.get(step.providerId) ?? [];
    const models = new Set([...PROVIDERS[step.providerId].models.map((m) => m.id), ...keys.flatMap((k) => k.models ?? [])]);
    for (const model of models) {
      if (!match(step.providerId, model)) continue;
      for (const key of keys) if (serves(key, model)) push(step.providerId, model, key);
    }
  }
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.target) && seen.add(c.target));
}

function noKeysFor(providerId: ProviderId, privacy: Privacy): GatewayError {
  if (privacy === "no-training" && PROVIDERS[providerId].trainsOnFreeTier !== false) {
    return new GatewayError(
      "model_not_found",
      `${PROVIDERS[providerId].name} may train on free-tier prompts, which your no-training privacy setting excludes.`,
      { param: "model" },
    );
  }
  return new GatewayError(
    "no_provider_keys",
    `You have no active ${PROVIDERS[providerId].name} key. Add one in the dashboard (Providers) or with \`npm run admin -- provider-key:add\`.`,
  );
}
