/**
 * Writes to the platform database. Every write goes through here so that `updated_at` is set on each
 * one, which is what the ETL's incremental extraction relies on. Re-sending a row updates it.
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per INSERT: keeps every dialect under its bound-parameter limit (SQLite's is 32766). */
const BATCH_ROWS = 1000;

export type Unstamped<Row> = Omit<Row, 'updatedAt'>;

/** Inserts or updates rows by primary key, stamping them with one `updated_at` for the whole call. */
export async function upsertRows<Row extends ObjectLiteral & { updatedAt: number }>(
  dataSource: DataSource,
  entity: EntityTarget<Row>,
  rows: ReadonlyArray<Unstamped<Row>>,
  now: number = Date.now(),
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = dataSource.getMetadata(entity);
  const keyColumns = metadata.primaryColumns.map((column) => column.databaseName);
  const updateColumns = metadata.columns.filter((column) => !column.isPrimary).map((column) => column.databaseName);
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const batch = rows.slice(start, start + BATCH_ROWS).map((row) => ({ ...row, updatedAt: now }));
      await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(batch as never)
        .orUpdate(updateColumns, keyColumns)
        .updateEntity(false)
        .execute();
    }
  });
}
