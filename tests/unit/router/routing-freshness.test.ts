import { describe, expect, it } from "vitest";
import { routeChatCompletion } from "@/lib/router/route-chat-completion";
import type { ChainEntry, ProviderKey, RoutingFreshness } from "@/lib/router/types";
import { MemoryRoutingState } from "@/lib/routing-state/memory-state";
import { entry, key, makeContext } from "./support/context";
import { sseHead } from "@/tests/mocks/scripted-upstream";
import { helloRequest, scriptedUpstreams, streamedHi } from "./support/upstreams";

const upstream = scriptedUpstreams();
/** An upstream that answers every call with a streamed "hi". */
const answeringHi = () =>
  upstream.start((_hit, res) => {
    sseHead(res);
    res.end(streamedHi);
  });

/** Freshness as the gateway gives it: the version adopted by the first check; `fresh` is what a reread returns. */
function freshness(fresh: { chain: ChainEntry[]; keys: ProviderKey[]; model?: string }, seen: number | null = null) {
  const reloads: number[] = [];
  const make = (initial: number | null): RoutingFreshness => {
    let adopted = initial;
    return {
      userId: "user-1",
      isCurrent: (version) => {
        adopted ??= version;
        return adopted === version;
      },
      reload: async () => {
        reloads.push(Date.now());
        return { model: "auto", ...fresh, freshness: make(null) };
      },
    };
  };
  return { freshness: make(seen), reloads };
}

describe("a chain changed on another instance", () => {
  it("is read again when the version read with the first snapshot moved, before any provider is called", async () => {
    const mock = await answeringHi();
    const state = new MemoryRoutingState();
    await state.routingChanged("user-1");
    const { freshness: cached, reloads } = freshness({ chain: [entry("gemini", "gemini-2.5-flash")], keys: [key("kge", "gemini")] }, 0);
    const { ctx, done } = makeContext({ state, freshness: cached, chain: [entry("groq", "llama-3.3-70b-versatile")], keys: [key("kg", "groq")] });
    const result = await routeChatCompletion(helloRequest(), ctx);
    expect(result.headers["x-freellmapi-provider"]).toBe("gemini");
    expect(reloads).toHaveLength(1);
    expect(mock.hits.map((hit) => hit.provider)).toEqual(["gemini"]);
    expect((await done).status).toBe("ok");
  });

  it("routes the model the fresh aliases resolve the request to, when they changed too", async () => {
    const mock = await answeringHi();
    const state = new MemoryRoutingState();
    await state.routingChanged("user-1");
    const chain = [entry("groq", "llama-3.3-70b-versatile"), entry("gemini", "gemini-2.5-flash")];
    const keys = [key("kg", "groq"), key("kge", "gemini")];
    // Cached: the request's name resolved to "auto" (groq first); the reread's aliases send it to Gemini's model.
    const { freshness: cached, reloads } = freshness({ chain, keys, model: "gemini-2.5-flash" }, 0);
    const { ctx } = makeContext({ state, freshness: cached, chain, keys });
    const result = await routeChatCompletion(helloRequest(), ctx);
    expect(reloads).toHaveLength(1);
    expect(result.headers["x-freellmapi-provider"]).toBe("gemini");
    expect(mock.hits.map((hit) => hit.provider)).toEqual(["gemini"]);
  });

  it("is read again when the cached routing has nothing to try, if the version moved", async () => {
    await answeringHi();
    const state = new MemoryRoutingState();
    await state.routingChanged("user-1");
    const { freshness: cached, reloads } = freshness({ chain: [entry("groq", "llama-3.3-70b-versatile")], keys: [key("kg", "groq")] }, 0);
    const { ctx } = makeContext({ state, freshness: cached, chain: [], keys: [] });
    const result = await routeChatCompletion(helloRequest(), ctx);
    expect(result.headers["x-freellmapi-provider"]).toBe("groq");
    expect(reloads).toHaveLength(1);
  });

  it("is not read again while the version stands, and nothing to try still says so", async () => {
    await answeringHi();
    const state = new MemoryRoutingState();
    const { freshness: cached, reloads } = freshness({ chain: [], keys: [] });
    const { ctx } = makeContext({ state, freshness: cached });
    expect((await routeChatCompletion(helloRequest(), ctx)).headers["x-freellmapi-provider"]).toBe("groq");
    const empty = makeContext({ state, freshness: cached, chain: [], keys: [] });
    await expect(routeChatCompletion(helloRequest(), empty.ctx)).rejects.toMatchObject({ code: "no_provider_keys" });
    expect(reloads).toHaveLength(0);
  });
});
