/**
 * The indicator set of issue 10 side by side: the warehouse's own SQL (the API's query functions,
 * raw engine time), the same indicator through the GraphQL API (answers cache emptied before each
 * request), and the same indicator written by hand for PostgreSQL (bench/postgres/indicators.sql,
 * with the indexes of bench/postgres/indexes.sql) on the same rows, which this step copies from the
 * warehouse into its own schema with ClickHouse's postgresql() table function.
 *
 *   DATA_DIR=<a loaded data directory> node dist/bench/postgres.js [--runs 20] [--reuse] [--out result.json]
 *
 * `--reuse` keeps a copy left in the schema by an earlier run of the same warehouse (the copy and its
 * indexes take minutes at national scale), so that several measurements can share one copy.
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test, trust auth),
 * schema BENCH_POSTGRES_SCHEMA (default bench_h_ten).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { HIGH_RISK_INDUSTRIES } from '../domain/vocabulary';
import { regionByCode, PROVINCE_CODE } from '../domain/regions';
import { DEFAULT_YEARS } from '../etl/generate';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse, queryRows } from '../warehouse/client';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';
import { warehouseReader } from '../api/common/warehouse';
import { coverageByCountyAndIndustry, uninsuredPage } from '../api/coverage/coverage.sql';
import { insurerFees } from '../api/fees/fees.sql';
import { serviceComplianceByCounty } from '../api/services/services.sql';
import { firstServiceByInsurer } from '../api/first-service/first-service.sql';
import { RULEBOOK } from '../domain/rulebook';
import { percentile } from './percentile';

const YEAR = DEFAULT_YEARS.to;
const AS_OF = `${YEAR}-06-30`;
const FIRST_SERVICE_AS_OF = `${YEAR + 1}-06-30`;
const SQL_DIR = path.resolve(__dirname, '..', '..', 'bench', 'postgres');

/** The copy: each PostgreSQL table's columns, read from the warehouse view of the same name. */
const COPIED: Record<string, string[]> = {
  enterprises: ['id', 'uscc', 'name', 'industry', 'size', 'city_code', 'county_code', 'status'],
  policies: ['id', 'enterprise_id', 'city_code', 'county_code', 'industry', 'start_date', 'end_date', 'premium_received', 'death_limit_per_person', 'cancelled'],
  policy_shares: ['policy_id', 'insurer_id', 'share_percent', 'enterprise_id', 'county_code', 'start_date', 'end_date', 'premium_received', 'cancelled'],
  services: ['id', 'enterprise_id', 'city_code', 'county_code', 'industry', 'insurer_id', 'kind', 'service_date'],
  fee_ledger: ['id', 'insurer_id', 'county_code', 'entry_date', 'amount'],
};

/** The named statements of indicators.sql. */
function indicatorSql(): Map<string, string> {
  const text = fs.readFileSync(path.join(SQL_DIR, 'indicators.sql'), 'utf8');
  const statements = new Map<string, string>();
  for (const section of text.split(/^-- name: /m).slice(1)) {
    const [name, ...body] = section.split('\n');
    statements.set(name.trim(), body.join('\n').trim().replace(/;$/, ''));
  }
  return statements;
}


async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: Number(percentile(sorted, 50).toFixed(1)), p95: Number(percentile(sorted, 95).toFixed(1)) };
}

export interface IndicatorResult {
  indicator: string;
  engine: { p50: number; p95: number };
  api: { p50: number; p95: number };
  postgres: { p50: number; p95: number };
  rows: { engine: number; postgres: number };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, reuse: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const runs = Number(values.runs);
  const config = loadConfig();
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = process.env.BENCH_POSTGRES_SCHEMA ?? 'bench_h_ten';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`BENCH_POSTGRES_SCHEMA must be a plain identifier, not ${schema}`);
  const url = new URL(postgresUrl);
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  const pg = new Client({ connectionString: postgresUrl });
  await pg.connect();
  try {
    const loadStart = performance.now();
    const existing = values.reuse
      ? Number((await pg.query('SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = $1', [schema])).rows[0].tables)
      : 0;
    let copied = 0;
    if (existing === Object.keys(COPIED).length) {
      await pg.query(`SET search_path TO ${schema}`);
      for (const table of Object.keys(COPIED)) copied += Number((await pg.query(`SELECT count(*) AS rows FROM ${table}`)).rows[0].rows);
      console.log(`PostgreSQL: reusing the copy in ${schema}, ${copied.toLocaleString('en')} rows`);
    } else {
      await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pg.query(`CREATE SCHEMA ${schema}`);
      await pg.query(`SET search_path TO ${schema}`);
      await pg.query(fs.readFileSync(path.join(SQL_DIR, 'schema.sql'), 'utf8'));
      for (const [table, columns] of Object.entries(COPIED)) {
        await warehouse.command({
          query: `INSERT INTO FUNCTION postgresql({host:String}, {database:String}, {table:String}, {user:String}, {password:String}, {schema:String})
                  (${columns.join(', ')}) SELECT ${columns.join(", ")} FROM ${table}`,
          query_params: {
            host: `${url.hostname}:${url.port || '5432'}`, database: url.pathname.slice(1), table, user: decodeURIComponent(url.username || 'postgres'),
            password: decodeURIComponent(url.password), schema,
          },
        });
        copied += Number((await pg.query(`SELECT count(*) AS rows FROM ${table}`)).rows[0].rows);
      }
    }
    const loadedAt = performance.now();
    if (existing !== Object.keys(COPIED).length) {
      await pg.query(fs.readFileSync(path.join(SQL_DIR, 'indexes.sql'), 'utf8'));
      console.log(`PostgreSQL: ${copied.toLocaleString('en')} rows copied in ${((loadedAt - loadStart) / 1000).toFixed(1)} s, indexed in ${((performance.now() - loadedAt) / 1000).toFixed(1)} s`);
    }
    const indexedAt = performance.now();

    const reader = warehouseReader(warehouse, 60);
    const [county] = await queryRows<{ county_code: string }>(
      warehouse, 'SELECT county_code FROM enterprises GROUP BY county_code ORDER BY count() DESC, county_code LIMIT 1',
    );
    const city = `${county.county_code.slice(0, 4)}00`;
    const province = regionByCode(PROVINCE_CODE)!;
    const industries = [...HIGH_RISK_INDUSTRIES];
    // The frequencies in force at the end of the year, as the API judges them; bench/postgres/indicators.sql,
    // written by hand as a DBA would, spells the same values.
    const yearEnd = `${YEAR}-12-31`;
    const frequency = {
      coal: Number(RULEBOOK.ruleInForce('service_frequency_coal', yearEnd)?.value ?? 0),
      largeMedium: Number(RULEBOOK.ruleInForce('service_frequency_large_medium', yearEnd)?.value ?? 0),
    };
    const statements = indicatorSql();
    const yearStart = `${YEAR}-01-01`;
    const nextYear = `${YEAR + 1}-01-01`;
    const indicators: Array<{ name: string; engine: () => Promise<unknown[]>; graphql: string; postgres: [string, unknown[]] }> = [
      {
        name: 'coverage, province with its cities',
        engine: () => coverageByCountyAndIndustry(reader, { region: province, asOf: AS_OF, industries }),
        graphql: `{ coverage(asOf: "${AS_OF}") { mandatory insured rate children { region { name } rate } } }`,
        postgres: ['coverage_province', [AS_OF]],
      },
      {
        name: 'coverage, one city with its counties',
        engine: () => coverageByCountyAndIndustry(reader, { region: regionByCode(city)!, asOf: AS_OF, industries }),
        graphql: `{ coverage(region: "${city}", asOf: "${AS_OF}") { mandatory insured rate children { rate } } }`,
        postgres: ['coverage_city', [AS_OF, city]],
      },
      {
        name: 'uninsured list, one county, 50 rows',
        engine: () => uninsuredPage(reader, {
          region: regionByCode(county.county_code)!, asOf: AS_OF, industries, sort: 'NAME', direction: 'ASC', limit: 50, offset: 0,
        }),
        graphql: `{ uninsured(region: "${county.county_code}", asOf: "${AS_OF}") { total items { id name lastPolicyEnd } } }`,
        postgres: ['uninsured_county', [AS_OF, county.county_code]],
      },
      {
        name: 'fee ratio per insurer, a year',
        engine: () => insurerFees(reader, { year: YEAR, region: province, insurerId: null, rules: { floorPercent: '15', capPercent: '21' } }),
        graphql: `{ feeRatios(year: ${YEAR}) { insurer { name } premiumReceived preventionSpending ratio compliant } }`,
        postgres: ['fee_ratio_insurers', [yearStart, nextYear]],
      },
      {
        name: 'service frequency, province, a year',
        engine: () => serviceComplianceByCounty(reader, { year: YEAR, region: province, insurerId: null, rules: frequency }),
        graphql: `{ serviceCompliance(year: ${YEAR}) { required compliant exempt rate children { rate } } }`,
        postgres: ['service_frequency_province', [yearStart, `${YEAR}-12-31`]],
      },
      {
        name: 'first service within 3 months, by insurer',
        engine: () => firstServiceByInsurer(reader, { region: province, asOf: FIRST_SERVICE_AS_OF, year: YEAR, insurerId: null, rulebook: RULEBOOK }),
        graphql: `{ firstService(year: ${YEAR}, asOf: "${FIRST_SERVICE_AS_OF}") { judged onTime late missing rate byInsurer { rate } } }`,
        postgres: ['first_service_insurers', [yearStart, nextYear, FIRST_SERVICE_AS_OF]],
      },
    ];

    await addUser(platform, { username: 'bench', password: 'bench-password', role: 'province' });
    const server = await startServer({ ...config, api: { ...config.api, port: 0 } }, { platform, warehouse });
    try {
      const post = async (body: unknown, token?: string): Promise<any> => {
        const response = await fetch(server.url, {
          method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
        });
        return response.json();
      };
      const token: string = (await post({ query: 'mutation { login(username: "bench", password: "bench-password") { token } }' })).data.login.token;
      const results: IndicatorResult[] = [];
      for (const indicator of indicators) {
        const sql = statements.get(indicator.postgres[0]);
        if (!sql) throw new Error(`indicators.sql has no statement ${indicator.postgres[0]}`);
        const engineRows = (await indicator.engine()).length;
        const postgresRows = (await pg.query(sql, indicator.postgres[1])).rowCount ?? 0;
        const first = await post({ query: indicator.graphql }, token);
        if (first.errors) throw new Error(`${indicator.name}: ${JSON.stringify(first.errors)}`);
        const engine = await timed(runs, indicator.engine);
        const api = await timed(runs, async () => {
          server.cache.invalidate();
          await post({ query: indicator.graphql }, token);
        });
        const postgres = await timed(runs, () => pg.query(sql, indicator.postgres[1]));
        results.push({ indicator: indicator.name, engine, api, postgres, rows: { engine: engineRows, postgres: postgresRows } });
        console.log(`${indicator.name}: engine ${engine.p50} ms, API ${api.p50} ms, PostgreSQL ${postgres.p50} ms (p50; rows ${engineRows} / ${postgresRows})`);
      }
      const result = { rowsCopied: copied, copySeconds: (loadedAt - loadStart) / 1000, indexSeconds: (indexedAt - loadedAt) / 1000, runs, indicators: results };
      if (values.out) fs.writeFileSync(values.out, JSON.stringify(result, null, 2));
    } finally {
      await server.close();
    }
  } finally {
    await pg.end();
    await warehouse.close();
    await platform.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
