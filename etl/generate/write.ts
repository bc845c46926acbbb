/**
 * The generator's two destinations: the platform database and a folder of exchange-format CSV files.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import {
  ClaimRow, EnterpriseRow, FeeLedgerRow, InsurerRow, PolicyRow, PolicyShareRow, ProviderRow, ServiceRow,
} from '../platform/entities';
import { upsertRows } from '../platform/store';
import { CsvFolderWriter } from './csv';
import { DEMO_TABLES, DemoDataset, type DemoBatch, type DemoTable } from './dataset';
import type { GenerateOptions } from './options';
import { SummaryCounter, type GenerateSummary } from './summary';

const ENTITIES: Record<DemoTable, EntityTarget<ObjectLiteral & { updatedAt: number }>> = {
  insurers: InsurerRow,
  providers: ProviderRow,
  enterprises: EnterpriseRow,
  policies: PolicyRow,
  policy_shares: PolicyShareRow,
  services: ServiceRow,
  claims: ClaimRow,
  fee_ledger: FeeLedgerRow,
};

/** Rows gathered before they are written, tables in reference order. */
const FLUSH_ROWS = 50_000;

export interface GenerateProgress {
  enterprisesDone: number;
  enterprisesPlanned: number;
}

export interface DatabaseGenerateOptions extends GenerateOptions {
  /**
   * Delete the eight tables' rows first. Without it rows are upserted by id: the same seed again
   * rewrites the same rows, while rows of an earlier, larger dataset would stay.
   */
  replace?: boolean;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface CsvGenerateOptions extends GenerateOptions {
  onProgress?: (progress: GenerateProgress) => void;
}

function progressTracker(dataset: DemoDataset, onProgress?: (progress: GenerateProgress) => void): (batch: DemoBatch) => void {
  let enterprisesDone = 0;
  const enterprisesPlanned = dataset.plannedEnterprises;
  return (batch) => {
    if (batch.table !== 'enterprises' || !onProgress) return;
    enterprisesDone += batch.rows.length;
    onProgress({ enterprisesDone, enterprisesPlanned });
  };
}

/**
 * SQLite only: one prepared upsert per table, run row by row inside a transaction per batch. It writes
 * what upsertRows writes (same columns, TypeORM's own value conversion, one updated_at stamp) without
 * building SQL text per batch: about twice as fast here, which brings the national scale under five
 * minutes. PostgreSQL and MySQL go through upsertRows.
 */
class SqliteBatchWriter {
  private readonly database: Database;
  private readonly prepared = new Map<DemoTable, { statement: Statement; columns: ColumnMetadata[] }>();

  constructor(private readonly dataSource: DataSource) {
    this.database = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  }

  write(table: DemoTable, rows: ReadonlyArray<ObjectLiteral>, stamp: number): void {
    const { statement, columns } = this.statementFor(table);
    const driver = this.dataSource.driver;
    const insertAll = this.database.transaction((batch: ReadonlyArray<ObjectLiteral>) => {
      for (const row of batch) {
        statement.run(columns.map((column) => driver.preparePersistentValue(
          column.propertyName === 'updatedAt' ? stamp : row[column.propertyName], column,
        )));
      }
    });
    insertAll(rows);
  }

  private statementFor(table: DemoTable): { statement: Statement; columns: ColumnMetadata[] } {
    let prepared = this.prepared.get(table);
    if (!prepared) {
      const metadata = this.dataSource.getMetadata(ENTITIES[table]);
      const quote = (name: string): string => this.dataSource.driver.escape(name);
      const columns = metadata.columns;
      const keys = metadata.primaryColumns.map((column) => quote(column.databaseName));
      const updates = columns.filter((column) => !column.isPrimary).map((column) => `${quote(column.databaseName)} = excluded.${quote(column.databaseName)}`);
      const sql = `INSERT INTO ${quote(metadata.tableName)} (${columns.map((column) => quote(column.databaseName)).join(', ')}) ` +
        `VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
      prepared = { statement: this.database.prepare(sql), columns };
      this.prepared.set(table, prepared);
    }
    return prepared;
  }
}

/** Writes the demo dataset into the platform database (migrated, e.g. by openPlatformDb). */
export async function generateToDatabase(dataSource: DataSource, options: DatabaseGenerateOptions): Promise<GenerateSummary> {
  const dataset = new DemoDataset(options);
  const summary = new SummaryCounter(dataset.options, `platform database (${dataSource.options.type})`);
  const progress = progressTracker(dataset, options.onProgress);
  if (options.replace) {
    await dataSource.transaction(async (manager) => {
      for (const table of [...DEMO_TABLES].reverse()) await manager.createQueryBuilder().delete().from(ENTITIES[table]).execute();
    });
  }
  // One updated_at for the whole run: the ETL then sees it as one change.
  const stamp = Date.now();
  const sqlite = dataSource.options.type === 'better-sqlite3' ? new SqliteBatchWriter(dataSource) : undefined;
  // Small counties make small batches; gathering them saves a transaction per batch on the servers.
  const pending = new Map<DemoTable, ObjectLiteral[]>(DEMO_TABLES.map((table) => [table, []]));
  let pendingRows = 0;
  const flush = async (): Promise<void> => {
    for (const table of DEMO_TABLES) {
      const rows = pending.get(table) ?? [];
      if (rows.length === 0) continue;
      if (sqlite) sqlite.write(table, rows, stamp);
      else await upsertRows(dataSource, ENTITIES[table], rows, stamp);
      pending.set(table, []);
    }
    pendingRows = 0;
  };
  for (const batch of dataset.batches()) {
    const rows = pending.get(batch.table) ?? [];
    for (const row of batch.rows) rows.push(row);
    pending.set(batch.table, rows);
    pendingRows += batch.rows.length;
    summary.add(batch);
    progress(batch);
    if (pendingRows >= FLUSH_ROWS) await flush();
  }
  await flush();
  return summary.finish();
}

/** Writes the demo dataset as the eight exchange-format CSV files of DOMAIN.md into `folder`. */
export async function generateToCsv(folder: string, options: CsvGenerateOptions): Promise<GenerateSummary> {
  const dataset = new DemoDataset(options);
  const summary = new SummaryCounter(dataset.options, folder);
  const progress = progressTracker(dataset, options.onProgress);
  const writer = new CsvFolderWriter(folder);
  try {
    for (const batch of dataset.batches()) {
      writer.write(batch.table, batch.rows as never);
      summary.add(batch);
      progress(batch);
    }
  } finally {
    writer.close();
  }
  return summary.finish();
}
