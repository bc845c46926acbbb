/**
 * The corpus of broken submissions (test/fixtures/import/broken, its README has the table): each case
 * with what the import must answer. The command-line import runs it in test/etl/import-corpus.test.ts,
 * the upload from the browser in test/api/submission-corpus.test.ts; `upload` says where an upload
 * answers otherwise, and why.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/import');

export const INSURERS_HEADER = 'id,name,filed_on';

/** Rules about a file or a whole row rather than one cell: their rejects name no column. */
export const WHOLE_ROW_OR_FILE = new Set(['encoding', 'empty_file', 'unknown_file', 'symlink', 'not_a_file', 'column_count']);

export interface Case {
  name: string;
  exit: 0 | 1;
  /** `file:line column rule`, column `-` when none; in the order reported. */
  rejects: string[];
  /** Per file read: rows read, stored, rejected. */
  files: Record<string, [number, number, number]>;
  /** The platform tables the case stores rows in; every other table's hash must stay as it was. */
  changes?: string[];
  /** Values stored verbatim, looked up by SQL. */
  stored?: Array<{ sql: string; rows: unknown[] }>;
  /** Made by the test instead of committed. */
  make?: (folder: string) => void;
  /** What the console says besides the summary and the rejects. */
  says?: string;
  /**
   * Where an upload answers otherwise: its own per-file counts, or false for a case about a folder
   * (an upload has no symbolic links).
   */
  upload?: false | { files: Record<string, [number, number, number]> };
}

const nameOf = (id: string) => ({ sql: `SELECT name FROM insurers WHERE id = '${id}'`, rows: [] as unknown[] });

export const CASES: Case[] = [
  { name: 'encoding-gbk', exit: 1, rejects: ['insurers.csv:2 - encoding'], files: { 'insurers.csv': [1, 0, 1] } },
  // UTF-16 read as bytes: the NUL after the last line break makes a second "row".
  { name: 'encoding-utf16', exit: 1, rejects: ['insurers.csv:1 - encoding'], files: { 'insurers.csv': [2, 0, 2] } },
  { name: 'encoding-latin1', exit: 1, rejects: ['insurers.csv:2 - encoding'], files: { 'insurers.csv': [1, 0, 1] } },
  {
    name: 'bom-utf8', exit: 0, rejects: [], files: { 'insurers.csv': [1, 1, 0] }, changes: ['insurers'],
    stored: [{ ...nameOf('KB1'), rows: [{ name: '带字节序标记的保险' }] }],
  },
  {
    name: 'crlf', exit: 1, rejects: ['insurers.csv:4 filed_on date_format'], files: { 'insurers.csv': [3, 2, 1] }, changes: ['insurers'],
    stored: [{ ...nameOf('KC2'), rows: [{ name: '回车换行,二' }] }],
  },
  {
    name: 'lone-cr', exit: 1, rejects: ['insurers.csv:5 filed_on date_format'], files: { 'insurers.csv': [3, 2, 1] }, changes: ['insurers'],
    stored: [{ ...nameOf('KR2'), rows: [{ name: '旧式\r回车' }] }],
  },
  {
    name: 'ragged-rows', exit: 1, rejects: ['insurers.csv:3 - column_count', 'insurers.csv:4 - column_count'],
    files: { 'insurers.csv': [4, 2, 2] }, changes: ['insurers'],
  },
  { name: 'quote-early', exit: 1, rejects: ['insurers.csv:2 name csv_syntax'], files: { 'insurers.csv': [5, 4, 1] }, changes: ['insurers'] },
  {
    name: 'quote-middle-unclosed', exit: 1, rejects: ['insurers.csv:4 name csv_syntax'], files: { 'insurers.csv': [6, 5, 1] }, changes: ['insurers'],
    stored: [{ sql: `SELECT id FROM insurers WHERE id LIKE 'KM%' ORDER BY id`, rows: ['KM1', 'KM2', 'KM4', 'KM5', 'KM6'].map((id) => ({ id })) }],
  },
  { name: 'quote-end-unclosed', exit: 1, rejects: ['insurers.csv:4 name csv_syntax'], files: { 'insurers.csv': [3, 2, 1] }, changes: ['insurers'] },
  { name: 'quote-after-closing', exit: 1, rejects: ['insurers.csv:2 name csv_syntax'], files: { 'insurers.csv': [2, 1, 1] }, changes: ['insurers'] },
  {
    name: 'quote-swallows-lines', exit: 1, rejects: ['insurers.csv:2 - column_count', 'insurers.csv:4 id csv_syntax'],
    files: { 'insurers.csv': [4, 2, 2] }, changes: ['insurers'],
    stored: [{ sql: `SELECT id FROM insurers WHERE id LIKE 'KS%' ORDER BY id`, rows: [{ id: 'KS2' }, { id: 'KS4' }] }],
  },
  {
    name: 'multiline-cell', exit: 0, rejects: [], files: { 'insurers.csv': [2, 2, 0] }, changes: ['insurers'],
    says: '1 of them across several lines (quoted cells holding line breaks), the first on lines 2–3',
    stored: [{ ...nameOf('KN1'), rows: [{ name: '多行的名称\n第二行, 带逗号和"引号"' }] }],
  },
  {
    name: 'field-10mb', exit: 1, rejects: ['insurers.csv:2 name too_long'], files: { 'insurers.csv': [2, 1, 1] }, changes: ['insurers'],
    make: (folder) => fs.writeFileSync(path.join(folder, 'insurers.csv'), `${INSURERS_HEADER}\nKH1,"${'大'.repeat(3_500_000)}",\nKH2,十兆字段之后,\n`),
  },
  { name: 'nul-in-id', exit: 1, rejects: ['insurers.csv:2 id control_character'], files: { 'insurers.csv': [2, 1, 1] }, changes: ['insurers'] },
  { name: 'nul-in-name', exit: 1, rejects: ['enterprises.csv:2 name control_character'], files: { 'enterprises.csv': [2, 1, 1] }, changes: ['enterprises'] },
  {
    name: 'control-characters', exit: 1, rejects: ['insurers.csv:2 name control_character', 'insurers.csv:3 name control_character'],
    files: { 'insurers.csv': [3, 1, 2] }, changes: ['insurers'], stored: [{ ...nameOf('KX3'), rows: [{ name: '制表\t保险' }] }],
  },
  {
    name: 'scientific-notation', exit: 1,
    rejects: [
      'enterprises.csv:2 uscc uscc_length', 'policies.csv:2 premium money_format', 'policies.csv:3 insured_persons integer',
      'policies.csv:4 death_limit_per_person money_format',
    ],
    files: { 'enterprises.csv': [1, 0, 1], 'policies.csv': [3, 0, 3] },
  },
  {
    name: 'impossible-dates', exit: 1,
    rejects: [2, 3, 4, 5].map((line) => `insurers.csv:${line} filed_on date_invalid`).concat('insurers.csv:6 filed_on date_format'),
    files: { 'insurers.csv': [6, 1, 5] }, changes: ['insurers'],
  },
  {
    name: 'future-dates', exit: 1,
    rejects: [
      'insurers.csv:2 filed_on future_date', 'services.csv:2 service_date future_date', 'fee_ledger.csv:2 entry_date future_date',
      'claims.csv:2 accident_date future_date', 'claims.csv:2 reported_on future_date', 'claims.csv:3 settled_on future_date',
    ],
    files: { 'insurers.csv': [1, 0, 1], 'services.csv': [2, 1, 1], 'fee_ledger.csv': [1, 0, 1], 'claims.csv': [2, 0, 2] },
    changes: ['services'],
  },
  {
    name: 'filing-items', exit: 1,
    rejects: [
      'insurer_filings.csv:2 item enum', 'insurer_filings.csv:3 received_on future_date', 'insurer_filings.csv:4 insurer_id dangling_reference',
      'insurer_filings.csv:6 item duplicate_id',
    ],
    files: { 'insurer_filings.csv': [5, 1, 4] }, changes: ['insurer_filings'],
    stored: [{ sql: `SELECT received_on FROM insurer_filings WHERE insurer_id = 'I2' AND item = 'hq_risk_rating'`, rows: [{ received_on: '2024-04-12' }] }],
  },
  {
    name: 'annual-report-dates', exit: 1,
    rejects: [
      'annual_reports.csv:2 submitted_on future_date', 'annual_reports.csv:3 year year', 'annual_reports.csv:4 submitted_on submitted_before_year',
      'annual_reports.csv:5 year year', 'annual_reports.csv:6 insurer_id dangling_reference',
    ],
    files: { 'annual_reports.csv': [6, 1, 5] }, changes: ['annual_reports'],
    stored: [{ sql: `SELECT insurer_id, year, submitted_on FROM annual_reports WHERE year = 2025`, rows: [{ insurer_id: 'I2', year: 2025, submitted_on: '2026-01-20' }] }],
  },
  {
    // Valid names: stored as written; what a spreadsheet makes of them on export is the exporter's business.
    name: 'formula-cells', exit: 0, rejects: [], files: { 'insurers.csv': [5, 5, 0] }, changes: ['insurers'],
    stored: [{
      sql: `SELECT id, name FROM insurers WHERE id LIKE 'KO%' ORDER BY id`,
      rows: [
        { id: 'KO1', name: '=HYPERLINK("http://example.invalid","点击")' }, { id: 'KO2', name: '+86 351 1234567' },
        { id: 'KO3', name: '-2+3' }, { id: 'KO4', name: '@SUM(A1:A9)' }, { id: 'KO5', name: '=1+1' },
      ],
    }],
  },
  {
    name: 'sql-and-script', exit: 0, rejects: [], files: { 'insurers.csv': [3, 3, 0] }, changes: ['insurers'],
    stored: [{
      sql: `SELECT id, name FROM insurers WHERE id LIKE 'KI%' ORDER BY id`,
      rows: [
        { id: 'KI1', name: "Robert'); DROP TABLE enterprises;--" }, { id: 'KI2', name: '<script>alert(1)</script>' },
        { id: 'KI3', name: "' OR '1'='1" },
      ],
    }],
  },
  {
    name: 'duplicate-ids', exit: 1, rejects: ['insurers.csv:4 id duplicate_id'], files: { 'insurers.csv': [3, 2, 1] }, changes: ['insurers'],
    stored: [{ ...nameOf('KP1'), rows: [{ name: '第一次' }] }],
  },
  {
    name: 'whitespace-around-ids', exit: 1,
    rejects: ['enterprises.csv:2 id id_whitespace', 'enterprises.csv:3 id id_whitespace', 'policies.csv:2 enterprise_id id_whitespace'],
    files: { 'enterprises.csv': [2, 0, 2], 'policies.csv': [1, 0, 1] },
  },
  {
    name: 'duplicate-uscc-in-file', exit: 1, rejects: ['enterprises.csv:3 uscc duplicate_uscc'], files: { 'enterprises.csv': [2, 1, 1] },
    changes: ['enterprises'],
  },
  { name: 'duplicate-uscc-stored', exit: 1, rejects: ['enterprises.csv:2 uscc duplicate_uscc'], files: { 'enterprises.csv': [1, 0, 1] } },
  {
    name: 'shares-99.99', exit: 1, rejects: ['policy_shares.csv:2 share_percent shares_sum', 'policy_shares.csv:3 share_percent shares_sum'],
    files: { 'policy_shares.csv': [2, 0, 2] },
  },
  {
    name: 'shares-100.01', exit: 1, rejects: ['policy_shares.csv:2 share_percent shares_sum', 'policy_shares.csv:3 share_percent shares_sum'],
    files: { 'policy_shares.csv': [2, 0, 2] },
  },
  {
    name: 'dangling-references', exit: 1,
    rejects: ['policies.csv:2 enterprise_id dangling_reference', 'services.csv:2 provider_id dangling_reference', 'claims.csv:2 policy_id dangling_reference'],
    files: { 'policies.csv': [1, 0, 1], 'services.csv': [1, 0, 1], 'claims.csv': [1, 0, 1] },
  },
  { name: 'extra-column', exit: 1, rejects: ['insurers.csv:1 remark unknown_column'], files: { 'insurers.csv': [1, 0, 1] } },
  { name: 'missing-column', exit: 1, rejects: ['insurers.csv:1 filed_on missing_column'], files: { 'insurers.csv': [1, 0, 1] } },
  { name: 'duplicated-column', exit: 1, rejects: ['insurers.csv:1 name duplicate_column'], files: { 'insurers.csv': [1, 0, 1] } },
  { name: 'header-syntax', exit: 1, rejects: ['insurers.csv:1 - csv_syntax'], files: { 'insurers.csv': [1, 0, 1] } },
  { name: 'header-only', exit: 0, rejects: [], files: { 'insurers.csv': [0, 0, 0] } },
  { name: 'empty-file', exit: 1, rejects: ['insurers.csv:1 - empty_file'], files: { 'insurers.csv': [0, 0, 0] } },
  // An upload lists every file it was sent, each with its counts.
  { name: 'unknown-file', exit: 1, rejects: ['enterprise.csv:1 - unknown_file'], files: {}, upload: { files: { 'enterprise.csv': [0, 0, 0] } } },
  { name: 'blank-lines', exit: 0, rejects: [], files: { 'insurers.csv': [2, 2, 0] }, changes: ['insurers'] },
  {
    name: 'symlink', exit: 1, rejects: ['insurers.csv:1 - symlink'], files: {}, upload: false,
    make: (folder) => fs.symlinkSync(path.join(FIXTURES, 'valid', 'insurers.csv'), path.join(folder, 'insurers.csv')),
  },
  {
    // A stray quote and a bad date among 200,000 rows cost those two rows.
    name: 'rows-200000', exit: 1, rejects: ['insurers.csv:100001 name csv_syntax', 'insurers.csv:150001 filed_on date_invalid'],
    files: { 'insurers.csv': [200_000, 199_998, 2] }, changes: ['insurers'],
    make: (folder) => {
      const lines = [INSURERS_HEADER];
      for (let row = 1; row <= 200_000; row += 1) lines.push(`KBIG${row},保险公司${row},2024-05-20`);
      lines[100_000] = 'KBIG100000,坏"引号,2024-05-20';
      lines[150_000] = 'KBIG150000,坏日期,2024-02-30';
      fs.writeFileSync(path.join(folder, 'insurers.csv'), `${lines.join('\n')}\n`);
    },
  },
];
