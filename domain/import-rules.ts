/**
 * Every rule a submitted file or row is rejected by, with its name as it appears in a reject's `rule`
 * column and its description in English and Chinese. A file rule refuses the whole file (and an
 * upload as a whole); a row rule rejects the row and names the column it concerns. The import
 * (etl/csv/) rejects by these names; the dashboard shows the description in the user's language.
 */
import { PLATFORM_TABLE_NAMES, type PlatformTableName } from './platform-tables';
import { spreadsheetCsvCell } from './spreadsheet-cell';

export interface ImportRuleWords {
  en: string;
  zh: string;
}

export const IMPORT_RULE_WORDS = {
  // The submission and its files
  unknown_file: {
    en: 'a file whose name is not one of the ten platform files (name.csv or, uploaded, name.xlsx); not read',
    zh: '文件名不是十个平台交换文件之一（如 policies.csv，上传时也可为 policies.xlsx），未读取',
  },
  duplicate_file: {
    en: 'an upload holds the same platform file twice (say policies.csv and policies.xlsx); the submission is refused',
    zh: '同一次上传中同一个交换文件出现两次（如 policies.csv 和 policies.xlsx），整批拒收',
  },
  symlink: {
    en: 'a symbolic link: refused, not followed; the submission is the files in the folder itself',
    zh: '符号链接：拒收，不跟随；报送的是文件夹里的文件本身',
  },
  not_a_file: { en: 'a directory, device or pipe named like a CSV file; not read', zh: '与 CSV 文件同名的目录、设备或管道，未读取' },
  file_out_of_scope: {
    en: 'the account may not send this file (a city bureau sends enterprises.csv; an insurer its policies, shares, services, ledger entries, claims, filings and annual reports); the submission is refused',
    zh: '本账号无权报送该文件（市级应急管理部门报送 enterprises.csv；保险机构报送保单、共保份额、服务、费用台账、理赔、备案材料和年度报告），整批拒收',
  },
  spreadsheet: {
    en: 'an .xlsx file that cannot be read as a spreadsheet (damaged, not .xlsx, or unpacking to more than the limit); the submission is refused',
    zh: '.xlsx 文件无法作为表格读取（已损坏、不是 .xlsx，或解压后超过限制），整批拒收',
  },
  too_many_rows: {
    en: 'the submission holds more rows than one upload may; send it in several parts',
    zh: '本次报送的行数超过单次上传的上限，请分批报送',
  },
  encoding: {
    en: 'the file is not UTF-8 (GBK/GB18030 and UTF-16 are named); the whole file is refused',
    zh: '文件不是 UTF-8 编码（会指明 GBK/GB18030 或 UTF-16），整个文件拒收',
  },
  empty_file: { en: 'the file has no header row', zh: '文件没有表头行' },
  unknown_column: {
    en: 'a header names a column the file does not have; the whole file is refused',
    zh: '表头中有该文件没有的列，整个文件拒收',
  },
  missing_column: { en: 'a header lacks one of the file\'s columns; the whole file is refused', zh: '表头缺少该文件的某一列，整个文件拒收' },
  duplicate_column: { en: 'a header names a column twice; the whole file is refused', zh: '表头中同一列出现两次，整个文件拒收' },
  // The CSV syntax of one row
  csv_syntax: {
    en: 'a quote out of place: inside a cell that does not start with one, after a closing quote, or never closed; the row is rejected at the line where its bad cell opens and the lines after it are read again',
    zh: '引号位置错误（出现在不以引号开头的单元格中、闭合引号之后，或未闭合）；该行在出错单元格开始的行被拒收，其后的行重新读取',
  },
  column_count: { en: 'the row has more or fewer cells than the header', zh: '该行的单元格数与表头不一致' },
  // One cell
  required: { en: 'a required cell is empty', zh: '必填单元格为空' },
  control_character: {
    en: 'a cell holds a control character (NUL and the other C0 controls but tab and line breaks, DEL); an id holds none at all',
    zh: '单元格含控制字符（NUL 等，制表符和换行除外；DEL）；编号中不得含任何控制字符',
  },
  id_whitespace: {
    en: 'an id (or a reference to one) starts or ends with whitespace; ids are matched exactly, so it would be another id',
    zh: '编号（或对编号的引用）首尾有空白；编号按原样匹配，否则会成为另一个编号',
  },
  too_long: { en: 'more characters than the column holds', zh: '字符数超过该列允许的长度' },
  enum: { en: 'not one of the column\'s allowed values', zh: '不是该列允许的取值之一' },
  county_code: { en: 'not one of Shanxi\'s 117 county-level division codes', zh: '不是山西省 117 个县级行政区划代码之一' },
  uscc_length: { en: 'a unified social credit code has 18 characters', zh: '统一社会信用代码应为 18 位' },
  uscc_character: {
    en: 'a unified social credit code uses 0-9 and A-Y without I, O, S, V, Z (GB 32100)',
    zh: '统一社会信用代码只能使用 0-9 和除 I、O、S、V、Z 外的大写字母（GB 32100）',
  },
  uscc_check: { en: 'the check character of the unified social credit code is wrong (GB 32100)', zh: '统一社会信用代码的校验码错误（GB 32100）' },
  date_format: { en: 'a date is written YYYY-MM-DD', zh: '日期应写作 YYYY-MM-DD' },
  date_invalid: { en: 'no such calendar day', zh: '日历上没有这一天' },
  money_format: { en: 'money is a plain decimal in CNY, e.g. 12345.60', zh: '金额应为以元为单位的普通小数，如 12345.60' },
  money_places: { en: 'money has at most two decimal places', zh: '金额最多两位小数' },
  money_negative: { en: 'money is not negative', zh: '金额不能为负' },
  integer: { en: 'a whole number from 0 to 2147483647', zh: '应为 0 至 2147483647 之间的整数' },
  boolean: { en: 'true or false', zh: '应为 true 或 false' },
  year: { en: 'a year is written as four digits, 2020 or later', zh: '年度应为四位数字，2020 年及以后' },
  share_format: { en: 'a share is a plain decimal percentage with at most two places', zh: '份额应为最多两位小数的百分数' },
  share_range: { en: 'a share is more than 0 and at most 100 percent', zh: '份额应大于 0 且不超过 100%' },
  // Between the cells of one row
  end_before_start: { en: 'a policy ends before it starts', zh: '保单终止日早于起始日' },
  rectified_exceeds_found: { en: 'more hazards rectified than found', zh: '整改隐患数多于发现隐患数' },
  reported_before_accident: { en: 'a claim reported before its accident', zh: '报案日早于事故日' },
  settled_before_reported: { en: 'a claim settled before it was reported', zh: '结案日早于报案日' },
  paid_without_amount: { en: 'a paid claim without its paid_amount', zh: '已赔付的理赔缺少 paid_amount' },
  denied_without_reason: { en: 'a denied claim without its denial_reason', zh: '拒赔的理赔缺少 denial_reason' },
  submitted_before_year: { en: 'an annual report submitted before the year it reports on began', zh: '年度报告的报送日早于所报年度开始' },
  future_date: {
    en: 'a fact dated after today (Asia/Shanghai): a service, ledger entry, accident, claim report or settlement, an insurer\'s filing or filing item, or an annual report\'s submission',
    zh: '已发生事项的日期晚于今天（北京时间）：服务、台账记录、事故、报案或结案、备案或备案材料、年度报告报送',
  },
  // Between rows, files and what is stored
  duplicate_id: {
    en: 'a second row with the same id (for policy_shares.csv the same policy and insurer, for insurer_filings.csv the same insurer and item, for annual_reports.csv the same insurer and year) in one file; the first stands',
    zh: '同一文件中编号重复（policy_shares.csv 为同一保单和保险机构，insurer_filings.csv 为同一机构和材料项，annual_reports.csv 为同一机构和年度），以第一行为准',
  },
  duplicate_uscc: {
    en: 'a unified social credit code given to another enterprise earlier in the file or stored for another enterprise',
    zh: '该统一社会信用代码已在文件前文或平台中属于另一家企业',
  },
  dangling_reference: {
    en: 'a reference to a row neither stored nor in this submission, or to one this submission rejected',
    zh: '引用的记录既不在平台中也不在本次报送中，或已在本次报送中被拒收',
  },
  service_enterprise_mismatch: { en: 'a service names another enterprise than its policy insures', zh: '服务记录的企业与其保单承保的企业不一致' },
  shares_sum: {
    en: 'a policy\'s co-insurance shares in the file do not sum to exactly 100%; its stored shares stay',
    zh: '文件中一张保单的共保份额合计不等于 100%，平台中原有份额保持不变',
  },
  // The account's scope
  other_insurer: {
    en: 'an insurer sends a row under another insurer\'s id, or one whose stored row belongs to another insurer',
    zh: '保险机构报送了以其他机构编号登记的记录，或平台中该记录属于其他机构',
  },
  no_share_held: {
    en: 'an insurer sends a policy, its shares, a service or a claim of a policy it holds no co-insurance share of',
    zh: '保险机构报送了本机构未持有共保份额的保单、份额、服务或理赔',
  },
  other_city: {
    en: 'a city bureau sends an enterprise outside its own counties, or one stored for another city',
    zh: '市级应急管理部门报送了本市以外区县的企业，或平台中该企业属于其他市',
  },
} as const satisfies Record<string, ImportRuleWords>;

export type ImportRuleName = keyof typeof IMPORT_RULE_WORDS;

/** A rejected row, as the import reports it and rejects.csv holds it. */
export interface RejectLine {
  file: string;
  /** The line (for a spreadsheet, the row) where the row starts; the header is 1. */
  line: number;
  /** Null when the whole row or file is at fault rather than one cell. */
  column: string | null;
  rule: string;
  message: string;
  value: string | null;
}

export const REJECT_COLUMNS = ['file', 'line', 'column', 'rule', 'message', 'value'] as const;

/**
 * The rejects as a UTF-8 CSV with a byte order mark: without it, Excel on Chinese Windows reads the
 * file as GBK and garbles the Chinese in names and messages. The submitter opens it in a
 * spreadsheet, and the values are the submitter's own cells: formula-like text is written as text.
 */
export function rejectsCsvText(rejects: readonly RejectLine[]): string {
  const lines = [REJECT_COLUMNS.join(',')];
  for (const reject of rejects) lines.push(REJECT_COLUMNS.map((column) => spreadsheetCsvCell(reject[column])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * The exchange files each role sends (circular 三(四)): a city bureau its area's enterprises, an
 * insurer its underwriting, shares, prevention services, ledger, claims, filings and annual reports;
 * the province everything. Analysts send nothing.
 */
export const FILES_SENT_BY: Readonly<Record<'province' | 'city' | 'insurer', readonly PlatformTableName[]>> = {
  province: PLATFORM_TABLE_NAMES,
  city: ['enterprises'],
  insurer: ['policies', 'policy_shares', 'services', 'fee_ledger', 'claims', 'insurer_filings', 'annual_reports'],
};
