/**
 * Fault injection on SQLite by pull: a child ETL killed with SIGKILL at each named fault point,
 * then re-run (test/support/etl-faults.ts). Dataset: test/support/etl-seed.ts with 100 enterprises.
 */
import type { DataSource } from 'typeorm';
import { FAULT_POINTS } from '../../etl/fault-points';
import { openPlatformDb } from '../../platform/data-source';
import { makeTestEnv } from '../support/env';
import { killAtEveryFaultPoint } from '../support/etl-faults';

const env = makeTestEnv('etl-faults-pull', { ETL_OVERLAP_MS: '0' });
let platform: DataSource;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
});

afterAll(async () => {
  await platform?.destroy();
  env.remove();
});

// Each kill starts a child process with its own embedded ClickHouse, a few seconds each on two cores.
test('a pull run killed at any fault point is finished exactly by the next run', async () => {
  const kills = await killAtEveryFaultPoint({ config: env.config, childEnv: { DATA_DIR: env.dataDir, ETL_OVERLAP_MS: '0' }, platform, enterprises: 100, runsInChild: true }, 'pull');
  expect(kills).toBe(FAULT_POINTS.length);
}, 1_800_000);
