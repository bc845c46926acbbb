/**
 * `npm run bench [-- --scale shanxi|national] [--runs N] [--skip-stream]`: every benchmark in one go,
 * each step in its own process (embedded ClickHouse binds one directory per process, and peak memory
 * is per process). Data lives in ./data/bench-<scale> and is generated once:
 *   1. the demo dataset (seed 42) into the SQLite platform database: rows/s;
 *   2. a full ETL load by each path into a scratch warehouse database: rows/s and peak memory;
 *   3. the ETL into the warehouse the API reads, then p50/p95 latency of the dashboard's queries.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { parseScale } from '../etl/generate';
import { openPlatformDb } from '../platform/data-source';
import { EnterpriseRow } from '../platform/entities';

const DIST = path.resolve(__dirname, '..');

function step(title: string, script: string, args: string[], env: NodeJS.ProcessEnv): void {
  console.log(`\n## ${title}`);
  const result = spawnSync(process.execPath, [path.join(DIST, script), ...args], { env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
}

async function platformIsEmpty(env: NodeJS.ProcessEnv): Promise<boolean> {
  const platform = await openPlatformDb(loadConfig(env).platform);
  try {
    return (await platform.getRepository(EnterpriseRow).count()) === 0;
  } finally {
    await platform.destroy();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'shanxi' },
      runs: { type: 'string', default: '30' },
      'skip-stream': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const scale = parseScale(values.scale ?? 'shanxi');
  const dataDir = path.resolve('data', `bench-${scale}`);
  // The benchmark's own data directory and SQLite platform database, whatever the shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PLATFORM_DB_URL: '', CLICKHOUSE_URL: '', ETL_OVERLAP_MS: '0' };
  console.log(`# Benchmarks at ${scale} scale, data in ${dataDir}, on ${process.platform} node ${process.version}`);
  if (await platformIsEmpty(env)) step('Demo dataset', 'cli/generate.js', ['--seed', '42', '--scale', scale], env);
  else console.log('\n## Demo dataset: already generated');
  step('ETL full load, pull', 'bench/etl-load.js', ['--mode', 'pull'], env);
  if (!values['skip-stream']) step('ETL full load, stream', 'bench/etl-load.js', ['--mode', 'stream'], env);
  step('ETL into the warehouse the API reads', 'cli/etl.js', [], env);
  step('API latency', 'bench/latency.js', ['--scale', scale, '--runs', values.runs ?? '30'], env);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
