/**
 * An uploaded .xlsx (most submitters work in Excel) read into the CSV text of the exchange format, so
 * that it goes through exactly the rules a CSV file does: each sheet row becomes one record, cells as
 * the spreadsheet shows them (numbers as written, dates YYYY-MM-DD, true/false), nothing trimmed.
 * A formula cell gives the value Excel computed and saved with it; one saved without its value is
 * empty. Only the first sheet is read (a template's second sheet is its notes).
 */
import fs from 'node:fs';
import { unzipSync } from 'fflate';

// The package's types are those of its ES module; its CommonJS build, which this program loads, has the same exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } });

export class SpreadsheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

export interface ConvertedSheet {
  /** The sheet row of each CSV line that starts a record, where they differ (a cell holding a line break). */
  sheetRowOfLine: Map<number, number>;
}

/** Parts of a workbook beyond which it is not a spreadsheet of the exchange format but an archive. */
const MAX_ENTRIES = 1000;

/**
 * Checks the archive's own directory before anything is unpacked: a small file that unpacks to
 * gigabytes (a "zip bomb") is refused by what it declares, and then read by a reader that streams.
 */
function checkArchive(bytes: Buffer, maxUnpackedBytes: number): void {
  let unpacked = 0;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        entries += 1;
        unpacked += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw new SpreadsheetError('the file is not an .xlsx workbook (not a readable zip archive); save it from Excel as .xlsx, or send CSV');
  }
  if (entries > MAX_ENTRIES) throw new SpreadsheetError(`the workbook holds ${entries} parts, more than ${MAX_ENTRIES}; it is not an exchange-format sheet`);
  if (unpacked > maxUnpackedBytes) {
    throw new SpreadsheetError(`the workbook unpacks to ${unpacked} bytes, more than the ${maxUnpackedBytes} allowed; send fewer rows at a time, or CSV`);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function xlsxToCsv(source: string, target: string, maxUnpackedBytes: number): Promise<ConvertedSheet> {
  const bytes = await fs.promises.readFile(source);
  checkArchive(bytes, maxUnpackedBytes);
  let rows: unknown[][];
  try {
    rows = await readSheet(bytes, 1, { trim: false });
  } catch (error) {
    throw new SpreadsheetError(`the workbook cannot be read: ${(error as Error).message}`);
  }
  const sheetRowOfLine = new Map<number, number>();
  const lines: string[] = [];
  let line = 1;
  for (const [index, row] of rows.entries()) {
    const texts = row.map(cellText);
    // A row of empty cells stays an empty line: the CSV reader passes over it and the lines stay the sheet's rows.
    const record = texts.every((text) => text === '') ? '' : texts.map(csvCell).join(',');
    if (line !== index + 1) sheetRowOfLine.set(line, index + 1);
    lines.push(record);
    line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
  await fs.promises.writeFile(target, lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`, { encoding: 'utf8', mode: 0o600 });
  return { sheetRowOfLine };
}
