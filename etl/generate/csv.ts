/**
 * The exchange format of docs/definitions.md, written: one UTF-8 file per table, header row first, dates
 * YYYY-MM-DD, money as plain decimals with two places, booleans true/false, null as an empty cell.
 *
 * Unlike rejects.csv and the dashboard's export (domain/spreadsheet-cell.ts), cells are written
 * exactly: these files are read back by `npm run import`, where an apostrophe before a value would
 * become part of it. The generator only writes its own names, codes and non-negative amounts, never
 * a cell a spreadsheet would take for a formula (test/etl/spreadsheet-cells.test.ts checks it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatHundredths } from '../../domain/money';
import { PLATFORM_TABLE_LIST, type ValueKind } from '../../platform/tables';
import type { DemoRows, DemoTable } from './dataset';

type Cell = string | number | boolean | null;

interface CsvFile<T extends DemoTable> {
  file: string;
  columns: ReadonlyArray<readonly [string, (row: DemoRows[T]) => Cell]>;
}

/** Money in fen and shares in hundredths are written as decimals with two places; the rest as they are. */
function cellOf(value: ValueKind, field: string): (row: Record<string, unknown>) => Cell {
  if (value.kind === 'money' || value.kind === 'share') {
    return (row) => (row[field] === null ? null : formatHundredths(row[field] as number));
  }
  return (row) => row[field] as Cell;
}

/** Each table's file, its columns in the order of the description (docs/definitions.md's). */
export const CSV_FILES = Object.fromEntries(PLATFORM_TABLE_LIST.map((table) => [table.name, {
  file: `${table.name}.csv`,
  columns: table.columns.map((column) => [column.column, cellOf(column.value, column.field)] as const),
}])) as unknown as { [T in DemoTable]: CsvFile<T> };

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(table: DemoTable): string {
  return `${CSV_FILES[table].columns.map(([name]) => csvField(name)).join(',')}\n`;
}

export function csvLines<T extends DemoTable>(table: T, rows: ReadonlyArray<DemoRows[T]>): string {
  const columns = (CSV_FILES[table] as CsvFile<T>).columns;
  let text = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i += 1) {
      if (i > 0) line += ',';
      line += csvField(columns[i][1](row));
    }
    text += `${line}\n`;
  }
  return text;
}

/** Opens the ten files of a folder, each with its header, and appends batches to them. */
export class CsvFolderWriter {
  private readonly descriptors = new Map<DemoTable, number>();

  constructor(readonly folder: string) {
    fs.mkdirSync(folder, { recursive: true });
    for (const table of Object.keys(CSV_FILES) as DemoTable[]) {
      const descriptor = fs.openSync(path.join(folder, CSV_FILES[table].file), 'w');
      this.descriptors.set(table, descriptor);
      fs.writeSync(descriptor, csvHeader(table));
    }
  }

  write<T extends DemoTable>(table: T, rows: ReadonlyArray<DemoRows[T]>): void {
    const descriptor = this.descriptors.get(table);
    if (descriptor === undefined) throw new Error(`CSV writer for ${this.folder} is closed`);
    if (rows.length > 0) fs.writeSync(descriptor, csvLines(table, rows));
  }

  close(): void {
    for (const descriptor of this.descriptors.values()) fs.closeSync(descriptor);
    this.descriptors.clear();
  }
}
