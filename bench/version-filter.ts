/**
 * What the views' version filter costs, statement by statement: each judgement query of
 * bench/queries.ts is sent through the API (answers cache emptied) to capture its statements, then
 * each statement is timed on the engine, the variants alternating within every round, with each
 * versioned table it reads as
 *   - view: the table's view (schema version 7: the run's condition in PREWHERE, superseded versions
 *     hidden by version number);
 *   - numbers in WHERE: the same filter with both conditions in the WHERE, so that the optimizer moves
 *     the set test into the PREWHERE;
 *   - tuples: the filter of schema versions 2–6, `(key…, etl_run) NOT IN` a set of key and run tuples;
 *   - store: the store with no filter at all (every version, superseded or not), the floor.
 * The view's and the tuples' answers are compared. The two other filters are views the benchmark
 * creates (`bench_<variant>_<table>`) and drops again.
 *
 *   npm run build && DATA_DIR=<a warehouse at schema version 7> node dist/bench/version-filter.js [--rounds 7] [--only <pattern>]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { queryRows, type Warehouse } from '../warehouse/client';
import { PUBLISHED_RUN } from '../warehouse/migrate';
import { DATA_TABLES, DERIVED_TABLES, RUN_COLUMN, VERSION_ID_COLUMN, storeTableName, supersededTableName, type WarehouseTable } from '../warehouse/schema';
import { openCapturingApi, type Statement } from './captured-statements';
import { percentile } from './percentile';
import { QUERIES } from './queries';

const VERSIONED = [...DATA_TABLES, ...DERIVED_TABLES];

/** The rows of a table as the views of schema versions 2–6 showed them. */
function tupleFilter(table: WarehouseTable): string {
  const keys = table.key.join(', ');
  return `SELECT ${table.columns.map(([name]) => name).join(', ')} FROM ${storeTableName(table)} WHERE ${RUN_COLUMN} <= ${PUBLISHED_RUN} ` +
    `AND (${keys}, ${RUN_COLUMN}) NOT IN (SELECT ${keys}, superseded_run FROM ${supersededTableName(table)} WHERE by_run <= ${PUBLISHED_RUN})`;
}

/** Version 7's filter with both conditions in the WHERE. */
function numbersInWhere(table: WarehouseTable): string {
  return `SELECT ${table.columns.map(([name]) => name).join(', ')} FROM ${storeTableName(table)} WHERE ${RUN_COLUMN} <= ${PUBLISHED_RUN} ` +
    `AND ${VERSION_ID_COLUMN} NOT IN (SELECT ${VERSION_ID_COLUMN} FROM ${supersededTableName(table)} WHERE by_run <= ${PUBLISHED_RUN})`;
}

const VARIANTS: Record<string, ((table: WarehouseTable) => string) | null> = {
  view: null,
  'numbers in WHERE': numbersInWhere,
  tuples: tupleFilter,
  store: (table) => storeTableName(table),
};

/** The statement with each versioned table it reads replaced by the variant's relation. */
function rewrite(statement: string, variant: string): string {
  if (variant === 'view') return statement;
  return VERSIONED.reduce((text, table) => text.replace(
    new RegExp(`\\b(FROM|JOIN)\\s+${table.name}\\b`, 'g'),
    (_match, keyword: string) => `${keyword} ${variant === 'store' ? storeTableName(table) : `bench_${variant.replace(/\W/g, '_')}_${table.name}`}`,
  ), statement);
}

async function time(warehouse: Warehouse, statement: Statement): Promise<{ ms: number; answer: string }> {
  const start = performance.now();
  const rows = await queryRows<Record<string, unknown>>(warehouse, statement.sql, statement.params);
  const ms = performance.now() - start;
  return { ms, answer: JSON.stringify(rows.map((row) => JSON.stringify(row)).sort()) };
}

const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, only: { type: 'string' } } });
  const rounds = Number(values.rounds);
  const only = new RegExp(values.only ?? '^(serviceCompliance|firstService|deathLimitCompliance)$');
  const { warehouse, server, capture, close } = await openCapturingApi();
  const created: string[] = [];
  try {
    for (const table of VERSIONED) {
      const [records] = await queryRows<{ rows: number; published: number }>(
        warehouse, `SELECT count() AS rows, ${PUBLISHED_RUN} AS published FROM ${supersededTableName(table)} WHERE by_run <= ${PUBLISHED_RUN}`,
      );
      if (Number(records.rows) > 0) console.log(`${table.name}: ${Number(records.rows).toLocaleString('en')} supersession records up to run ${records.published}`);
      for (const [variant, relation] of Object.entries(VARIANTS)) {
        if (relation === null || variant === 'store') continue;
        const name = `bench_${variant.replace(/\W/g, '_')}_${table.name}`;
        await warehouse.command({ query: `CREATE OR REPLACE VIEW ${name} AS ${relation(table)}` });
        created.push(name);
      }
    }
    const statements: Array<{ query: string; statement: Statement }> = [
      { query: 'fixed cost', statement: { sql: 'SELECT 1', params: {} } },
      { query: 'published run', statement: { sql: `SELECT ${PUBLISHED_RUN} AS run`, params: {} } },
    ];
    for (const [name, query] of Object.entries(QUERIES)) {
      if (!only.test(name)) continue;
      server.cache.invalidate();
      statements.push(...(await capture(name, query)).map((statement) => ({ query: name, statement })));
    }
    const times = statements.map(() => Object.fromEntries(Object.keys(VARIANTS).map((variant) => [variant, [] as number[]])));
    console.log(`\n${statements.length} statements, ${rounds} rounds; load average before: ${load()}`);
    for (let round = 0; round < rounds; round += 1) {
      // The variants' order turns with the round, so that none always runs first.
      const order = Object.keys(VARIANTS).map((_, index, names) => names[(index + round) % names.length]);
      for (const [index, { statement }] of statements.entries()) {
        const answers: Record<string, string> = {};
        for (const variant of order) {
          const result = await time(warehouse, { sql: rewrite(statement.sql, variant), params: statement.params });
          times[index][variant].push(result.ms);
          answers[variant] = result.answer;
        }
        if (answers.view !== answers.tuples) throw new Error(`the view and the tuples' filter answer differently: ${statement.sql}`);
      }
      console.log(`round ${round + 1}: load average ${load()}`);
    }
    console.log(`\nmedian ms of ${rounds} rounds; load average after: ${load()}`);
    console.log(['query', ...Object.keys(VARIANTS), 'statement'].join(' | '));
    for (const [index, { query, statement }] of statements.entries()) {
      const medians = Object.keys(VARIANTS).map((variant) => percentile([...times[index][variant]].sort((a, b) => a - b), 50).toFixed(1));
      console.log([query, ...medians, statement.sql.replace(/\s+/g, ' ').trim().slice(0, 90)].join(' | '));
    }
  } finally {
    for (const name of created) await warehouse.command({ query: `DROP VIEW IF EXISTS ${name}` });
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
