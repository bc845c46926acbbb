/**
 * The files of the CSV exchange format as the import reads them: the platform tables' description
 * (platform/tables.ts), each column with the reader its kind of value takes.
 */
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { PLATFORM_TABLE_LIST, PLATFORM_TABLE_NAMES, type PlatformTableName, type ValueKind } from '../../platform/tables';
import {
  boolean, CellReader, count, countyCode, date, identifier, money, oneOf, sharePercent, text, uscc, year,
} from './cells';

/** In the order they are imported: a file comes after every file it refers to. */
export const FILE_NAMES = PLATFORM_TABLE_NAMES;
export type FileName = PlatformTableName;

export interface ColumnSpec {
  column: string;
  field: string;
  read: CellReader;
  required: boolean;
  /** The file whose ids the column points at. */
  references?: FileName;
}

export interface FileSpec {
  name: FileName;
  entity: EntityTarget<ObjectLiteral & { updatedAt: number }>;
  /** One row in messages. */
  noun: string;
  columns: ColumnSpec[];
  /** The columns that identify a row: a second row with the same values in one file is a duplicate. */
  key: string[];
}

/** Matches the varchar(64) id columns of the platform schema. */
const ID = identifier(64);

function readerOf(value: ValueKind): CellReader {
  switch (value.kind) {
    case 'id': return ID;
    case 'text': return text(value.maxLength);
    case 'enum': return oneOf(value.what, value.values, value.emptyMeans);
    case 'county': return countyCode;
    case 'uscc': return uscc;
    case 'date': return date;
    case 'year': return year;
    case 'money': return money;
    case 'count': return count;
    case 'share': return sharePercent;
    case 'boolean': return boolean;
  }
}

export const FILE_SPECS = Object.fromEntries(PLATFORM_TABLE_LIST.map((table): [FileName, FileSpec] => [table.name, {
  name: table.name,
  entity: table.entity,
  noun: table.noun,
  key: table.key,
  columns: table.columns.map((column) => ({
    column: column.column, field: column.field, read: readerOf(column.value), required: column.required, references: column.references,
  })),
}])) as Record<FileName, FileSpec>;

/** The files whose rows other files refer to, by `id`. */
export const REFERENCED_FILES: ReadonlySet<FileName> = new Set(
  PLATFORM_TABLE_LIST.flatMap((table) => table.columns.flatMap((column) => (column.references ? [column.references] : []))),
);
