/**
 * The run state each request reads first (the last successful run, the data version the answers cache
 * keeps its answers for), without reading the warehouse for every request when nothing can have changed.
 *
 * The guarantee is the same either way: a request never gets a state from before a statement that
 * ended before the request began, so no answer is served from before a run that changed the data.
 * - A ClickHouse server (CLICKHOUSE_URL) may be written by other processes (`npm run etl` beside the
 *   server): every request reads the state, one statement (warehouse/run-log.ts `runState`), shared
 *   by the requests that ask while one read is running (fresh-read.ts).
 * - The embedded warehouse opens in this process alone, and every statement that may write it is
 *   counted as it ends (warehouse/client.ts `embeddedWritesSoFar`): the state read last is kept while
 *   the count stays where it was when that read was asked for, and read again once it moved.
 */
import type { RunState } from '../../warehouse/run-log';
import { freshRead } from './fresh-read';

export interface RunStateSource {
  /** The state for a request that begins now. */
  current(): Promise<RunState>;
  /** Reads of the warehouse so far (tests and benchmarks count them). */
  readonly reads: number;
}

/**
 * `writesSoFar` counts the statements that may have changed the warehouse, when this process sees
 * them all (the embedded engine); without it, every request reads.
 */
export function runStateSource(read: () => Promise<RunState>, writesSoFar?: () => number): RunStateSource {
  let reads = 0;
  const shared = freshRead(() => {
    reads += 1;
    return read();
  });
  let kept: { state: Promise<RunState>; writes: number } | undefined;
  return {
    get reads() {
      return reads;
    },
    current(): Promise<RunState> {
      if (writesSoFar === undefined) return shared();
      const writes = writesSoFar();
      if (kept !== undefined && kept.writes === writes) return kept.state;
      // Counted before the read starts: a write ending while it runs moves the count, and the next request reads again.
      const state = shared();
      const entry = { state, writes };
      kept = entry;
      state.catch(() => {
        if (kept === entry) kept = undefined;
      });
      return state;
    },
  };
}
