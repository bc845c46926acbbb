/**
 * The description of the platform tables (platform/tables.ts) against what else states them: every
 * entity column is described once and every described field is an entity column, the key is the
 * table's primary key under the exchange names, references point to tables earlier in the order,
 * and each warehouse copy carries its platform table's name and key.
 */
import { DataSource } from 'typeorm';
import { PLATFORM_ENTITIES } from '../../platform/entities';
import { PLATFORM_TABLE_LIST, PLATFORM_TABLE_NAMES } from '../../platform/tables';
import { PLATFORM_COPIES } from '../../warehouse/schema';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: PLATFORM_ENTITIES });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
});

test.each(PLATFORM_TABLE_LIST.map((table) => ({ name: table.name, table })))('$name: columns, key and references', ({ name, table }) => {
  const metadata = dataSource.getMetadata(table.entity);
  expect(metadata.tableName).toBe(name);
  const fields: string[] = table.columns.map((column) => column.field);
  expect([...fields].sort()).toEqual(metadata.columns.map((column) => column.propertyName).filter((field) => field !== 'updatedAt').sort());
  expect(new Set(table.columns.map((column) => column.column)).size).toBe(table.columns.length);
  expect([...table.key].sort()).toEqual(metadata.primaryColumns.map((column) => column.databaseName).sort());
  for (const column of table.columns) {
    const entityColumn = metadata.columns.find((candidate) => candidate.propertyName === column.field)!;
    expect({ column: column.column, nullable: entityColumn.isNullable }).toEqual({ column: column.column, nullable: !column.required });
    if (column.references) expect(PLATFORM_TABLE_NAMES.indexOf(column.references)).toBeLessThan(PLATFORM_TABLE_NAMES.indexOf(name));
  }
  expect(PLATFORM_COPIES[name]).toMatchObject({ name, key: table.key });
});
