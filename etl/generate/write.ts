/**
 * The generator's two destinations: the platform database and a folder of exchange-format CSV files.
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { upsertRows } from '../../platform/store';
import { PLATFORM_TABLES } from '../../platform/tables';
import { CsvFolderWriter } from './csv';
import { DEMO_TABLES, DemoDataset, type DemoBatch, type DemoTable } from './dataset';
import type { GenerateOptions } from './options';
import { SummaryCounter, type GenerateSummary } from './summary';

/** Rows gathered before they are written, tables in reference order. */
const FLUSH_ROWS = 50_000;

export interface GenerateProgress {
  enterprisesDone: number;
  enterprisesPlanned: number;
}

export interface DatabaseGenerateOptions extends GenerateOptions {
  /**
   * Delete the ten tables' rows first. Without it rows are upserted by id: the same seed again
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

/** Writes the demo dataset into the platform database (migrated, e.g. by openPlatformDb). */
export async function generateToDatabase(dataSource: DataSource, options: DatabaseGenerateOptions): Promise<GenerateSummary> {
  const dataset = new DemoDataset(options);
  const summary = new SummaryCounter(dataset.options, `platform database (${dataSource.options.type})`);
  const progress = progressTracker(dataset, options.onProgress);
  if (options.replace) {
    await dataSource.transaction(async (manager) => {
      for (const table of [...DEMO_TABLES].reverse()) await manager.createQueryBuilder().delete().from(PLATFORM_TABLES[table].entity).execute();
    });
  }
  // One updated_at for the whole run: the ETL then sees it as one change.
  const stamp = Date.now();
  // Small counties make small batches; gathering them saves a transaction per batch on the servers.
  const pending = new Map<DemoTable, ObjectLiteral[]>(DEMO_TABLES.map((table) => [table, []]));
  let pendingRows = 0;
  const flush = async (): Promise<void> => {
    for (const table of DEMO_TABLES) {
      const rows = pending.get(table) ?? [];
      if (rows.length === 0) continue;
      const entity: EntityTarget<ObjectLiteral & { updatedAt: number }> = PLATFORM_TABLES[table].entity;
      await upsertRows(dataSource, entity, rows, stamp);
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

/** Writes the demo dataset as the ten exchange-format CSV files of docs/definitions.md into `folder`. */
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
