/**
 * The shared read of the run state (api/common/fresh-read.ts): every caller gets a read that began
 * after it asked, and callers asking while one runs share the next instead of each starting its own.
 */
import { freshRead } from '../../api/common/fresh-read';

/** A read whose answers the test hands out one by one, counting how many were started. */
function manualReads() {
  const pending: Array<(value: number) => void> = [];
  return {
    read: () => new Promise<number>((resolve) => { pending.push(resolve); }),
    get started() { return pending.length; },
    finish(index: number, value: number) { pending[index](value); },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

test('callers asking while a read runs share one next read, begun after the running one ended', async () => {
  const reads = manualReads();
  const read = freshRead(reads.read);
  const first = read();
  const waiting = [read(), read(), read()];
  await settle();
  // The three did not join the running read (it may predate what they must see), nor start their own.
  expect(reads.started).toBe(1);
  reads.finish(0, 1);
  expect(await first).toBe(1);
  await settle();
  expect(reads.started).toBe(2);
  reads.finish(1, 2);
  expect(await Promise.all(waiting)).toEqual([2, 2, 2]);
  // Nothing runs now: the next caller starts a read of its own at once.
  const later = read();
  await settle();
  expect(reads.started).toBe(3);
  reads.finish(2, 3);
  expect(await later).toBe(3);
});

test('a failed read fails its callers only; the next callers read again', async () => {
  let calls = 0;
  const read = freshRead(async () => {
    calls += 1;
    if (calls === 1) throw new Error('engine busy');
    return calls;
  });
  await expect(read()).rejects.toThrow('engine busy');
  expect(await read()).toBe(2);
});
