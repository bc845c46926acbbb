/**
 * The demo data generator writing into a real SQLite platform database: what is stored is exactly what
 * the generator yields (read back through TypeORM), row counts and premium totals match, and a second
 * run with the same seed rewrites the same rows.
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { DEMO_TABLES, generateDemoBatches, generateToDatabase, type DemoTable, type GenerateOptions } from '../../etl/generate';
import { openPlatformDb } from '../../platform/data-source';
import type { PolicyRow } from '../../platform/entities';
import { PLATFORM_TABLES } from '../../platform/tables';
import { makeTestEnv, type TestEnv } from '../support/env';

const entityOf = (table: DemoTable): EntityTarget<ObjectLiteral> => PLATFORM_TABLES[table].entity;

const TINY: GenerateOptions = { seed: 7, scale: 'tiny', years: { from: 2023, to: 2025 } };
const SHANXI: GenerateOptions = { seed: 42, scale: 'shanxi', years: { from: 2022, to: 2025 } };

/** The row's key fields, as the table's description names them. */
function keyOf(table: DemoTable, row: ObjectLiteral): string {
  const { key, columns } = PLATFORM_TABLES[table];
  return columns.filter((column) => key.includes(column.column)).map((column) => String(row[column.field])).join('|');
}

function generatedRows(options: GenerateOptions): Map<DemoTable, ObjectLiteral[]> {
  const tables = new Map<DemoTable, ObjectLiteral[]>(DEMO_TABLES.map((table) => [table, []]));
  for (const batch of generateDemoBatches(options)) tables.get(batch.table)?.push(...batch.rows);
  return tables;
}

async function storedRows(dataSource: DataSource, table: DemoTable): Promise<ObjectLiteral[]> {
  return dataSource.getRepository(entityOf(table)).find();
}

async function count(dataSource: DataSource, table: DemoTable): Promise<number> {
  return dataSource.getRepository(entityOf(table)).count();
}

let env: TestEnv;
let dataSource: DataSource;

beforeAll(async () => {
  env = makeTestEnv('generate-db');
  dataSource = await openPlatformDb(env.config.platform);
});

afterAll(async () => {
  await dataSource?.destroy();
  env?.remove();
});

test('the platform database stores exactly the rows the generator yields', async () => {
  const summary = await generateToDatabase(dataSource, TINY);
  const expected = generatedRows(TINY);
  for (const table of DEMO_TABLES) {
    const rows = await storedRows(dataSource, table);
    const stamps = new Set(rows.map((row) => row.updatedAt));
    expect(stamps.size).toBe(1);
    const withoutStamp = rows.map(({ updatedAt, ...rest }) => rest).sort((a, b) => keyOf(table, a).localeCompare(keyOf(table, b)));
    const wanted = [...(expected.get(table) ?? [])].sort((a, b) => keyOf(table, a).localeCompare(keyOf(table, b)));
    expect(withoutStamp.length).toBeGreaterThan(0);
    expect(withoutStamp).toEqual(wanted);
    expect(summary.rows[table]).toBe(wanted.length);
  }
});

test('shanxi scale replaces the tiny dataset: row counts and premium totals match the generator', async () => {
  const summary = await generateToDatabase(dataSource, { ...SHANXI, replace: true });
  const expected = generatedRows(SHANXI);
  for (const table of DEMO_TABLES) {
    expect(await count(dataSource, table)).toBe(expected.get(table)?.length);
    expect(summary.rows[table]).toBe(expected.get(table)?.length);
  }
  const [{ premium, received }] = await dataSource.query(
    'SELECT SUM(premium_fen) AS premium, SUM(premium_received_fen) AS received FROM policies',
  );
  const policies = expected.get('policies') as PolicyRow[];
  expect(Number(premium)).toBe(policies.reduce((sum, p) => sum + p.premiumFen, 0));
  expect(Number(received)).toBe(policies.reduce((sum, p) => sum + p.premiumReceivedFen, 0));
  expect(summary.premium).toMatch(/^\d+\.\d{2}$/);
  expect(Math.round(Number(summary.premium) * 100)).toBe(Number(premium));
});

test('the same seed again rewrites the same rows without duplicating them', async () => {
  const before = await Promise.all(DEMO_TABLES.map((table) => count(dataSource, table)));
  await generateToDatabase(dataSource, SHANXI);
  const after = await Promise.all(DEMO_TABLES.map((table) => count(dataSource, table)));
  expect(after).toEqual(before);
});
