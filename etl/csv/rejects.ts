/**
 * A rejected row (or a refused file) and the rejects.csv that hands them back to the submitter
 * (its text is domain/import-rules.ts's, shared with the dashboard's uploads).
 */
import fs from 'node:fs';
import { rejectsCsvText, type RejectLine } from '../../domain/import-rules';

export { REJECT_COLUMNS } from '../../domain/import-rules';

export type Reject = RejectLine;

/** `file:line column rule: message`, one line for the console. */
export function formatReject(reject: Reject): string {
  const where = reject.column === null ? `${reject.file}:${reject.line}` : `${reject.file}:${reject.line} ${reject.column}`;
  const value = reject.value === null ? '' : ` (value: ${JSON.stringify(reject.value)})`;
  return `${where} ${reject.rule}: ${reject.message}${value}`;
}

export async function writeRejectsCsv(path: string, rejects: readonly Reject[]): Promise<void> {
  await fs.promises.writeFile(path, rejectsCsvText(rejects), 'utf8');
}
