/**
 * A rejected row (or a refused file) and the rejects.csv that hands them back to the submitter.
 */
import fs from 'node:fs';
import { spreadsheetCsvCell } from '../../domain/spreadsheet-cell';

export interface Reject {
  /** The file name as submitted, e.g. `policies.csv`. */
  file: string;
  /** The CSV line where the row starts; the header is line 1. */
  line: number;
  /** Null when the whole row or file is at fault rather than one cell. */
  column: string | null;
  rule: string;
  message: string;
  value: string | null;
}

export const REJECT_COLUMNS = ['file', 'line', 'column', 'rule', 'message', 'value'] as const;

/** `file:line column rule: message`, one line for the console. */
export function formatReject(reject: Reject): string {
  const where = reject.column === null ? `${reject.file}:${reject.line}` : `${reject.file}:${reject.line} ${reject.column}`;
  const value = reject.value === null ? '' : ` (value: ${JSON.stringify(reject.value)})`;
  return `${where} ${reject.rule}: ${reject.message}${value}`;
}

/**
 * Writes the rejects as a UTF-8 CSV with a byte order mark: without it, Excel on Chinese Windows
 * reads the file as GBK and garbles the Chinese in names and messages. The submitter opens it in a
 * spreadsheet, and the values are the submitter's own cells: formula-like text is written as text.
 */
export async function writeRejectsCsv(path: string, rejects: readonly Reject[]): Promise<void> {
  const lines = [REJECT_COLUMNS.join(',')];
  for (const reject of rejects) {
    lines.push(REJECT_COLUMNS.map((column) => spreadsheetCsvCell(reject[column])).join(','));
  }
  await fs.promises.writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
