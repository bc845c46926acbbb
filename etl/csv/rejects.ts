/**
 * A rejected row (or a refused file) and the rejects.csv that hands them back to the submitter.
 */
import fs from 'node:fs';

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

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `file:line column rule: message`, one line for the console. */
export function formatReject(reject: Reject): string {
  const where = reject.column === null ? `${reject.file}:${reject.line}` : `${reject.file}:${reject.line} ${reject.column}`;
  const value = reject.value === null ? '' : ` (value: ${JSON.stringify(reject.value)})`;
  return `${where} ${reject.rule}: ${reject.message}${value}`;
}

/**
 * Writes the rejects as a UTF-8 CSV with a byte order mark: without it, Excel on Chinese Windows
 * reads the file as GBK and garbles the Chinese in names and messages.
 */
export async function writeRejectsCsv(path: string, rejects: readonly Reject[]): Promise<void> {
  const lines = [REJECT_COLUMNS.join(',')];
  for (const reject of rejects) {
    lines.push(REJECT_COLUMNS.map((column) => csvCell(reject[column])).join(','));
  }
  await fs.promises.writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
