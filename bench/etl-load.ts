/**
 * Benchmark of one full ETL load: `node dist/bench/etl-load.js --mode pull|stream [--out result.json]` with DATA_DIR (and
 * PLATFORM_DB_URL) naming an already filled platform database, e.g. by `npm run generate`. Loads
 * everything into a fresh warehouse database `bench_<mode>` and prints its steps with the seconds since
 * the run began, then rows, time, rows/s (of the whole run, of the data tables' load and of the
 * derivations, which the run's summary times apart), the load average and the process's peak memory. Run each mode in its own process: peak memory is per process.
 */
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse } from '../warehouse/client';
import { runEtl, type EtlPath } from '../etl/load/run';

async function main(): Promise<void> {
  const modeIndex = process.argv.indexOf('--mode');
  const mode = process.argv[modeIndex + 1];
  if (modeIndex < 0 || (mode !== 'pull' && mode !== 'stream')) throw new Error('usage: node dist/bench/etl-load.js --mode pull|stream');
  const base = loadConfig();
  const database = `bench_${mode}`;
  const config = { ...base, warehouse: { ...base.warehouse, database } };
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  try {
    // A full load each time: the benchmark measures the first-load path, every row read and written.
    await warehouse.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` });
    await warehouse.command({ query: `CREATE DATABASE ${database}` });
    await warehouse.command({ query: `USE ${database}` });
    // Each step with the seconds since the run began, so that the split of its time shows.
    const began = performance.now();
    const log = (line: string) => console.log(`${((performance.now() - began) / 1000).toFixed(2).padStart(8)} s  ${line}`);
    const summary = await runEtl(config, { platform, warehouse, mode: mode as EtlPath, log });
    const rows = Object.values(summary.rowsByTable).reduce((sum, count) => sum + count, 0);
    const seconds = summary.durationMs / 1000;
    // The data tables' load and the derivations apart: rows read and written per second until the derivations
    // began, and rows derived per second of the derivations.
    const derived = Object.values(summary.derivedByTable).reduce((sum, count) => sum + count, 0);
    const loadSeconds = (summary.durationMs - summary.deriveMs) / 1000;
    const deriveSeconds = summary.deriveMs / 1000;
    const result = {
      mode, platform: config.platform.dialect, rows, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds),
      loadSeconds: Number(loadSeconds.toFixed(2)), loadRowsPerSecond: Math.round(rows / loadSeconds),
      derived, deriveSeconds: Number(deriveSeconds.toFixed(2)), derivedRowsPerSecond: Math.round(derived / deriveSeconds),
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rowsByTable: summary.rowsByTable, derivedByTable: summary.derivedByTable,
    };
    console.log(JSON.stringify(result));
    const out = process.argv.indexOf('--out');
    if (out >= 0) fs.writeFileSync(process.argv[out + 1], JSON.stringify(result, null, 2));
  } finally {
    await warehouse.close();
    await platform.destroy();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
