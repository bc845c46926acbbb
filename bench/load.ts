/**
 * The dashboard under load: 32 clients (autocannon) cycling through the dashboard's queries for 60 s,
 * with an ETL run halfway, as the server's schedule runs it (its statements taking turns with the
 * dashboard's queries; the cached answers kept when it changed nothing). `--touch N` first changes N
 * policies in the platform database so that the run publishes new data and the cache starts over.
 * Prints requests, errors, p50 / p95 / max latency, the server's memory before and after, and the
 * machine's load average (the numbers mean little without it).
 * Uses the data directory of DATA_DIR; an empty platform database is filled with the demo dataset.
 *
 *   npm run bench:load -- [--scale shanxi] [--connections 32] [--seconds 60] [--mode pull|stream] [--touch N]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { DEFAULT_YEARS, generateToDatabase, parseScale } from '../etl/generate';
import { runEtl } from '../etl/load/run';
import { openPlatformDb } from '../platform/data-source';
import { EnterpriseRow, PolicyRow } from '../platform/entities';
import { upsertRows } from '../platform/store';
import { openWarehouse } from '../warehouse/client';
import { migrateWarehouse } from '../warehouse/migrate';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';
import { percentile } from './percentile';

// autocannon ships no types; this is the part of its API used here (README of autocannon 8).
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  then(onDone: (result: { errors: number; timeouts: number; non2xx: number; requests: { total: number } }) => void): void;
}
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

const YEAR = DEFAULT_YEARS.to;

/** What the dashboard's region, insurers and violations pages ask for, as the province sees them. */
const DASHBOARD_QUERIES: string[] = [
  `{ coverage(asOf: "${YEAR}-06-30") { mandatory insured rate children { region { code name } mandatory insured rate } byIndustry { industry rate } } }`,
  `{ coverage(region: "140100", asOf: "${YEAR}-06-30") { mandatory insured rate children { region { code name } rate } } }`,
  `{ uninsured(asOf: "${YEAR}-06-30") { total items { id name lastPolicyEnd } } }`,
  `{ feeRatios(year: ${YEAR}) { insurer { id name } premiumReceived preventionSpending ratio compliant } }`,
  `{ regionFees(year: ${YEAR}) { premiumReceived preventionSpending children { premiumReceived ratio } } }`,
  `{ serviceCompliance(year: ${YEAR}) { required compliant rate children { rate } byInsurer { insurer { name } rate } } }`,
  `{ firstService(year: ${YEAR}) { judged onTime rate children { rate } } }`,
  `{ deathLimitCompliance(year: ${YEAR}) { judged compliant rate children { rate } } }`,
  `{ claims(year: ${YEAR}) { claimsPaid lossRatio children { lossRatio } } }`,
  `{ riskIndicators(year: ${YEAR}) { accidents deaths children { accidents } } }`,
  `{ trends(from: "${YEAR - 1}-01", to: "${YEAR}-12") { points { period } } }`,
  `{ violations(year: ${YEAR}) { total items { day detail } } }`,
];


const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    scale: { type: 'string', default: 'shanxi' }, connections: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '60' }, mode: { type: 'string' }, touch: { type: 'string', default: '0' },
  } });
  const config = loadConfig(values.mode ? { ...process.env, ETL_MODE: values.mode } : process.env);
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  await migrateWarehouse(warehouse, { database: config.warehouse.database, cluster: config.warehouse.cluster });
  if ((await platform.getRepository(EnterpriseRow).count()) === 0) {
    console.log(`generating the ${values.scale} demo dataset…`);
    await generateToDatabase(platform, { seed: 42, scale: parseScale(values.scale ?? 'shanxi'), years: DEFAULT_YEARS });
    await runEtl(config, { platform, warehouse });
  }
  await addUser(platform, { username: 'bench', password: 'bench-password', role: 'province' });
  const server = await startServer({ ...config, api: { ...config.api, port: 0 } }, { platform, warehouse });
  // What the scheduled run will find changed (with --touch): one fen more premium on the first N policies.
  const touched = await platform.getRepository(PolicyRow).find({ order: { id: 'ASC' }, take: Number(values.touch) });
  await upsertRows(platform, PolicyRow, touched.map((policy) => ({ ...policy, premiumFen: policy.premiumFen + 1 })));
  const login = await fetch(server.url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "bench", password: "bench-password") { token } }' }),
  });
  const token: string = ((await login.json()) as any).data.login.token;

  const seconds = Number(values.seconds);
  const memoryBefore = process.memoryUsage().rss;
  const latencies: number[] = [];
  let etlMs = 0;
  let etlChanged = 0;
  const etl = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      const started = performance.now();
      runEtl(config, { platform, warehouse: server.etlWarehouse }).then((summary) => {
        etlMs = performance.now() - started;
        etlChanged = [...Object.values(summary.rowsByTable), ...Object.values(summary.deletedByTable)].reduce((sum, rows) => sum + rows, 0);
        resolve();
      }, reject);
    }, (seconds * 1000) / 2);
  });
  const run = autocannon({
    url: server.url,
    connections: Number(values.connections),
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: DASHBOARD_QUERIES.map((query) => ({ body: JSON.stringify({ query }) })),
  });
  run.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await new Promise<{ errors: number; timeouts: number; non2xx: number; requests: { total: number } }>((resolve) => run.then(resolve));
  await etl;
  const memoryAfter = process.memoryUsage().rss;
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    connections: Number(values.connections), seconds, mode: config.etl.mode,
    requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx,
    p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), maxMs: latencies.at(-1),
    etlMidRunMs: Math.round(etlMs), etlMidRunRowsChanged: etlChanged, cacheHits: server.cache.hits, cacheShared: server.cache.shared,
    loadAverage: os.loadavg().map((load) => load.toFixed(2)).join(' '),
    rssBefore: megabytes(memoryBefore), rssAfter: megabytes(memoryAfter),
  }, null, 1));
  await server.close();
  await warehouse.close();
  await platform.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
