/**
 * Admission to the warehouse, one queue per account, served in turn: when queries wait, the next one
 * to start is the oldest of the account that was served longest ago. An account with a thousand
 * queries waiting and an account with one each get every other turn, so a flood slows its sender
 * and not everyone else. A waiting query whose request is abandoned leaves the queue at once.
 */

export class QueueAbandonedError extends Error {
  constructor() {
    super('abandoned while waiting for the warehouse');
    this.name = 'QueueAbandonedError';
  }
}

interface Waiter {
  start(): void;
  abandon(): void;
}

/** How many starts `served` remembers: enough to follow a test's flood, bounded for a server that runs for months. */
const SERVED_KEPT = 1000;

export class FairQueue {
  private running = 0;
  /** Waiting queries per account; the Map's order is the order of turns (front is next). */
  private readonly waiting = new Map<string, Waiter[]>();
  readonly served: string[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, not ${concurrency}`);
  }

  /** Resolves when the query may run; call `leave()` once it has ended, whatever the outcome. */
  enter(account: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new QueueAbandonedError());
    if (this.running < this.concurrency && this.waiting.size === 0) {
      this.start(account);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => waiter.abandon();
      const waiter: Waiter = {
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        abandon: () => {
          const queue = this.waiting.get(account);
          const index = queue?.indexOf(waiter) ?? -1;
          if (queue && index >= 0) {
            queue.splice(index, 1);
            if (queue.length === 0) this.waiting.delete(account);
          }
          reject(new QueueAbandonedError());
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const queue = this.waiting.get(account);
      if (queue) queue.push(waiter);
      else this.waiting.set(account, [waiter]);
    });
  }

  leave(): void {
    this.running -= 1;
    this.dispatch();
  }

  private start(account: string): void {
    this.running += 1;
    this.served.push(account);
    if (this.served.length > SERVED_KEPT) this.served.splice(0, this.served.length - SERVED_KEPT);
  }

  private dispatch(): void {
    while (this.running < this.concurrency && this.waiting.size > 0) {
      const [account, queue] = this.waiting.entries().next().value as [string, Waiter[]];
      const waiter = queue.shift() as Waiter;
      // The account goes to the back of the turn order; it keeps a place only while it has queries waiting.
      this.waiting.delete(account);
      if (queue.length > 0) this.waiting.set(account, queue);
      this.start(account);
      waiter.start();
    }
  }
}
