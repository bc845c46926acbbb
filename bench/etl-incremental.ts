/**
 * Benchmark of an incremental ETL run: `node dist/bench/etl-incremental.js [--percent 1] [--mode pull|stream] [--runs 1] [--out result.json]`
 * with DATA_DIR naming a loaded SQLite platform database and warehouse. Changes the given share of
 * policies and services in the platform database (a fen more premium received, a hazard more found,
 * stamped now as every platform write is), runs the ETL, and prints its steps with the seconds since
 * the run began, then rows, path, time, rows/s, the judged facts derived again, the load average and
 * the process's peak memory; `--runs N` does that N times in a row (the first run after a full load
 * reads again every row stamped within ETL_OVERLAP_MS of it; the later ones show the steady state).
 */
import os from 'node:os';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { runEtl } from '../etl/load/run';
import { openPlatformDb } from '../platform/data-source';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { percent: { type: 'string', default: '1' }, mode: { type: 'string' }, runs: { type: 'string', default: '1' }, out: { type: 'string' } } });
  const every = Math.round(100 / Number(values.percent));
  const config = loadConfig();
  if (config.platform.dialect !== 'sqlite') throw new Error('the incremental benchmark edits a SQLite platform database');
  const platform = await openPlatformDb(config.platform);
  try {
    const results: unknown[] = [];
    for (let round = 1; round <= Number(values.runs); round += 1) {
      const now = Date.now();
      // Spread over every county and enterprise: rowid picks every n-th row as it was inserted.
      await platform.query(`UPDATE policies SET premium_received_fen = premium_received_fen + 1, updated_at = ? WHERE rowid % ? = 0`, [now, every]);
      await platform.query(`UPDATE services SET hazards_found = hazards_found + 1, updated_at = ? WHERE rowid % ? = 0`, [now, every]);
      const [{ changed }] = await platform.query(
        `SELECT (SELECT count(*) FROM policies WHERE rowid % ? = 0) + (SELECT count(*) FROM services WHERE rowid % ? = 0) AS changed`, [every, every],
      );
      // Each step with the seconds since the run began, so that the split of its time shows.
      const began = performance.now();
      const log = (line: string) => console.log(`${((performance.now() - began) / 1000).toFixed(2).padStart(8)} s  ${line}`);
      const summary = await runEtl(config, { platform, mode: values.mode === 'pull' || values.mode === 'stream' ? values.mode : undefined, log });
      const rows = Object.values(summary.rowsByTable).reduce((sum, count) => sum + count, 0);
      const seconds = (performance.now() - began) / 1000;
      const result = {
        round, percent: Number(values.percent), changedInSource: Number(changed), mode: summary.mode, rows, seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(rows / seconds), loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rowsByTable: summary.rowsByTable, derivedByTable: summary.derivedByTable,
      };
      console.log(JSON.stringify(result));
      results.push(result);
    }
    if (values.out) fs.writeFileSync(values.out, JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  } finally {
    await platform.destroy();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
