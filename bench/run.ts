/**
 * `npm run bench [-- --scale tiny|shanxi|national] [--runs N] [--clients N] [--skip-stream] [--quick]`: every
 * benchmark in one go, each step in its own process (embedded ClickHouse binds one directory per
 * process, and peak memory is per process). Data lives in ./data/bench-<scale> and is generated once:
 *   1. the demo dataset (seed 42) into the SQLite platform database;
 *   2. a full ETL load by each path into a scratch warehouse database: rows/s and peak memory;
 *   3. the ETL into the warehouse the API reads, then an incremental run with 1% of the rows changed;
 *   4. p50/p95 of the dashboard's queries with one client and with `--clients` concurrent ones;
 *   5. the indicator set beside PostgreSQL (bench/postgres.ts).
 * Writes BENCHMARKS.md and bench.json in the current directory. `--quick` (CI): tiny scale unless
 * `--scale` says otherwise, 3 runs, 4 clients, no stream load, both files written into the data
 * directory instead (a check's numbers are not the project's benchmarks), and exit 1 when any cell is empty.
 */
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { parseScale } from '../etl/generate';
import { openPlatformDb } from '../platform/data-source';
import { EnterpriseRow } from '../platform/entities';
import { benchmarksMarkdown, missingCells, type BenchResults } from './report';

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
      scale: { type: 'string' },
      runs: { type: 'string' },
      clients: { type: 'string' },
      'skip-stream': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const scale = parseScale(values.scale ?? (quick ? 'tiny' : 'shanxi'));
  const runs = values.runs ?? (quick ? '3' : '30');
  const clients = values.clients ?? (quick ? '4' : '16');
  const dataDir = path.resolve('data', `bench-${scale}`);
  // The benchmark's own data directory and SQLite platform database, whatever the shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PLATFORM_DB_URL: '', CLICKHOUSE_URL: '', ETL_OVERLAP_MS: '0' };
  console.log(`# Benchmarks at ${scale} scale, data in ${dataDir}, on ${process.platform} node ${process.version}`);
  if (await platformIsEmpty(env)) step('Demo dataset', 'cli/generate.js', ['--seed', '42', '--scale', scale], env);
  else console.log('\n## Demo dataset: already generated');
  const results = path.join(dataDir, 'results');
  fs.mkdirSync(results, { recursive: true });
  const out = (name: string) => path.join(results, `${name}.json`);
  const read = (name: string) => JSON.parse(fs.readFileSync(out(name), 'utf8'));
  const streamed = !values['skip-stream'] && !quick;
  step('ETL full load, pull', 'bench/etl-load.js', ['--mode', 'pull', '--out', out('etl-full')], env);
  if (streamed) step('ETL full load, stream', 'bench/etl-load.js', ['--mode', 'stream', '--out', out('etl-stream')], env);
  step('ETL into the warehouse the API reads', 'cli/etl.js', [], env);
  step('ETL, 1% of the rows changed', 'bench/etl-incremental.js', ['--percent', '1', '--out', out('etl-incremental')], env);
  step('API latency', 'bench/latency.js', ['--scale', scale, '--runs', runs, '--clients', clients, '--out', out('latency')], env);
  step('Against PostgreSQL', 'bench/postgres.js', ['--runs', runs, '--out', out('postgres')], env);
  const report: BenchResults = {
    scale,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}`,
    etl: { full: read('etl-full'), ...(streamed ? { stream: read('etl-stream') } : {}), incremental: read('etl-incremental') },
    latency: read('latency'),
    postgres: read('postgres'),
  };
  const written = quick ? dataDir : '.';
  fs.writeFileSync(path.join(written, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(written, 'BENCHMARKS.md'), benchmarksMarkdown(report));
  console.log(`\nwrote BENCHMARKS.md and bench.json in ${path.resolve(written)}`);
  const missing = missingCells(report);
  if (missing.length > 0) throw new Error(`empty cells in the report:\n${missing.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
