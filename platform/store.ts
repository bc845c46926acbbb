/**
 * Writes to the platform database. Every write goes through here so that `updated_at` is set on each
 * one, which is what the ETL's incremental extraction relies on. Re-sending a row updates it.
 *
 * The SQL is built once per table from the entity metadata, with TypeORM's own value conversion
 * (transformers, booleans), instead of through the query builder: building queries row by row was
 * most of the time of an import. SQLite runs one prepared upsert per row inside a transaction;
 * PostgreSQL and MySQL take multi-row INSERTs with their own upsert clause.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Bound parameters per multi-row INSERT: under PostgreSQL's and MySQL's limit of 65535. */
const MAX_PARAMETERS = 60_000;
/** Rows per SQLite transaction. */
const SQLITE_BATCH_ROWS = 5_000;

export type Unstamped<Row> = Omit<Row, 'updatedAt'>;

interface UpsertPlan {
  table: string;
  columns: ColumnMetadata[];
  keys: string[];
  updates: string[];
}

function plan(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): UpsertPlan {
  const metadata = dataSource.getMetadata(entity);
  const quote = (name: string): string => dataSource.driver.escape(name);
  return {
    table: quote(metadata.tableName),
    columns: metadata.columns,
    keys: metadata.primaryColumns.map((column) => quote(column.databaseName)),
    updates: metadata.columns.filter((column) => !column.isPrimary).map((column) => quote(column.databaseName)),
  };
}

function values(dataSource: DataSource, columns: ColumnMetadata[], row: ObjectLiteral, now: number): unknown[] {
  return columns.map((column) =>
    dataSource.driver.preparePersistentValue(column.propertyName === 'updatedAt' ? now : row[column.propertyName], column));
}

const sqliteStatements = new WeakMap<Database, Map<string, Statement>>();

function upsertSqlite(dataSource: DataSource, upsert: UpsertPlan, rows: ReadonlyArray<ObjectLiteral>, now: number): void {
  const database = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  let statements = sqliteStatements.get(database);
  if (!statements) sqliteStatements.set(database, (statements = new Map()));
  let statement = statements.get(upsert.table);
  if (!statement) {
    const names = upsert.columns.map((column) => dataSource.driver.escape(column.databaseName));
    statement = database.prepare(
      `INSERT INTO ${upsert.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ` +
        `ON CONFLICT (${upsert.keys.join(', ')}) DO UPDATE SET ${upsert.updates.map((name) => `${name} = excluded.${name}`).join(', ')}`,
    );
    statements.set(upsert.table, statement);
  }
  const prepared = statement;
  const writeBatch = database.transaction((batch: ReadonlyArray<ObjectLiteral>) => {
    for (const row of batch) prepared.run(values(dataSource, upsert.columns, row, now));
  });
  for (let start = 0; start < rows.length; start += SQLITE_BATCH_ROWS) writeBatch(rows.slice(start, start + SQLITE_BATCH_ROWS));
}

async function upsertServer(dataSource: DataSource, upsert: UpsertPlan, rows: ReadonlyArray<ObjectLiteral>, now: number): Promise<void> {
  const postgres = dataSource.options.type === 'postgres';
  const names = upsert.columns.map((column) => dataSource.driver.escape(column.databaseName));
  const conflict = postgres
    ? `ON CONFLICT (${upsert.keys.join(', ')}) DO UPDATE SET ${upsert.updates.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`
    : `ON DUPLICATE KEY UPDATE ${upsert.updates.map((name) => `${name} = VALUES(${name})`).join(', ')}`;
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const batch = rows.slice(start, start + rowsPerStatement);
      const parameters: unknown[] = [];
      const tuples = batch.map((row) => {
        const first = parameters.length;
        parameters.push(...values(dataSource, upsert.columns, row, now));
        const placeholders = names.map((_, i) => (postgres ? `$${first + i + 1}` : '?'));
        return `(${placeholders.join(', ')})`;
      });
      await manager.query(`INSERT INTO ${upsert.table} (${names.join(', ')}) VALUES ${tuples.join(', ')} ${conflict}`, parameters);
    }
  });
}

/** Inserts or updates rows by primary key, stamping them with one `updated_at` for the whole call. */
export async function upsertRows<Row extends ObjectLiteral & { updatedAt: number }>(
  dataSource: DataSource,
  entity: EntityTarget<Row>,
  rows: ReadonlyArray<Unstamped<Row>>,
  now: number = Date.now(),
): Promise<void> {
  if (rows.length === 0) return;
  const upsert = plan(dataSource, entity as EntityTarget<ObjectLiteral>);
  if (dataSource.options.type === 'better-sqlite3') upsertSqlite(dataSource, upsert, rows, now);
  else await upsertServer(dataSource, upsert, rows, now);
}
