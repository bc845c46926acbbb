/**
 * One read shared by every caller that asks while it has not yet started. Each request reads the
 * warehouse's run state first (last run, data version); with 32 clients that was 64 small statements
 * in the engine's one line per session, each cached answer waiting behind all of them. Now a caller
 * gets a read that began after it asked (so it never misses a run that finished before its request),
 * and the callers that ask while a read runs share the next one: at most one running, one waiting.
 */
export function freshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<unknown> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const reading = read();
    running = reading.then(() => undefined, () => undefined).finally(() => {
      if (running === current) running = undefined;
    });
    const current = running;
    return reading;
  };
  return () => {
    if (running === undefined) return start();
    if (next === undefined) {
      next = running.then(() => {
        next = undefined;
        return start();
      });
    }
    return next;
  };
}
