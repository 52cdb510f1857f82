import { describe, expect, it } from "vitest";
import { BREAKER } from "@/lib/router/failure-policy";
import { MemoryRoutingState } from "@/lib/routing-state/memory-state";
import { routeChatCompletion } from "@/lib/router/route-chat-completion";
import type { RoutingState } from "@/lib/routing-state/state";
import { entry, key, makeContext } from "./support/context";
import { sseHead } from "@/tests/mocks/scripted-upstream";
import { helloRequest, scriptedUpstreams, streamedHi } from "./support/upstreams";

const upstream = scriptedUpstreams();

/** A memory state that records every call the router makes to it. */
function recording(inner = new MemoryRoutingState()) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const state = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push({ method: String(name), args });
        return value.apply(target, args);
      };
    },
  }) as RoutingState;
  return { state, calls, inner };
}

describe("what the router reads and writes of its state", () => {
  it("an answer with every breaker closed writes only the usage count", async () => {
    await upstream.start((_hit, res) => {
      sseHead(res);
      res.end(streamedHi);
    });
    const { state, calls } = recording();
    const { ctx, done } = makeContext({ state });
    await routeChatCompletion(helloRequest(), ctx);
    await done;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((c) => c.method)).toEqual(["snapshot", "recordUsage"]);
  });

  it("reads only the first two candidates up front, whatever the chain's length", async () => {
    await upstream.start((_hit, res) => {
      sseHead(res);
      res.end(streamedHi);
    });
    const keys = Array.from({ length: 30 }, (_, i) => key(`kg${i}`, "groq"));
    const { state, calls } = recording();
    const { ctx } = makeContext({
      state,
      keys,
      chain: [entry("groq", "llama-3.3-70b-versatile")],
      options: { maxAttempts: 2, deadlineMs: 10_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 3_000 },
    });
    await routeChatCompletion(helloRequest(), ctx);
    const read = calls.find((c) => c.method === "snapshot")!.args[0] as string[];
    // 2 candidates: their key+model and key-wide targets, and the provider's.
    expect(read).toHaveLength(5);
    expect(calls.filter((c) => c.method === "snapshot")).toHaveLength(1);
  });

  it("reads further only when the first candidates are all blocked", async () => {
    const mock = await upstream.start((_hit, res) => {
      sseHead(res);
      res.end(streamedHi);
    });
    const keys = Array.from({ length: 6 }, (_, i) => key(`kg${i}`, "groq"));
    const inner = new MemoryRoutingState();
    for (let i = 0; i < 6; i++) await inner.block(`kg${i}:*`, Date.now() + 60_000, "rate_limited");
    const { state, calls } = recording(inner);
    const { ctx } = makeContext({
      state,
      keys,
      chain: [entry("groq", "llama-3.3-70b-versatile")],
      options: { maxAttempts: 2, deadlineMs: 10_000, connectTimeoutMs: 2_000, firstByteTimeoutMs: 3_000 },
    });
    await expect(routeChatCompletion(helloRequest(), ctx)).rejects.toMatchObject({ code: "all_providers_exhausted" });
    // The first 2 candidates were blocked, so the next page (4, twice the budget) was read, and nothing was called.
    expect(calls.filter((c) => c.method === "snapshot").map((c) => (c.args[0] as string[]).filter((t) => t.endsWith(":*")).length)).toEqual([2, 4]);
    expect(mock.hits).toHaveLength(0);
  });

  it("reads in one go what the caller's previous request had to skip", async () => {
    const mock = await upstream.start((_hit, res) => {
      sseHead(res);
      res.end(streamedHi);
    });
    // Three Groq keys cooling down, then Gemini, which answers.
    const keys = [...["kq0", "kq1", "kq2"].map((id) => key(id, "groq")), key("kgem", "gemini")];
    const inner = new MemoryRoutingState();
    for (const id of ["kq0", "kq1", "kq2"]) await inner.block(`${id}:*`, Date.now() + 60_000, "rate_limited");
    const { state, calls } = recording(inner);
    const reads = async () => {
      // A model no other test starts with: what a request skipped is remembered per caller and first model.
      const { ctx } = makeContext({ state, keys, chain: [entry("groq", "llama-3.1-8b-instant"), entry("gemini", "gemini-2.5-flash")] });
      const before = calls.length;
      await routeChatCompletion(helloRequest(), ctx);
      return calls.slice(before).filter((c) => c.method === "snapshot").length;
    };
    // The first request finds the first two blocked and reads on; the next reads the 3 it skipped and 2 more at once.
    expect(await reads()).toBe(2);
    expect(await reads()).toBe(1);
    expect(mock.hits).toHaveLength(2);
    // Once they are callable again, the first read is back to two candidates.
    for (const id of ["kq0", "kq1", "kq2"]) await inner.clearKey(id);
    expect(await reads()).toBe(1);
    const last = calls.filter((c) => c.method === "snapshot").at(-1)!.args[0] as string[];
    expect(last.filter((t) => t.endsWith(":*"))).toHaveLength(4); // all four (3 skipped + 2, of 4)
    expect(await reads()).toBe(1);
    expect((calls.filter((c) => c.method === "snapshot").at(-1)!.args[0] as string[]).filter((t) => t.endsWith(":*"))).toHaveLength(2);
  });

  it("claims a half-open probe only for the candidate it calls, and closes the breaker when the probe answers", async () => {
    await upstream.start((_hit, res) => {
      sseHead(res);
      res.end(streamedHi);
    });
    let now = Date.now();
    const inner = new MemoryRoutingState({ now: () => now });
    for (let i = 0; i < BREAKER.threshold; i++) await inner.recordFailure("kg:llama-3.3-70b-versatile", BREAKER);
    for (let i = 0; i < BREAKER.threshold; i++) await inner.recordFailure("kge:gemini-2.5-flash", BREAKER);
    now += BREAKER.cooldownMs + 1;
    const { state, calls } = recording(inner);
    const { ctx, done } = makeContext({ state });
    await routeChatCompletion(helloRequest(), ctx);
    await done;
    expect(calls.filter((c) => c.method === "claimProbe").map((c) => c.args[0])).toEqual(["kg:llama-3.3-70b-versatile"]);
    expect(calls.filter((c) => c.method === "recordSuccess").map((c) => c.args[0])).toEqual(["kg:llama-3.3-70b-versatile"]);
    const after = await inner.snapshot(["kg:llama-3.3-70b-versatile", "kge:gemini-2.5-flash"], () => ({ minute: 0, day: "" }));
    expect(after.get("kg:llama-3.3-70b-versatile")!.breaker.state).toBe("closed");
    expect(after.get("kge:gemini-2.5-flash")!.breaker.state).toBe("half_open"); // never called: its probe is still free
  });

  it("calls no provider and reports nothing when the caller's limits refuse the request", async () => {
    const mock = await upstream.start((_hit, res) => {
      sseHead(res);
      res.end(streamedHi);
    });
    const refused = new Error("limit reached");
    const { ctx, outcomes } = makeContext({ admitted: Promise.reject(refused) });
    await expect(routeChatCompletion(helloRequest(), ctx)).rejects.toBe(refused);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mock.hits).toHaveLength(0);
    expect(outcomes).toHaveLength(0);
  });
});
