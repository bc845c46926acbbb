/**
 * Tables leave the dashboard as CSV (UTF-8 with a byte-order mark, so that Excel on a Chinese
 * Windows reads the names right) or as a real .xlsx workbook written by write-excel-file, which
 * stores every text as a string cell: a name beginning with `=` is never a formula there.
 */
import { spreadsheetCsvCell } from '../../../domain/spreadsheet-cell';
export type ExportCell = string | number | null;

export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

/** RFC 4180 CSV with CRLF line ends; a name that a spreadsheet would run as a formula is written as text. */
export function toCsv(table: ExportTable): string {
  return [table.header, ...table.rows].map((row) => row.map(spreadsheetCsvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvBlob(table: ExportTable): Blob {
  return new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' });
}

export async function xlsxBlob(table: ExportTable, sheetName: string): Promise<Blob> {
  // Loaded only when someone exports a workbook: most sessions never do.
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = table.header.map((title) => ({ value: title, fontWeight: 'bold' as const }));
  const rows = table.rows.map((row) => row.map((cell) => (cell === null ? null : { value: cell })));
  return writeXlsxFile([header, ...rows], { sheet: sheetName, stickyRowsCount: 1 }).toBlob();
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
