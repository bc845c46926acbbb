/**
 * The platform's documents (the annual report, the periodic evaluation) as Excel workbooks: a document
 * is ordered sheets, one per section, each a title line, Chinese column headers and typed rows. Cells
 * are typed where they are made, so a workbook never guesses: counts stay numbers, money is the exact
 * two-decimal amount as a number shown with two places, ratios are numbers shown as percentages, days
 * are dates, and everything else is text (a name beginning with `=` stays text, never a formula).
 *
 * A sheet that gives verdicts carries, in each verdict's row, the rule judged against and its source
 * (`ruleCells`, under the headers of `RULE_HEADERS`), so a page of the workbook read alone still says
 * why each row is what it is.
 */
import type { Cell, CellObject, Row } from 'write-excel-file/node' with { 'resolution-mode': 'import' };

export type DocumentCell =
  | { kind: 'text'; value: string | null }
  | { kind: 'count'; value: number | null }
  /** Decimal yuan as text ("12345.60"), at most two places: written as that number, shown with two. */
  | { kind: 'money'; value: string | null }
  /** A share of a whole (0.1523), shown as a percentage with two places. */
  | { kind: 'ratio'; value: number | null }
  /** YYYY-MM-DD. */
  | { kind: 'date'; value: string | null };

export const text = (value: string | null | undefined): DocumentCell => ({ kind: 'text', value: value ?? null });
export const count = (value: number | null | undefined): DocumentCell => ({ kind: 'count', value: value ?? null });
export const money = (value: string | null | undefined): DocumentCell => ({ kind: 'money', value: value ?? null });
export const ratio = (value: number | null | undefined): DocumentCell => ({ kind: 'ratio', value: value ?? null });
export const date = (value: string | null | undefined): DocumentCell => ({ kind: 'date', value: value ?? null });
/** 是 / 否, or empty when not judged. */
export const yesNo = (value: boolean | null | undefined): DocumentCell => text(value === null || value === undefined ? null : value ? '是' : '否');

export interface DocumentSheet {
  /** The tab's name: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  /** The first line of the sheet: what the section is. */
  title: string;
  headers: string[];
  rows: DocumentCell[][];
  /** Lines under the table: how a figure is computed, what the section leaves out. */
  notes?: string[];
}

export interface PlatformDocument {
  sheets: DocumentSheet[];
}

/** The two columns every verdict row ends with. */
export const RULE_HEADERS = ['判定依据', '来源'] as const;

/** What `ruleCells` reads of a rule: the rulebook's rules and the API's Rule both have it. */
export interface RuleWords {
  id: string;
  value: string;
  zh: { title: string; unit: string; source: string; clause: string };
}

/** The rule a verdict was judged against (its title and value with unit) and its source document, in Chinese. */
export function ruleCells(rule: RuleWords | null | undefined): DocumentCell[] {
  if (!rule) return [text('未设规则'), text(null)];
  return [text(`${rule.zh.title}：${rule.value}${rule.zh.unit}（${rule.id}）`), text(`${rule.zh.source}；${rule.zh.clause}`)];
}

/**
 * The package is an ES module with a CommonJS build beside it; this program is CommonJS (and jest runs
 * it so), so it takes the CommonJS build.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const writeXlsxFile = (require('write-excel-file/node') as { default: typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } }).default }).default;

const MONEY = /^-?\d+(\.\d{1,2})?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

function cellOf(cell: DocumentCell): Cell {
  if (cell.value === null) return null;
  switch (cell.kind) {
    case 'text':
      return { value: cell.value, type: String };
    case 'count':
      return { value: cell.value, type: Number, format: '0' };
    case 'money':
      if (!MONEY.test(cell.value)) throw new Error(`money must be a decimal with at most two places, got ${JSON.stringify(cell.value)}`);
      return { value: Number(cell.value), type: Number, format: '#,##0.00' };
    case 'ratio':
      return { value: cell.value, type: Number, format: '0.00%' };
    case 'date': {
      const match = DAY.exec(cell.value);
      if (!match) throw new Error(`a date must be YYYY-MM-DD, got ${JSON.stringify(cell.value)}`);
      return { value: new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))), type: Date, format: 'yyyy-mm-dd' };
    }
  }
}

function sheetData(sheet: DocumentSheet): Row[] {
  for (const [index, row] of sheet.rows.entries()) {
    if (row.length !== sheet.headers.length) {
      throw new Error(`sheet ${sheet.name}: row ${index + 1} has ${row.length} cells for ${sheet.headers.length} headers`);
    }
  }
  const title: CellObject = { value: sheet.title, type: String, fontWeight: 'bold' };
  const headers: Row = sheet.headers.map((header) => ({ value: header, type: String, fontWeight: 'bold' }));
  const notes: Row[] = (sheet.notes ?? []).map((note) => [{ value: note, type: String }]);
  return [[title], headers, ...sheet.rows.map((row) => row.map(cellOf)), ...(notes.length > 0 ? [[], ...notes] : [])];
}

/** Column widths from the longest text of each column (a CJK character counts two). */
function widths(sheet: DocumentSheet): Array<{ width: number }> {
  const length = (value: string): number => [...value].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return sheet.headers.map((header, column) => {
    const longest = sheet.rows.reduce((max, row) => {
      const cell = row[column];
      return Math.max(max, cell.value === null ? 0 : length(String(cell.value)));
    }, length(header));
    return { width: Math.min(60, Math.max(10, longest + 2)) };
  });
}

/** The document as an .xlsx file, one tab per sheet in order; the header row stays in view when scrolling. */
export async function workbookBuffer(document: PlatformDocument): Promise<Buffer> {
  const names = new Set<string>();
  for (const sheet of document.sheets) {
    if (sheet.name.length === 0 || sheet.name.length > 31 || SHEET_NAME_FORBIDDEN.test(sheet.name)) {
      throw new Error(`sheet name ${JSON.stringify(sheet.name)}: 1 to 31 characters, none of : \\ / ? * [ ]`);
    }
    if (names.has(sheet.name)) throw new Error(`sheet name ${JSON.stringify(sheet.name)} is used twice`);
    names.add(sheet.name);
  }
  return writeXlsxFile(document.sheets.map((sheet) => ({
    sheet: sheet.name,
    data: sheetData(sheet),
    columns: widths(sheet),
    stickyRowsCount: 2,
  }))).toBuffer();
}
