/**
 * The time to produce the periodic evaluation and one insurer's annual report through the API: each
 * workbook downloaded (`GET /api/documents/…`, answers cache emptied) and each GraphQL query, with the
 * warehouse statements the request sent, each timed alone on the engine with the rows and granules
 * it is expected to read (EXPLAIN ESTIMATE), slowest first. The command line's time (`node
 * dist/cli/report.js`) is measured from outside, with the server stopped (one process per embedded
 * warehouse).
 *
 *   npm run build && DATA_DIR=<a loaded data directory> node dist/bench/reports.js [--year 2024] [--insurer <id>] [--runs 3] [--out result.json]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse, queryRows } from '../warehouse/client';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';
import { percentile } from './percentile';

interface Statement { sql: string; params: Record<string, unknown> }

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { year: { type: 'string', default: '2024' }, insurer: { type: 'string' }, runs: { type: 'string', default: '3' }, out: { type: 'string' } },
  });
  const runs = Number(values.runs);
  const year = Number(values.year);
  const config = loadConfig();
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  const insurer = values.insurer
    ?? (await queryRows<{ id: string }>(warehouse, 'SELECT toString(insurer_id) AS id FROM policy_shares GROUP BY insurer_id ORDER BY count() DESC, id LIMIT 1'))[0].id;
  await addUser(platform, { username: 'bench', password: 'bench-password', role: 'province' });
  let captured: Statement[] | null = null;
  const server = await startServer({ ...config, api: { ...config.api, port: 0 } }, { platform, warehouse }, {
    onWarehouseQuery: ({ sql, params }) => captured?.push({ sql, params }),
  });
  const login = await fetch(server.url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "bench", password: "bench-password") { token } }' }),
  });
  const token: string = ((await login.json()) as any).data.login.token;
  const documentsUrl = new URL('/api/documents/', server.url);
  const requests: Array<{ name: string; send: () => Promise<number> }> = [
    ['evaluation.xlsx', `evaluation.xlsx?year=${year}`],
    [`annual-report.xlsx (insurer ${insurer})`, `annual-report.xlsx?year=${year}&insurer=${encodeURIComponent(insurer)}`],
  ].map(([name, path]) => ({
    name,
    send: async () => {
      const response = await fetch(new URL(path, documentsUrl), { headers: { authorization: `Bearer ${token}` } });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
      return body.byteLength;
    },
  }));
  const results: Array<Record<string, unknown>> = [];
  try {
    for (const request of requests) {
      const bytes = await request.send();
      const times: number[] = [];
      captured = [];
      for (let run = 0; run < runs; run += 1) {
        server.cache.invalidate();
        const start = performance.now();
        await request.send();
        times.push(performance.now() - start);
      }
      const sent = captured.slice(0, captured.length / runs);
      captured = null;
      const statements: Array<{ ms: number; reads: string; sql: string }> = [];
      for (const statement of sent) {
        const start = performance.now();
        await queryRows(warehouse, statement.sql, statement.params);
        const ms = performance.now() - start;
        const estimate = await queryRows<{ table: string; rows: number; marks: number }>(warehouse, `EXPLAIN ESTIMATE ${statement.sql}`, statement.params)
          .catch(() => []);
        statements.push({
          ms: Number(ms.toFixed(1)),
          reads: estimate.map((row) => `${row.table} ${Number(row.rows).toLocaleString('en')} rows/${row.marks} granules`).join('; '),
          sql: statement.sql.replace(/\s+/g, ' ').trim().slice(0, 200),
        });
      }
      statements.sort((a, b) => b.ms - a.ms);
      const p50 = percentile([...times].sort((a, b) => a - b), 50);
      const engine = statements.reduce((sum, statement) => sum + statement.ms, 0);
      results.push({ request: request.name, bytes, p50: Number(p50.toFixed(1)), engine: Number(engine.toFixed(1)), statements });
      console.log(`\n${request.name}: ${bytes.toLocaleString('en')} bytes, p50 ${p50.toFixed(0)} ms; its ${statements.length} statements ${engine.toFixed(0)} ms on the engine, slowest:`);
      for (const statement of statements.slice(0, 6)) console.log(`  ${String(statement.ms).padStart(8)} ms  ${statement.reads}\n            ${statement.sql}`);
    }
  } finally {
    await server.close();
    await warehouse.close();
    await platform.destroy();
  }
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ year, insurer, runs, requests: results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
