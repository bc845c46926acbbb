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
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse, queryRows } from '../warehouse/client';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';
import { percentile } from './percentile';
import { QUERIES } from './queries';

interface Statement { sql: string; params: Record<string, unknown> }

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
  const config = loadConfig();
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  await addUser(platform, { username: 'bench', password: 'bench-password', role: 'province' });
  let captured: Statement[] | null = null;
  const server = await startServer({ ...config, api: { ...config.api, port: 0 } }, { platform, warehouse }, {
    onWarehouseQuery: ({ sql, params }) => captured?.push({ sql, params }),
  });
  const post = async (body: unknown, token?: string): Promise<any> => {
    const response = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
    });
    return response.json();
  };
  const token: string = (await post({ query: 'mutation { login(username: "bench", password: "bench-password") { token } }' })).data.login.token;
  const results: Array<Record<string, unknown>> = [];
  try {
    for (const [name, query] of Object.entries(QUERIES)) {
      if (only !== null && !only.test(name)) continue;
      captured = [];
      const first = await post({ query }, token);
      if (first.errors) throw new Error(`${name}: ${JSON.stringify(first.errors)}`);
      const sent = captured;
      captured = null;
      // The request and its statements alone on the engine take turns, run by run, so that a change of
      // the machine's load between them moves both (the engine's figure is each statement's median).
      const apiTimes: number[] = [];
      const statementTimes: number[][] = sent.map(() => []);
      for (let run = 0; run < runs; run += 1) {
        server.cache.invalidate();
        apiTimes.push(await timed(() => post({ query }, token)));
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
    await server.close();
    await warehouse.close();
    await platform.destroy();
  }
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ runs, queries: results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
