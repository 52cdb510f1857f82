/**
 * Rejects after `ms`; the underlying call keeps running, its outcome is ignored.
 * A timer can fire late because this process was busy, with the reply already waiting in the
 * socket: the rejection waits one more poll phase (setImmediate) so that reply wins the race.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      immediate = setImmediate(() => reject(new Error(`Redis did not answer within ${ms} ms`)));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
    clearImmediate(immediate);
  });
}
