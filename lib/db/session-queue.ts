import type { PGlite } from "@electric-sql/pglite";

/**
 * PGlite is one PostgreSQL session shared by every socket client. This queue runs their wire
 * messages one at a time, keeps a client's transaction or extended-protocol exchange together,
 * and resets the session state whenever another client takes over, so a `SET search_path` (or a
 * temporary table) left by one client never changes what the next one's queries mean.
 * Same interface as pglite-socket's own queue, which PGLiteSocketHandler calls.
 */
const RESET_SESSION = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DISCARD TEMP;";

// Messages after which a client's exchange is complete: simple Query, Sync, Terminate.
const EXCHANGE_ENDS = new Set(["Q", "S", "X"].map((c) => c.charCodeAt(0)));

interface Message {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/** The server's own work on the session (`runBetweenExchanges`): it belongs to no client. */
interface Task {
  handlerId: typeof NO_CLIENT;
  run: () => Promise<void>;
  reject: (error: unknown) => void;
}

type Item = Message | Task;
const NO_CLIENT = -1;

export class SessionQueue {
  private queue: Item[] = [];
  private processing = false;
  /** The client whose transaction or exchange is open: only its messages may run. */
  private owner: number | null = null;
  private lastHandlerId: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  /**
   * Runs `task` on the session when no client's transaction or exchange is open, in turn with
   * the clients' messages. It must leave no session state behind (it is not followed by a reset).
   */
  runBetweenExchanges<T>(task: () => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId: NO_CLIENT, run: () => task().then(resolve), reject });
      void this.processQueue();
    });
  }

  getQueueLength() {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number) {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number) {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.processQueue();
  }

  private next(): Item | null {
    if (this.owner === null) return this.queue.shift() ?? null;
    const at = this.queue.findIndex((item) => item.handlerId === this.owner);
    return at === -1 ? null : this.queue.splice(at, 1)[0];
  }

  private async processQueue() {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        try {
          if ("run" in item) {
            await item.run();
            continue;
          }
          if (item.handlerId !== this.lastHandlerId && this.lastHandlerId !== null) {
            // A transaction no client owns any more (its connection went away mid-way) is not
            // the next client's to continue: roll it back before handing over the session.
            if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
            await this.db.exec(RESET_SESSION);
          }
          let bytes = 0;
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item!.message, {
              onRawData: (data) => {
                bytes += data.length;
                item!.onData(data);
              },
            }),
          );
          this.lastHandlerId = item.handlerId;
          // A startup message has no type byte (its first byte is 0 of the length).
          const type = item.message[0];
          const open = this.db.isInTransaction() || (type !== 0 && !EXCHANGE_ENDS.has(type));
          this.owner = open ? item.handlerId : null;
          item.resolve(bytes);
        } catch (error) {
          item.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  }
}
