/**
 * One CSV cell as the platform writes it for people, who open CSV files in Excel or WPS: quoted
 * per RFC 4180, and a text that a spreadsheet would run as a formula written as text instead.
 *
 * A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is taken as a formula by
 * Excel, LibreOffice and WPS (OWASP, "CSV Injection"): an enterprise named `=HYPERLINK(…)` would
 * become a live link in a regulator's spreadsheet. Such a cell is written with a leading apostrophe,
 * which the spreadsheets show as text. A plain decimal number (a refund of -250.00, a count) cannot
 * be a formula and stays a number, so that a column of amounts still sums.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text a spreadsheet shows as it is: formula-like text gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function spreadsheetCsvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
