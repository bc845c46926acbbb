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
import { ruleValueWords } from '../../domain/rule-words';
import { zipBuffer } from './zip';

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

/** The note under a list that holds only the first `listed` of its `total` rows; none when it holds them all. */
export function cutNote(listed: number, total: number): string[] {
  return listed < total ? [`本表列出前 ${listed.toLocaleString('en')} 行，共 ${total.toLocaleString('en')} 行。`] : [];
}

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
  return [text(`${rule.zh.title}：${ruleValueWords(rule.value, rule.zh.unit, 'zh')}（${rule.id}）`), text(`${rule.zh.source}；${rule.zh.clause}`)];
}

const MONEY = /^-?\d+(\.\d{1,2})?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

/**
 * The workbook's cell formats (styles.xml's cellXfs, by position): plain, bold (title and headers),
 * count, money, ratio, date.
 */
const STYLE = { plain: 0, bold: 1, count: 2, money: 3, ratio: 4, date: 5 } as const;
const STYLES_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<numFmts count="4"><numFmt numFmtId="164" formatCode="0"/><numFmt numFmtId="165" formatCode="#,##0.00"/>'
  + '<numFmt numFmtId="166" formatCode="0.00%"/><numFmt numFmtId="167" formatCode="yyyy-mm-dd"/></numFmts>'
  + '<fonts count="2"><font><sz val="11"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><family val="2"/><scheme val="minor"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const XML_SPECIAL = /[&<>"]/g;
const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Characters XML 1.0 cannot hold at all (control characters but tab, newline and return; lone surrogates): dropped. */
// eslint-disable-next-line no-control-regex
const XML_UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapeXml = (value: string): string => value.replace(XML_UNWRITABLE, '').replace(XML_SPECIAL, (char) => XML_ESCAPES[char]);

/** Excel's day number of a calendar day: days since 1899-12-30. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

/** The workbook's texts, each stored once (sharedStrings.xml), cells naming them by position. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly xml: string[] = [];
  uses = 0;

  of(value: string): number {
    this.uses += 1;
    let position = this.index.get(value);
    if (position === undefined) {
      position = this.xml.length;
      this.index.set(value, position);
      this.xml.push(`<si><t xml:space="preserve">${escapeXml(value)}</t></si>`);
    }
    return position;
  }

  toXml(): string {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.xml.length}">${this.xml.join('')}</sst>`;
  }
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new Error(`a count or ratio must be a finite number, got ${value}`);
  return value;
}

/** A cell's XML at its reference, or '' for an empty cell. */
function cellXml(cell: DocumentCell, ref: string, strings: SharedStrings): string {
  if (cell.value === null) return '';
  switch (cell.kind) {
    case 'text':
      return `<c r="${ref}" t="s"><v>${strings.of(cell.value)}</v></c>`;
    case 'count':
      return `<c r="${ref}" s="${STYLE.count}"><v>${finite(cell.value)}</v></c>`;
    case 'money':
      if (!MONEY.test(cell.value)) throw new Error(`money must be a decimal with at most two places, got ${JSON.stringify(cell.value)}`);
      return `<c r="${ref}" s="${STYLE.money}"><v>${Number(cell.value)}</v></c>`;
    case 'ratio':
      return `<c r="${ref}" s="${STYLE.ratio}"><v>${finite(cell.value)}</v></c>`;
    case 'date': {
      const match = DAY.exec(cell.value);
      if (!match) throw new Error(`a date must be YYYY-MM-DD, got ${JSON.stringify(cell.value)}`);
      const day = (Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - EXCEL_EPOCH) / 86_400_000;
      return `<c r="${ref}" s="${STYLE.date}"><v>${day}</v></c>`;
    }
  }
}

/** Column widths from the longest text of each column (a CJK character counts two). */
function widths(sheet: DocumentSheet): number[] {
  const length = (value: string): number => {
    let sum = 0;
    for (const char of value) sum += char.charCodeAt(0) > 0x2e80 ? 2 : 1;
    return sum;
  };
  return sheet.headers.map((header, column) => {
    let longest = length(header);
    for (const row of sheet.rows) {
      const cell = row[column];
      if (cell.value !== null) longest = Math.max(longest, length(String(cell.value)));
    }
    return Math.min(60, Math.max(10, longest + 2));
  });
}

/** A sheet's XML: the title, the bold headers kept in view when scrolling, the typed rows, the notes under a blank line. */
function sheetXml(sheet: DocumentSheet, strings: SharedStrings): string {
  for (const [index, row] of sheet.rows.entries()) {
    if (row.length !== sheet.headers.length) {
      throw new Error(`sheet ${sheet.name}: row ${index + 1} has ${row.length} cells for ${sheet.headers.length} headers`);
    }
  }
  const columns = sheet.headers.map((_, index) => columnName(index));
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    `<cols>${widths(sheet).map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`,
    '<sheetData>',
    `<row r="1"><c r="A1" s="${STYLE.bold}" t="s"><v>${strings.of(sheet.title)}</v></c></row>`,
    `<row r="2">${sheet.headers.map((header, index) => `<c r="${columns[index]}2" s="${STYLE.bold}" t="s"><v>${strings.of(header)}</v></c>`).join('')}</row>`,
  ];
  let line = 3;
  for (const row of sheet.rows) {
    let cells = '';
    for (let index = 0; index < row.length; index += 1) cells += cellXml(row[index], `${columns[index]}${line}`, strings);
    parts.push(`<row r="${line}">${cells}</row>`);
    line += 1;
  }
  const notes = sheet.notes ?? [];
  if (notes.length > 0) line += 1;
  for (const note of notes) {
    parts.push(`<row r="${line}"><c r="A${line}" t="s"><v>${strings.of(note)}</v></c></row>`);
    line += 1;
  }
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/**
 * The document as an .xlsx file, one tab per sheet in order; the header row stays in view when
 * scrolling. The XML is written as text and zipped with zlib: a national annual report holds some
 * 200,000 rows, and a cell object per cell took seconds.
 */
export async function workbookBuffer(document: PlatformDocument): Promise<Buffer> {
  const names = new Set<string>();
  for (const sheet of document.sheets) {
    if (sheet.name.length === 0 || sheet.name.length > 31 || SHEET_NAME_FORBIDDEN.test(sheet.name)) {
      throw new Error(`sheet name ${JSON.stringify(sheet.name)}: 1 to 31 characters, none of : \\ / ? * [ ]`);
    }
    if (names.has(sheet.name)) throw new Error(`sheet name ${JSON.stringify(sheet.name)} is used twice`);
    names.add(sheet.name);
  }
  const strings = new SharedStrings();
  const sheets = document.sheets.map((sheet) => sheetXml(sheet, strings));
  const numbers = sheets.map((_, index) => index + 1);
  const xml = (value: string) => Buffer.from(value, 'utf8');
  return zipBuffer([
    {
      name: '[Content_Types].xml',
      data: xml('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT}.sheet.main+xml"/>`
        + `<Override PartName="/xl/styles.xml" ContentType="${CONTENT}.styles+xml"/>`
        + `<Override PartName="/xl/sharedStrings.xml" ContentType="${CONTENT}.sharedStrings+xml"/>`
        + numbers.map((number) => `<Override PartName="/xl/worksheets/sheet${number}.xml" ContentType="${CONTENT}.worksheet+xml"/>`).join('')
        + '</Types>'),
    },
    {
      name: '_rels/.rels',
      data: xml('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELATIONSHIPS}">`
        + '<bookViews><workbookView/></bookViews><sheets>'
        + document.sheets.map((sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')
        + '</sheets></workbook>'),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + numbers.map((number) => `<Relationship Id="rId${number}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${number}.xml"/>`).join('')
        + `<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`
        + `<Relationship Id="rId${sheets.length + 2}" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>`
        + '</Relationships>'),
    },
    { name: 'xl/styles.xml', data: xml(STYLES_XML) },
    { name: 'xl/sharedStrings.xml', data: xml(strings.toXml()) },
    ...sheets.map((sheet, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data: xml(sheet) })),
  ]);
}
