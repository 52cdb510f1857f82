import { createHash } from "node:crypto";
import { once } from "node:events";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import type IORedis from "ioredis";
import type { ChainableCommander } from "ioredis";

/**
 * An `@upstash/redis` Requester that speaks to a plain Redis over TCP, so self-hosted
 * deployments run the exact same client code (and `@upstash/ratelimit`) as hosted ones.
 * Body shapes follow Upstash's REST API: one command array, or for the `pipeline` and
 * `multi-exec` paths an array of command arrays answered by an array of `{ result } | { error }`.
 */

type Command = [string, ...unknown[]];
type Reply = UpstashResponse<unknown>;

const sha1 = (script: string) => createHash("sha1").update(script).digest("hex");

/** Transport trouble (not a Redis reply error): the caller should fall back. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

export function createIoredisRequester(client: IORedis, options: { timeoutMs: number }): Requester {
  // Redis 7.0 rejects `#!lua flags=...` shebangs (Upstash and Redis 7.4 accept them). We drop
  // the line, keep the line count, and remember original sha -> stripped sha for EVALSHA.
  const shaMap = new Map<string, string>();

  function stripShebang(script: string): string {
    if (!script.startsWith("#!")) return script;
    const stripped = script.slice(script.indexOf("\n") === -1 ? script.length : script.indexOf("\n"));
    shaMap.set(sha1(script), sha1(stripped));
    return stripped;
  }

  function translate(command: Command): { name: string; args: unknown[]; loadedSha?: string } {
    const name = String(command[0]).toLowerCase();
    const args = command.slice(1);
    if ((name === "eval" || name === "eval_ro") && typeof args[0] === "string") {
      return { name, args: [stripShebang(args[0]), ...args.slice(1)] };
    }
    if ((name === "evalsha" || name === "evalsha_ro") && typeof args[0] === "string") {
      return { name, args: [shaMap.get(args[0]) ?? args[0], ...args.slice(1)] };
    }
    if (name === "script" && String(args[0]).toLowerCase() === "load" && typeof args[1] === "string") {
      // Callers EVALSHA with the sha of what they sent, so answer with that one.
      return { name, args: [args[0], stripShebang(args[1])], loadedSha: sha1(args[1]) };
    }
    if (name === "script" && String(args[0]).toLowerCase() === "exists") {
      return { name, args: [args[0], ...args.slice(1).map((sha) => shaMap.get(String(sha)) ?? sha)] };
    }
    return { name, args };
  }

  // Concurrent first requests share one wait instead of one listener each.
  let connecting: Promise<void> | null = null;

  function ready(): Promise<void> | void {
    if (client.status === "ready") return;
    // Only the very first connect is worth waiting for; a reconnecting or closed client
    // means Redis is in trouble, and without an offline queue we fail fast instead.
    if (client.status !== "wait" && client.status !== "connecting" && client.status !== "connect") {
      throw new RedisUnavailableError(`Redis connection is ${client.status}`);
    }
    if (client.status === "wait") client.connect().catch(() => undefined);
    connecting ??= once(client, "ready", { signal: AbortSignal.timeout(options.timeoutMs) }).then(
      () => {
        connecting = null;
      },
      (error: unknown) => {
        connecting = null;
        throw new RedisUnavailableError("Redis did not become ready in time", { cause: error });
      },
    );
    return connecting;
  }

  function queue(batch: ChainableCommander, commands: Command[]): Array<string | undefined> {
    return commands.map((command) => {
      const { name, args, loadedSha } = translate(command);
      batch.call(name, ...(args as Array<string | number>));
      return loadedSha;
    });
  }

  function call(command: Command): Promise<unknown> {
    const { name, args, loadedSha } = translate(command);
    const sent = client.call(name, ...(args as Array<string | number>));
    return loadedSha ? sent.then(() => loadedSha) : sent;
  }

  // A pipeline's commands leave in one socket write (on this path a small loopback write costs
  // more CPU than Redis spends on a command), and nothing else is ever held back: a cork kept
  // until the end of the turn (or even of the current run of promise jobs, which under a burst
  // lasts up to 120 ms) made the held commands miss the Redis timeout, and each timed-out limit
  // check was then counted in this process only (a burst over two instances admitted 20, not 10).
  function callAll(commands: Command[]): Array<Promise<unknown>> {
    const socket = client.stream;
    socket.cork();
    try {
      return commands.map(call);
    } finally {
      socket.uncork();
    }
  }

  /** A reply in Upstash's shape; transport trouble (not a reply error) means Redis is unavailable. */
  function toReply(settled: PromiseSettledResult<unknown>): Reply {
    if (settled.status === "fulfilled") return { result: settled.value };
    if (isReplyError(settled.reason)) return { error: settled.reason.message };
    const reason: unknown = settled.reason;
    throw new RedisUnavailableError(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }

  async function request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    await ready();
    const path = req.path?.[0];
    try {
      if (path === "pipeline") {
        // Upstash's Pipeline reads the array itself, not a `{ result }` wrapper.
        const settled = await Promise.allSettled(callAll(req.body as Command[]));
        return settled.map(toReply) as unknown as UpstashResponse<TResult>;
      }
      if (path === "multi-exec") {
        const commands = req.body as Command[];
        const batch = client.multi();
        const loaded = queue(batch, commands);
        const results = await batch.exec();
        if (!results) throw new RedisUnavailableError("transaction aborted");
        const settled = results.map(([error, result], i): PromiseSettledResult<unknown> =>
          error ? { status: "rejected", reason: error } : { status: "fulfilled", value: loaded[i] ?? result },
        );
        return settled.map(toReply) as unknown as UpstashResponse<TResult>;
      }
      return { result: (await call(req.body as Command)) as TResult };
    } catch (error) {
      if (error instanceof RedisUnavailableError) throw error;
      // EXECABORT (the whole transaction refused) or the single command's error reply.
      if (isReplyError(error))
        return (path === "multi-exec" ? (req.body as Command[]).map(() => ({ error: error.message })) : { error: error.message }) as UpstashResponse<TResult>;
      throw new RedisUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  return { request };
}

/** Redis answered with an error (wrong type, NOSCRIPT, EXECABORT...): the connection is fine. */
function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ReplyError";
}
