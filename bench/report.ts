/**
 * BENCHMARKS.md and bench.json from the steps' results (bench/run.ts): ETL rows/s and peak memory,
 * every dashboard query with one and with concurrent clients, and the indicator set beside
 * PostgreSQL. `missingCells` lists what a step left empty, for `--quick` to fail on.
 */
import type { IndicatorResult } from './postgres';

export interface EtlResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  derivedByTable?: Record<string, number>;
}

export interface LatencyRow {
  query: string;
  p50: number;
  p95: number;
  cachedP50: number;
  cachedP95: number;
  clients?: number;
  concurrentP50?: number;
  concurrentP95?: number;
  errors?: number;
}

export interface BenchResults {
  scale: string;
  machine: string;
  etl: { full: EtlResult; stream?: EtlResult; incremental: EtlResult & { percent: number; changedInSource: number } };
  latency: { runs: number; peakRssMb: number; queries: LatencyRow[] };
  postgres: { rowsCopied: number; copySeconds: number; indexSeconds: number; runs: number; indicators: IndicatorResult[] };
}

const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '' : value.toFixed(1));
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : '');

function geometricMean(values: number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

export function benchmarksMarkdown(results: BenchResults): string {
  const { etl, latency, postgres } = results;
  const etlRow = (name: string, run: EtlResult | undefined) => run
    ? `| ${name} | ${run.rows.toLocaleString('en')} | ${run.seconds.toFixed(2)} | ${run.rowsPerSecond.toLocaleString('en')} | ${run.peakRssMb} | ${
      Object.entries(run.derivedByTable ?? {}).map(([table, rows]) => `${table} ${rows.toLocaleString('en')}`).join(', ')} |`
    : '';
  const ratios = postgres.indicators.map((indicator) => indicator.postgres.p50 / indicator.engine.p50);
  return [
    `# Benchmarks (${results.scale} scale)`,
    '',
    `Measured by \`npm run bench -- --scale ${results.scale}\` on ${results.machine}. Milliseconds; the answers cache emptied before every`,
    'warehouse request. The machine is shared: numbers of one run compare with each other, not across runs.',
    '',
    '## ETL',
    '',
    '| run | rows | seconds | rows/s | peak RSS MB | judged facts derived |',
    '|---|---:|---:|---:|---:|---|',
    ...[etlRow('full load, pull', etl.full), etlRow('full load, stream', etl.stream)].filter((row) => row !== ''),
    etlRow(`incremental, ${etl.incremental.percent}% of policies and services changed (${etl.incremental.changedInSource.toLocaleString('en')} rows)`, etl.incremental),
    '',
    '## Dashboard queries',
    '',
    `${latency.runs} runs per query; API server peak RSS ${latency.peakRssMb} MB.`,
    '',
    `| query | p50 | p95 | cached p50 | cached p95 | ${latency.queries[0]?.clients ?? 0} clients p50 | ${latency.queries[0]?.clients ?? 0} clients p95 | errors |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...latency.queries.map((row) => `| ${row.query} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.cachedP50)} | ${ms(row.cachedP95)} | ${ms(row.concurrentP50)} | ${ms(row.concurrentP95)} | ${row.errors ?? ''} |`),
    '',
    '## The indicator set against PostgreSQL',
    '',
    `The same rows copied into PostgreSQL (${postgres.rowsCopied.toLocaleString('en')} rows in ${postgres.copySeconds.toFixed(0)} s, indexed in ${postgres.indexSeconds.toFixed(0)} s),`,
    'queried by bench/postgres/indicators.sql with bench/postgres/indexes.sql; "engine" is the warehouse SQL the API runs, timed',
    `without the API; p50 of ${postgres.runs} runs.`,
    '',
    '| indicator | engine | API | API / engine | PostgreSQL | PostgreSQL / engine |',
    '|---|---:|---:|---:|---:|---:|',
    ...postgres.indicators.map((indicator) => `| ${indicator.indicator} | ${ms(indicator.engine.p50)} | ${ms(indicator.api.p50)} | ${
      ratio(indicator.api.p50 / indicator.engine.p50)} | ${ms(indicator.postgres.p50)} | ${ratio(indicator.postgres.p50 / indicator.engine.p50)} |`),
    `| geometric mean | | | | | ${ratio(geometricMean(ratios))} |`,
    '',
  ].join('\n');
}

/** Every number the report shows, with where it came from: those that are not finite are missing. */
export function missingCells(results: BenchResults): string[] {
  const missing: string[] = [];
  const check = (where: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) missing.push(where);
  };
  for (const [name, run] of Object.entries(results.etl)) {
    if (run) for (const field of ['rows', 'seconds', 'rowsPerSecond', 'peakRssMb'] as const) check(`etl ${name} ${field}`, run[field]);
  }
  check('latency peakRssMb', results.latency.peakRssMb);
  for (const row of results.latency.queries) {
    for (const field of ['p50', 'p95', 'cachedP50', 'cachedP95', 'concurrentP50', 'concurrentP95'] as const) check(`${row.query} ${field}`, row[field]);
    if (row.errors !== 0) missing.push(`${row.query}: ${row.errors ?? 'unknown'} failed requests under load`);
  }
  if (results.postgres.indicators.length !== 6) missing.push(`postgres: ${results.postgres.indicators.length} indicators, not 6`);
  for (const indicator of results.postgres.indicators) {
    for (const side of ['engine', 'api', 'postgres'] as const) check(`${indicator.indicator} ${side}`, indicator[side].p50);
    if (indicator.rows.engine !== indicator.rows.postgres) missing.push(`${indicator.indicator}: ${indicator.rows.engine} rows from the warehouse, ${indicator.rows.postgres} from PostgreSQL`);
  }
  return missing;
}
