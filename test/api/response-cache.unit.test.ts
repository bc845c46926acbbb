/**
 * The answers cache follows the data version its requests read (api/common/response-cache.ts),
 * including a version that goes back: a run that changed nothing counts as a change from its publish
 * until its log entry says so (warehouse/run-log.ts `dataVersion`).
 */
import { ResponseCache } from '../../api/common/response-cache';

const answer = (n: number) => ({ data: { n } });

async function compute(cache: ResponseCache, version: number, key: string, n: number): Promise<void> {
  const found = await cache.lookup(version, key);
  if (found.answer === undefined) found.settle(answer(n));
}

test('an answer is served only to requests of the version it was computed for', async () => {
  const cache = new ResponseCache();
  await compute(cache, 4, 'coverage', 1);
  expect((await cache.lookup(4, 'coverage')).answer).toEqual(answer(1));
  const newer = await cache.lookup(5, 'coverage');
  expect(newer.answer).toBeUndefined();
  if (newer.answer === undefined) newer.settle(answer(2));
  expect((await cache.lookup(5, 'coverage')).answer).toEqual(answer(2));
});

test('after a version that went back (a run that changed nothing, seen between its publish and its log entry), answers are cached again', async () => {
  const cache = new ResponseCache();
  await compute(cache, 4, 'coverage', 1);
  // A request read the state between the run's publish and its log entry.
  await compute(cache, 5, 'coverage', 1);
  // Every later request reads 4 again: the cache keeps their answers.
  await compute(cache, 4, 'coverage', 1);
  const hits = cache.hits;
  expect((await cache.lookup(4, 'coverage')).answer).toEqual(answer(1));
  expect(cache.hits).toBe(hits + 1);
});

test('an answer computed for a version the cache has moved from is not kept', async () => {
  const cache = new ResponseCache();
  const slow = await cache.lookup(4, 'coverage');
  await compute(cache, 5, 'fees', 2);
  if (slow.answer === undefined) slow.settle(answer(1));
  expect((await cache.lookup(5, 'coverage')).answer).toBeUndefined();
  expect((await cache.lookup(5, 'fees')).answer).toEqual(answer(2));
});
