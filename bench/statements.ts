/**
 * Where a dashboard query's time goes: each query of bench/queries.ts through the API (answers cache
 * emptied), the warehouse statements its resolvers sent (seen by the server's query hook), and each
 * statement timed alone on the engine with the same parameters (in turn with the requests), with the
 * rows and granules the engine expects to read (EXPLAIN ESTIMATE; embedded chDB keeps no query log).
 *
 *   npm run build && DATA_DIR=<a loaded data directory> node dist/bench/statements.js [--runs 5] [--only <pattern>] [--out result.json]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { queryRows } from '../warehouse/client';
import { openCapturingApi } from './captured-statements';
import { percentile } from './percentile';
import { QUERIES } from './queries';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function median(times: number[]): number {
  return percentile([...times].sort((a, b) => a - b), 50);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' }, out: { type: 'string' } } });
  const runs = Number(values.runs);
  const only = values.only === undefined ? null : new RegExp(values.only);
  const { warehouse, server, post, capture, close } = await openCapturingApi();
  const results: Array<Record<string, unknown>> = [];
  try {
    for (const [name, query] of Object.entries(QUERIES)) {
      if (only !== null && !only.test(name)) continue;
      const sent = await capture(name, query);
      // The request and its statements alone on the engine take turns, run by run, so that a change of
      // the machine's load between them moves both (the engine's figure is each statement's median).
      const apiTimes: number[] = [];
      const statementTimes: number[][] = sent.map(() => []);
      for (let run = 0; run < runs; run += 1) {
        server.cache.invalidate();
        apiTimes.push(await timed(() => post(query)));
        for (const [index, statement] of sent.entries()) statementTimes[index].push(await timed(() => queryRows(warehouse, statement.sql, statement.params)));
      }
      const api = median(apiTimes);
      const statements: Array<Record<string, unknown>> = [];
      for (const [index, statement] of sent.entries()) {
        const ms = median(statementTimes[index]);
        const estimate = await queryRows<{ table: string; rows: number; marks: number }>(warehouse, `EXPLAIN ESTIMATE ${statement.sql}`, statement.params)
          .catch(() => []);
        const reads = estimate.map((row) => `${row.table} ${Number(row.rows).toLocaleString('en')} rows/${row.marks} granules`).join('; ');
        statements.push({ ms: Number(ms.toFixed(1)), reads, sql: statement.sql.replace(/\s+/g, ' ').trim().slice(0, 160) });
      }
      const engine = statements.reduce((sum, statement) => sum + Number(statement.ms), 0);
      results.push({ query: name, api: Number(api.toFixed(1)), engine: Number(engine.toFixed(1)), statements });
      console.log(`\n${name}: API ${api.toFixed(1)} ms, its ${statements.length} statements ${engine.toFixed(1)} ms on the engine`);
      for (const statement of statements) console.log(`  ${String(statement.ms).padStart(8)} ms  ${statement.reads}\n            ${statement.sql}`);
    }
  } finally {
    await close();
  }
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ runs, queries: results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
