/**
 * The warehouse's admission queue on its own: turns between accounts, the concurrency bound, and a
 * waiting query that leaves when its request is abandoned. The HTTP test in request-budget.test.ts
 * shows the same through the server; only here is the order of starts observed exactly.
 */
import { FairQueue, QueueAbandonedError } from '../../api/common/fair-queue';

/** Enters `count` queries for `account`, recording each start in `started`. */
function enterMany(queue: FairQueue, account: string, count: number, started: string[], signal = new AbortController().signal): Array<Promise<void>> {
  return Array.from({ length: count }, () => queue.enter(account, signal).then(() => { started.push(account); }));
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

test('an account with one query waits one turn behind a flood, not behind all of it', async () => {
  const queue = new FairQueue(1);
  const started: string[] = [];
  const flood = enterMany(queue, 'flooder', 10, started);
  const single = enterMany(queue, 'bureau', 1, started);
  await settle();
  // One runs at a time: each leave() lets the next turn start.
  for (let i = 0; i < 11; i += 1) {
    await settle();
    queue.leave();
  }
  await Promise.all([...flood, ...single]);
  expect(started).toHaveLength(11);
  expect(started.indexOf('bureau')).toBe(2);
  expect(queue.served.slice(0, 3)).toEqual(['flooder', 'flooder', 'bureau']);
});

test('no more queries run at once than the concurrency allows', async () => {
  const queue = new FairQueue(2);
  const started: string[] = [];
  const all = enterMany(queue, 'analyst', 5, started);
  await settle();
  expect(started).toHaveLength(2);
  queue.leave();
  await settle();
  expect(started).toHaveLength(3);
  for (let i = 0; i < 4; i += 1) queue.leave();
  await Promise.all(all);
  expect(started).toHaveLength(5);
});

test('a waiting query whose request is abandoned leaves the queue and never starts', async () => {
  const queue = new FairQueue(1);
  const started: string[] = [];
  const first = enterMany(queue, 'insurer', 1, started);
  const abandoned = new AbortController();
  const gone = queue.enter('insurer', abandoned.signal);
  const after = enterMany(queue, 'province', 1, started);
  abandoned.abort();
  await expect(gone).rejects.toBeInstanceOf(QueueAbandonedError);
  await settle();
  queue.leave();
  await Promise.all([...first, ...after]);
  expect(queue.served).toEqual(['insurer', 'province']);
});
