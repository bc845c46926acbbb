/**
 * p50 / p95 latency of the main queries over HTTP, answered by the warehouse (cache emptied before
 * each request) and from the answers cache. Uses the data directory of DATA_DIR; when its platform
 * database is empty, fills it with the demo dataset (seed 42) at the chosen scale and runs the ETL.
 *
 *   npm run build && DATA_DIR=/tmp/bench-shanxi node dist/bench/latency.js --scale shanxi --runs 50
 *
 * `--only <pattern>` measures only the queries whose name matches the regular expression;
 * `--clients 16` also measures each query with that many concurrent clients (autocannon, the
 * answers cache emptied before each request); `--out <file>` writes the numbers as JSON.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

// autocannon ships no types; this is the part of its API used here (README of autocannon 8).
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  then(onDone: (result: { errors: number; non2xx: number }) => void): void;
}
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;
import { loadConfig } from '../config/config';
import { DEFAULT_YEARS, generateToDatabase, parseScale } from '../etl/generate';
import { runEtl } from '../etl/load/run';
import { openPlatformDb } from '../platform/data-source';
import { EnterpriseRow } from '../platform/entities';
import { openWarehouse } from '../warehouse/client';
import { migrateWarehouse } from '../warehouse/migrate';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';
import { percentile } from './percentile';
import { QUERIES } from './queries';

const YEAR = DEFAULT_YEARS.to;



/** `clients` concurrent clients sending the query `clients × runs` times in all, the cache emptied before each request. */
async function underLoad(
  url: string, token: string, query: string, clients: number, runs: number, emptyCache: () => void,
): Promise<{ p50: number; p95: number; errors: number }> {
  const times: number[] = [];
  const run = autocannon({
    url, connections: clients, amount: clients * runs, method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    requests: [{ setupRequest: (request: unknown) => { emptyCache(); return request; } }],
  });
  run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await new Promise<{ errors: number; non2xx: number }>((resolve) => run.then(resolve));
  times.sort((a, b) => a - b);
  // Every request may have timed out: no time to report, only the errors.
  if (times.length === 0) return { p50: Number.NaN, p95: Number.NaN, errors: result.errors + result.non2xx };
  return { p50: percentile(times, 50), p95: percentile(times, 95), errors: result.errors + result.non2xx };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    scale: { type: 'string', default: 'shanxi' }, runs: { type: 'string', default: '40' }, only: { type: 'string' },
    clients: { type: 'string', default: '0' }, out: { type: 'string' },
  } });
  const clients = Number(values.clients);
  const only = values.only === undefined ? null : new RegExp(values.only);
  const scale = parseScale(values.scale ?? 'shanxi');
  const runs = Number(values.runs);
  const config = loadConfig();
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  await migrateWarehouse(warehouse, { database: config.warehouse.database, cluster: config.warehouse.cluster });
  if ((await platform.getRepository(EnterpriseRow).count()) === 0) {
    console.log(`generating the ${scale} demo dataset…`);
    await generateToDatabase(platform, { seed: 42, scale, years: DEFAULT_YEARS });
    const etl = await runEtl(config, { platform, warehouse });
    console.log(`ETL: ${JSON.stringify(etl.rowsByTable)} in ${etl.durationMs} ms`);
  }
  await addUser(platform, { username: 'bench', password: 'bench-password', role: 'province' });
  const server = await startServer({ ...config, api: { ...config.api, port: 0 } }, { platform, warehouse });
  const post = async (body: unknown, token?: string): Promise<any> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return response.json();
  };
  const login = await post({ query: 'mutation { login(username: "bench", password: "bench-password") { token } }' });
  const token: string = login.data.login.token;

  const size = await post({ query: `{ coverage(asOf: "${YEAR}-06-30") { mandatory insured } dataFreshness { lastRun { rows { table rows } } } }` }, token);
  console.log(`warehouse: ${JSON.stringify(size.data)}`);
  console.log(`${runs} runs each; ms`);
  console.log(['query', 'warehouse p50', 'warehouse p95', 'cached p50', 'cached p95', ...(clients > 0 ? [`${clients} clients p50`, `${clients} clients p95`] : [])].join('\t'));
  const results: Array<Record<string, unknown>> = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    if (only !== null && !only.test(name)) continue;
    const first = await post({ query }, token);
    if (first.errors) throw new Error(`${name}: ${JSON.stringify(first.errors)}`);
    const uncached: number[] = [];
    const cached: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      server.cache.invalidate();
      let start = performance.now();
      await post({ query }, token);
      uncached.push(performance.now() - start);
      start = performance.now();
      await post({ query }, token);
      cached.push(performance.now() - start);
    }
    uncached.sort((a, b) => a - b);
    cached.sort((a, b) => a - b);
    const concurrent = clients > 0 ? await underLoad(server.url, token, query, clients, runs, () => server.cache.invalidate()) : null;
    const row = {
      query: name, p50: percentile(uncached, 50), p95: percentile(uncached, 95), cachedP50: percentile(cached, 50), cachedP95: percentile(cached, 95),
      ...(concurrent ? { clients, concurrentP50: concurrent.p50, concurrentP95: concurrent.p95, errors: concurrent.errors } : {}),
    };
    results.push(row);
    console.log([name, ...[row.p50, row.p95, row.cachedP50, row.cachedP95].map((ms) => ms.toFixed(1)),
      ...(concurrent ? [concurrent.p50, concurrent.p95].map((ms) => ms.toFixed(1)) : [])].join('\t'));
  }
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ runs, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), queries: results }, null, 2));
  await server.close();
  await warehouse.close();
  await platform.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
