/**
 * The templates of the exchange files (数据报送模板), as CSV and as .xlsx: one header row whose cells
 * are the exchange-format column names with their Chinese titles beside them, `county_code（区县代码）`,
 * which the import reads as the column name alone, so a filled template is sent back as it is. The
 * workbook's second sheet says per column whether it is required and how a cell is written.
 */
import { EXCHANGE_COLUMN_TITLES, EXCHANGE_FILE_TITLES } from '../../domain/exchange-columns';
import { PLATFORM_TABLES, PLATFORM_TABLE_NAMES, type PlatformTableName, type ValueKind } from '../../platform/tables';

// The package's types are those of its ES module; its CommonJS build, which this program loads, has the same exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const writeXlsxFile = (require('write-excel-file/node') as typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } })).default;

export function templateTable(name: string): PlatformTableName | undefined {
  return (PLATFORM_TABLE_NAMES as readonly string[]).includes(name) ? (name as PlatformTableName) : undefined;
}

function headerCells(table: PlatformTableName): string[] {
  return PLATFORM_TABLES[table].columns.map((column) => `${column.column}（${EXCHANGE_COLUMN_TITLES[table][column.column]}）`);
}

function howWritten(value: ValueKind): string {
  switch (value.kind) {
    case 'id': return '编号，最长 64 个字符，按原样匹配（首尾不得有空格）';
    case 'text': return `文本，最长 ${value.maxLength} 个字符`;
    case 'enum': return `取值之一：${value.values.join(' / ')}${value.emptyMeans ? `；留空表示 ${value.emptyMeans}` : ''}`;
    case 'county': return '山西省县级行政区划代码，6 位数字，如 140105';
    case 'uscc': return '18 位统一社会信用代码（GB 32100，含校验码）';
    case 'date': return '日期，YYYY-MM-DD，如 2025-03-01';
    case 'year': return '年度，四位数字，如 2025';
    case 'money': return '金额，单位元，最多两位小数，不为负，如 12345.60';
    case 'count': return '非负整数';
    case 'share': return '百分比，大于 0 且不超过 100，最多两位小数，如 60 或 33.33';
    case 'boolean': return 'true 或 false';
  }
}

export function templateCsv(table: PlatformTableName): string {
  // With a byte order mark, Excel on Chinese Windows reads the Chinese titles right.
  return `\ufeff${headerCells(table).join(',')}\r\n`;
}

export async function templateXlsx(table: PlatformTableName): Promise<Buffer> {
  const header = headerCells(table).map((value) => ({ value, fontWeight: 'bold' as const, type: String }));
  const notesHeader = ['列名', '中文名称', '是否必填', '填写方式', '引用'].map((value) => ({ value, fontWeight: 'bold' as const, type: String }));
  const notes = PLATFORM_TABLES[table].columns.map((column) => [
    column.column, EXCHANGE_COLUMN_TITLES[table][column.column], column.required ? '必填' : '可空',
    howWritten(column.value), 'references' in column && column.references ? `${column.references}.csv 的 id` : '',
  ].map((value) => ({ value, type: String })));
  return writeXlsxFile([
    { data: [header], sheet: EXCHANGE_FILE_TITLES[table] ?? table, stickyRowsCount: 1, columns: header.map(() => ({ width: 24 })) },
    { data: [notesHeader, ...notes], sheet: '填写说明', columns: [{ width: 24 }, { width: 20 }, { width: 10 }, { width: 60 }, { width: 24 }] },
  ]).toBuffer();
}
