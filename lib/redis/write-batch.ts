import type { Redis } from "@upstash/redis";
import type { RedisConnection } from "./redis-connection";
import { withRedis } from "./with-redis";

export type Pipeline = ReturnType<Redis["pipeline"]>;

interface Queued {
  add: (pipeline: Pipeline) => void;
  fallback: () => unknown;
  done: () => void;
}

const queues = new WeakMap<RedisConnection, Queued[]>();

/**
 * A write nobody waits for (usage counters, token counts). Everything queued in one turn of the
 * event loop goes to Redis in one pipeline, so a request's after-response writes, and those of the
 * requests finishing alongside it, cost one round trip. When Redis fails, each write's in-process
 * fallback runs instead (as `withRedis` does for one call). Resolves once written; never rejects.
 */
export function queueWrite(connection: RedisConnection, add: (pipeline: Pipeline) => void, fallback: () => unknown): Promise<void> {
  if (connection.health.isDegraded()) return Promise.resolve(fallback()).then(noop, noop);
  return new Promise((done) => {
    let queue = queues.get(connection);
    if (!queue) {
      queue = [];
      queues.set(connection, queue);
      setImmediate(() => void flush(connection));
    }
    queue.push({ add, fallback, done });
  });
}

async function flush(connection: RedisConnection): Promise<void> {
  const queue = queues.get(connection) ?? [];
  queues.delete(connection);
  const pipeline = connection.redis.pipeline();
  for (const write of queue) write.add(pipeline);
  await withRedis(
    connection,
    async () => {
      if (pipeline.length() > 0) await pipeline.exec();
    },
    async () => {
      for (const write of queue) await Promise.resolve(write.fallback()).catch(noop);
    },
  );
  for (const write of queue) write.done();
}

const noop = () => undefined;
