/**
 * The CSV import against a real SQLite platform database: one failing row per validation rule, mixed
 * files, re-sending, co-insurance replacement, encodings and file subsets. The valid fixture
 * (test/fixtures/import/valid, see its README) is imported first; the cases refer to its rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { DataSource, In } from 'typeorm';
import { importFolder, ImportError, ImportReport, writeRejectsCsv } from '../../etl/csv/import';
import { EnterpriseRow, PolicyRow, PolicyShareRow } from '../../platform/entities';
import { openPlatformDb } from '../../platform/data-source';
import { todayInShanghai } from '../../domain/today';
import { usccCheckCharacter } from '../../domain/uscc';
import { makeTestEnv, TestEnv } from '../support/env';

const VALID = path.resolve(__dirname, '../../../test/fixtures/import/valid');

const HEADERS = {
  enterprises: 'id,uscc,name,industry,size,county_code,status,risk_level,standardization_grade,employees',
  insurers: 'id,name,filed_on',
  providers: 'id,name,qualification_no,qualified_until,blacklisted',
  policies: 'id,policy_no,enterprise_id,start_date,end_date,premium,premium_received,death_limit_per_person,insured_persons,cancelled',
  policy_shares: 'policy_id,insurer_id,share_percent',
  services: 'id,policy_id,enterprise_id,insurer_id,provider_id,kind,service_date,cost,hazards_found,hazards_rectified',
  fee_ledger: 'id,insurer_id,county_code,entry_date,amount,category,service_id',
  claims: 'id,policy_id,accident_date,reported_on,deaths,injuries,claimed_amount,paid_amount,status,settled_on,denial_reason',
};
type File = keyof typeof HEADERS;

/** One valid row per file, referring to the fixture's rows; each case changes one or two cells. */
const GOOD: Record<File, Record<string, string>> = {
  enterprises: {
    id: 'X1', uscc: '91140100MA0GRC0A12', name: '某煤业', industry: 'coal_mine', size: 'large', county_code: '140213',
    status: 'operating', risk_level: 'major', standardization_grade: '1', employees: '100',
  },
  insurers: { id: 'XI', name: '某保险公司', filed_on: '2024-05-20' },
  providers: { id: 'XP', name: '某机构', qualification_no: 'Q1', qualified_until: '2025-01-01', blacklisted: 'false' },
  policies: {
    id: 'XPL', policy_no: 'N1', enterprise_id: 'E1', start_date: '2024-01-01', end_date: '2024-12-31', premium: '1000',
    premium_received: '1000', death_limit_per_person: '300000', insured_persons: '10', cancelled: 'false',
  },
  policy_shares: { policy_id: 'PL2', insurer_id: 'I1', share_percent: '100' },
  services: {
    id: 'XS', policy_id: 'PL1', enterprise_id: 'E1', insurer_id: 'I1', provider_id: 'P1', kind: 'drill',
    service_date: '2024-05-01', cost: '100', hazards_found: '3', hazards_rectified: '3',
  },
  fee_ledger: { id: 'XF', insurer_id: 'I1', county_code: '140213', entry_date: '2024-05-01', amount: '100', category: 'drill', service_id: 'S1' },
  claims: {
    id: 'XC', policy_id: 'PL1', accident_date: '2024-05-01', reported_on: '2024-05-02', deaths: '0', injuries: '1',
    claimed_amount: '1000', paid_amount: '900', status: 'paid', settled_on: '2024-06-01', denial_reason: '',
  },
};

const usccById = new Map<string, string>();

/** A valid USCC of its own for each enterprise id: one code, one enterprise. */
function usccFor(id: string): string {
  let code = usccById.get(id);
  if (code === undefined) {
    const first17 = `91149900${String(usccById.size + 1).padStart(9, '0')}`;
    code = first17 + usccCheckCharacter(first17);
    usccById.set(id, code);
  }
  return code;
}

function csvRow(file: File, row: Record<string, string>): string {
  // The cases copy GOOD.enterprises; each copy is another enterprise and needs its own code.
  const cells = file === 'enterprises' && row.uscc === GOOD.enterprises.uscc ? { ...row, uscc: usccFor(row.id) } : row;
  return HEADERS[file].split(',').map((column) => {
    const cell = cells[column];
    return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }).join(',');
}

function csvFile(file: File, rows: Array<Record<string, string>>): string {
  return [HEADERS[file], ...rows.map((row) => csvRow(file, row))].join('\n') + '\n';
}

let env: TestEnv;
let dataSource: DataSource;
let folderCount = 0;

/** Writes the files into a fresh folder and imports it. */
async function importFiles(files: Record<string, string | Buffer>, now?: number, today?: string): Promise<ImportReport> {
  folderCount += 1;
  const folder = path.join(env.dataDir, `submission-${folderCount}`);
  fs.mkdirSync(folder);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return importFolder(dataSource, folder, { now, today });
}

beforeAll(async () => {
  env = makeTestEnv('import');
  dataSource = await openPlatformDb(env.config.platform);
  const report = await importFolder(dataSource, VALID, { now: 1_000 });
  expect(report.rejects).toEqual([]);
});

afterAll(async () => {
  await dataSource.destroy();
  env.remove();
});

describe('the valid fixture', () => {
  it('is stored whole, money in fen and shares in hundredths', async () => {
    const count = async (table: string) => Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    expect(await count('enterprises')).toBe(4);
    expect(await count('policy_shares')).toBe(4);
    expect(await count('claims')).toBe(3);
    const policies = await dataSource.getRepository(PolicyRow).find({ order: { id: 'ASC' } });
    expect(policies.map((policy) => policy.premiumFen)).toEqual([12_000_000, 3_600_000, 500_000]);
    expect(policies.reduce((total, policy) => total + policy.premiumReceivedFen, 0)).toBe(15_400_050);
    expect(policies[2]).toMatchObject({ insuredPersons: null, cancelled: true });
    const e2 = await dataSource.getRepository(EnterpriseRow).findOneByOrFail({ id: 'E2' });
    expect(e2.name).toBe('山西某化工有限公司, 小店分公司');
    const e3 = await dataSource.getRepository(EnterpriseRow).findOneByOrFail({ id: 'E3' });
    expect(e3).toMatchObject({ standardizationGrade: null, employees: null });
    const shares = await dataSource.getRepository(PolicyShareRow).findBy({ policyId: 'PL1' });
    expect(shares.map((share) => [share.insurerId, share.shareHundredths]).sort()).toEqual([['I1', 6000], ['I2', 4000]]);
  });
});

interface RuleCase {
  file: File;
  change: Record<string, string>;
  column: string;
  rule: string;
}

const RULE_CASES: RuleCase[] = [
  { file: 'enterprises', change: { name: '' }, column: 'name', rule: 'required' },
  { file: 'enterprises', change: { name: '企'.repeat(201) }, column: 'name', rule: 'too_long' },
  { file: 'enterprises', change: { industry: 'coal' }, column: 'industry', rule: 'enum' },
  { file: 'enterprises', change: { size: 'huge' }, column: 'size', rule: 'enum' },
  { file: 'enterprises', change: { status: 'open' }, column: 'status', rule: 'enum' },
  { file: 'enterprises', change: { risk_level: 'red' }, column: 'risk_level', rule: 'enum' },
  { file: 'enterprises', change: { standardization_grade: '4' }, column: 'standardization_grade', rule: 'enum' },
  { file: 'enterprises', change: { county_code: '140100' }, column: 'county_code', rule: 'county_code' },
  { file: 'enterprises', change: { county_code: '110101' }, column: 'county_code', rule: 'county_code' },
  { file: 'enterprises', change: { uscc: '91140100MA0GRC0A1' }, column: 'uscc', rule: 'uscc_length' },
  { file: 'enterprises', change: { uscc: '91140100MA0GRC0AI2' }, column: 'uscc', rule: 'uscc_character' },
  { file: 'enterprises', change: { uscc: '91140100MA0GRC0A13' }, column: 'uscc', rule: 'uscc_check' },
  { file: 'enterprises', change: { employees: '-3' }, column: 'employees', rule: 'integer' },
  { file: 'enterprises', change: { employees: '1.5' }, column: 'employees', rule: 'integer' },
  { file: 'insurers', change: { filed_on: '2024/05/20' }, column: 'filed_on', rule: 'date_format' },
  { file: 'insurers', change: { filed_on: '2023-02-29' }, column: 'filed_on', rule: 'date_invalid' },
  { file: 'providers', change: { blacklisted: 'yes' }, column: 'blacklisted', rule: 'boolean' },
  { file: 'providers', change: { qualified_until: '2024-13-01' }, column: 'qualified_until', rule: 'date_invalid' },
  { file: 'policies', change: { start_date: '' }, column: 'start_date', rule: 'required' },
  { file: 'policies', change: { end_date: '2023-12-31' }, column: 'end_date', rule: 'end_before_start' },
  { file: 'policies', change: { premium: '-1' }, column: 'premium', rule: 'money_negative' },
  { file: 'policies', change: { premium_received: '1.234' }, column: 'premium_received', rule: 'money_places' },
  { file: 'policies', change: { death_limit_per_person: '30万' }, column: 'death_limit_per_person', rule: 'money_format' },
  { file: 'policies', change: { insured_persons: '-1' }, column: 'insured_persons', rule: 'integer' },
  { file: 'policies', change: { cancelled: 'no' }, column: 'cancelled', rule: 'boolean' },
  { file: 'policies', change: { enterprise_id: 'NOPE' }, column: 'enterprise_id', rule: 'dangling_reference' },
  { file: 'policy_shares', change: { share_percent: '0' }, column: 'share_percent', rule: 'share_range' },
  { file: 'policy_shares', change: { share_percent: '100.01' }, column: 'share_percent', rule: 'share_range' },
  { file: 'policy_shares', change: { share_percent: '33.333' }, column: 'share_percent', rule: 'share_format' },
  { file: 'policy_shares', change: { share_percent: '60' }, column: 'share_percent', rule: 'shares_sum' },
  { file: 'policy_shares', change: { insurer_id: 'NOPE' }, column: 'insurer_id', rule: 'dangling_reference' },
  { file: 'policy_shares', change: { policy_id: 'NOPE' }, column: 'policy_id', rule: 'dangling_reference' },
  { file: 'services', change: { hazards_rectified: '4' }, column: 'hazards_rectified', rule: 'rectified_exceeds_found' },
  { file: 'services', change: { hazards_found: 'many' }, column: 'hazards_found', rule: 'integer' },
  { file: 'services', change: { kind: 'audit' }, column: 'kind', rule: 'enum' },
  { file: 'services', change: { enterprise_id: 'E2' }, column: 'enterprise_id', rule: 'service_enterprise_mismatch' },
  { file: 'services', change: { provider_id: 'NOPE' }, column: 'provider_id', rule: 'dangling_reference' },
  { file: 'services', change: { policy_id: 'NOPE' }, column: 'policy_id', rule: 'dangling_reference' },
  { file: 'services', change: { cost: '1,000' }, column: 'cost', rule: 'money_format' },
  { file: 'fee_ledger', change: { service_id: 'NOPE' }, column: 'service_id', rule: 'dangling_reference' },
  { file: 'fee_ledger', change: { insurer_id: 'NOPE' }, column: 'insurer_id', rule: 'dangling_reference' },
  { file: 'fee_ledger', change: { county_code: '140300' }, column: 'county_code', rule: 'county_code' },
  { file: 'fee_ledger', change: { amount: '-0.01' }, column: 'amount', rule: 'money_negative' },
  { file: 'claims', change: { settled_on: '2024-05-01' }, column: 'settled_on', rule: 'settled_before_reported' },
  { file: 'claims', change: { reported_on: '2024-04-30' }, column: 'reported_on', rule: 'reported_before_accident' },
  { file: 'claims', change: { paid_amount: '' }, column: 'paid_amount', rule: 'paid_without_amount' },
  { file: 'claims', change: { status: 'denied', paid_amount: '' }, column: 'denial_reason', rule: 'denied_without_reason' },
  { file: 'claims', change: { status: 'closed' }, column: 'status', rule: 'enum' },
  { file: 'claims', change: { deaths: 'x' }, column: 'deaths', rule: 'integer' },
  { file: 'claims', change: { claimed_amount: '1.001' }, column: 'claimed_amount', rule: 'money_places' },
  { file: 'claims', change: { paid_amount: '-900' }, column: 'paid_amount', rule: 'money_negative' },
  { file: 'claims', change: { policy_id: 'NOPE' }, column: 'policy_id', rule: 'dangling_reference' },
];

describe('each rule rejects its row with file, line, column and rule', () => {
  it.each(RULE_CASES)('$file $column: $rule', async ({ file, change, column, rule }) => {
    const row = { ...GOOD[file], ...change };
    const report = await importFiles({ [`${file}.csv`]: csvFile(file, [row]) });
    expect(report.rejects).toEqual([
      expect.objectContaining({ file: `${file}.csv`, line: 2, column, rule }),
    ]);
    const reject = report.rejects[0];
    expect(reject.message.length).toBeGreaterThan(10);
    expect(reject.value).toBe(rule === 'required' || rule.endsWith('_without_amount') || rule.endsWith('_without_reason') ? null : row[column]);
    expect(report.files).toEqual([{ file: `${file}.csv`, rows: 1, stored: 0, rejected: 1 }]);
  });

  it('the good rows of the cases above are accepted, so each case fails for its own reason', async () => {
    const report = await importFiles(Object.fromEntries(
      (Object.keys(GOOD) as File[]).map((file) => [`${file}.csv`, csvFile(file, [GOOD[file]])]),
    ));
    expect(report.rejects).toEqual([]);
    expect(report.files.map((file) => file.stored)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('names the allowed values of an enum and the sum of shares', async () => {
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, standardization_grade: 'A' }]),
      'policy_shares.csv': csvFile('policy_shares', [
        { policy_id: 'PL1', insurer_id: 'I1', share_percent: '50' }, { policy_id: 'PL1', insurer_id: 'I2', share_percent: '40.5' },
      ]),
    });
    expect(report.rejects[0].message).toContain('1, 2, 3, or empty for none');
    expect(report.rejects.slice(1).map((reject) => [reject.line, reject.rule])).toEqual([[2, 'shares_sum'], [3, 'shares_sum']]);
    expect(report.rejects[1].message).toContain('sum to 90.50%');
  });

  it("a policy's shares without its rejected share do not sum to 100, and the message says why", async () => {
    const report = await importFiles({
      'policy_shares.csv': csvFile('policy_shares', [
        { policy_id: 'PL2', insurer_id: 'NOPE', share_percent: '40' }, { policy_id: 'PL2', insurer_id: 'I1', share_percent: '60' },
      ]),
    });
    expect(report.rejects.map(({ line, column, rule }) => ({ line, column, rule }))).toEqual([
      { line: 2, column: 'insurer_id', rule: 'dangling_reference' },
      { line: 3, column: 'share_percent', rule: 'shares_sum' },
    ]);
    expect(report.rejects[1].message).toContain('sum to 60.00%, not 100%, without its rejected rows (line 2)');
    expect(report.files[0]).toEqual({ file: 'policy_shares.csv', rows: 2, stored: 0, rejected: 2 });
  });

  it('a duplicate id in one file rejects the later row', async () => {
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', [GOOD.enterprises, { ...GOOD.enterprises, name: '另一个' }]),
    });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 3, column: 'id', rule: 'duplicate_id', value: 'X1' })]);
    expect(report.rejects[0].message).toContain('line 2');
    expect((await dataSource.getRepository(EnterpriseRow).findOneByOrFail({ id: 'X1' })).name).toBe('某煤业');
  });

  it('a duplicate insurer of one policy in policy_shares.csv is a duplicate', async () => {
    const report = await importFiles({
      'policy_shares.csv': csvFile('policy_shares', [GOOD.policy_shares, GOOD.policy_shares]),
    });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 3, column: 'insurer_id', rule: 'duplicate_id' })]);
    expect(report.files[0]).toEqual({ file: 'policy_shares.csv', rows: 2, stored: 1, rejected: 1 });
  });

  it('a row with the wrong number of cells', async () => {
    const report = await importFiles({ 'insurers.csv': `${HEADERS.insurers}\nI9,名称\n` });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 2, column: null, rule: 'column_count' })]);
  });

  it('a row referring to a row rejected in the same submission is rejected too', async () => {
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, id: 'R1', county_code: '000000' }]),
      'policies.csv': csvFile('policies', [{ ...GOOD.policies, id: 'RPL', enterprise_id: 'R1' }]),
      'claims.csv': csvFile('claims', [{ ...GOOD.claims, id: 'RC', policy_id: 'RPL' }]),
    });
    expect(report.rejects.map(({ file, line, column, rule }) => ({ file, line, column, rule }))).toEqual([
      { file: 'enterprises.csv', line: 2, column: 'county_code', rule: 'county_code' },
      { file: 'policies.csv', line: 2, column: 'enterprise_id', rule: 'dangling_reference' },
      { file: 'claims.csv', line: 2, column: 'policy_id', rule: 'dangling_reference' },
    ]);
    expect(report.rejects[1].message).toContain('rejected in enterprises.csv line 2');
  });

  it('an enterprise rejected now is not referable even though an older version is stored', async () => {
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, id: 'E4', size: 'tiny' }]),
      'policies.csv': csvFile('policies', [{ ...GOOD.policies, id: 'E4PL', enterprise_id: 'E4' }]),
    });
    expect(report.rejects.map((reject) => reject.rule)).toEqual(['enum', 'dangling_reference']);
  });
});

describe('insurer_filings.csv and annual_reports.csv', () => {
  const filings = (rows: string[]) => ['insurer_id,item,received_on', ...rows].join('\n') + '\n';
  const reports = (rows: string[]) => ['insurer_id,year,submitted_on', ...rows].join('\n') + '\n';

  it.each([
    { file: 'insurer_filings.csv', row: 'I1,hq_licence,2024-04-01', column: 'item', rule: 'enum' },
    { file: 'insurer_filings.csv', row: 'I1,prevention_plan,2024-06-11', column: 'received_on', rule: 'future_date' },
    { file: 'insurer_filings.csv', row: 'NOPE,prevention_plan,2024-04-01', column: 'insurer_id', rule: 'dangling_reference' },
    { file: 'insurer_filings.csv', row: 'I1,prevention_plan,', column: 'received_on', rule: 'required' },
    { file: 'annual_reports.csv', row: 'I1,2019,2024-01-20', column: 'year', rule: 'year' },
    { file: 'annual_reports.csv', row: 'I1,MMXXIV,2024-01-20', column: 'year', rule: 'year' },
    { file: 'annual_reports.csv', row: 'I1,2024,2023-12-31', column: 'submitted_on', rule: 'submitted_before_year' },
    { file: 'annual_reports.csv', row: 'I1,2024,2024-06-11', column: 'submitted_on', rule: 'future_date' },
    { file: 'annual_reports.csv', row: 'NOPE,2023,2024-01-20', column: 'insurer_id', rule: 'dangling_reference' },
  ])('$file $column: $rule', async ({ file, row, column, rule }) => {
    const content = file === 'insurer_filings.csv' ? filings([row]) : reports([row]);
    const report = await importFiles({ [file]: content }, undefined, '2024-06-10');
    expect(brief(report)).toEqual([{ file, line: 2, column, rule }]);
  });

  it('names the 附件1 item codes a filing item may have', async () => {
    const report = await importFiles({ 'insurer_filings.csv': filings(['I1,licence,2024-04-01']) });
    expect(report.rejects[0].message).toContain('hq_business_licence');
    expect(report.rejects[0].message).toContain('commitment_letter');
  });

  it('re-sending an item or a report updates it by its key; one key twice in a file is a duplicate', async () => {
    await importFiles({ 'insurer_filings.csv': filings(['I1,filed_products,2024-04-01']), 'annual_reports.csv': reports(['I1,2023,2024-02-10']) });
    const again = await importFiles({
      'insurer_filings.csv': filings(['I1,filed_products,2024-04-03', 'I1,filed_products,2024-04-04']),
      'annual_reports.csv': reports(['I1,2023,2024-01-30', 'I1,2023,2024-01-31']),
    });
    expect(brief(again)).toEqual([
      { file: 'insurer_filings.csv', line: 3, column: 'item', rule: 'duplicate_id' },
      { file: 'annual_reports.csv', line: 3, column: 'year', rule: 'duplicate_id' },
    ]);
    expect(await dataSource.query("SELECT received_on FROM insurer_filings WHERE insurer_id = 'I1' AND item = 'filed_products'"))
      .toEqual([{ received_on: '2024-04-03' }]);
    expect(await dataSource.query("SELECT year, submitted_on FROM annual_reports WHERE insurer_id = 'I1' AND year = 2023"))
      .toEqual([{ year: 2023, submitted_on: '2024-01-30' }]);
  });
});

describe('headers', () => {
  it('refuses a file with an extra column, naming it, and stores none of its rows', async () => {
    const report = await importFiles({
      'insurers.csv': `id,name,filed_on,remark\nXH1,某保险,2024-01-01,备注\n`,
    });
    expect(report.rejects).toEqual([expect.objectContaining({ file: 'insurers.csv', line: 1, column: 'remark', rule: 'unknown_column' })]);
    expect(report.rejects[0].message).toContain('whole file was refused');
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 1, stored: 0, rejected: 1 }]);
    expect(await dataSource.query(`SELECT id FROM insurers WHERE id = 'XH1'`)).toEqual([]);
  });

  it('refuses a missing column', async () => {
    const report = await importFiles({ 'insurers.csv': `id,name\nXH2,某保险\n` });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 1, column: 'filed_on', rule: 'missing_column' })]);
  });

  it('refuses a duplicate column', async () => {
    const report = await importFiles({ 'insurers.csv': `id,name,name,filed_on\nXH3,a,b,\n` });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 1, column: 'name', rule: 'duplicate_column' })]);
  });

  it('accepts columns in any order and a UTF-8 byte order mark', async () => {
    const report = await importFiles({ 'insurers.csv': `\ufefffiled_on,id,name\n2024-03-01,XH4,某保险\n` });
    expect(report.rejects).toEqual([]);
    expect(await dataSource.query(`SELECT name, filed_on FROM insurers WHERE id = 'XH4'`)).toEqual([{ name: '某保险', filed_on: '2024-03-01' }]);
  });

  it('reports an empty file, an unknown file and broken quoting', async () => {
    const report = await importFiles({
      'insurers.csv': '',
      'enterprise.csv': `${HEADERS.enterprises}\n`,
      'providers.csv': `${HEADERS.providers}\nXP1,"ok",,,false\nXP2,"unterminated,,,false\n`,
    });
    expect(report.rejects.map(({ file, line, rule }) => ({ file, line, rule }))).toEqual([
      { file: 'enterprise.csv', line: 1, rule: 'unknown_file' },
      { file: 'insurers.csv', line: 1, rule: 'empty_file' },
      { file: 'providers.csv', line: 3, rule: 'csv_syntax' },
    ]);
    expect(report.files.find((file) => file.file === 'providers.csv')).toMatchObject({ stored: 1 });
  });
});

describe('encoding', () => {
  it('refuses a GBK file, naming GBK', async () => {
    const text = `${HEADERS.insurers}\nXG1,中国人民财产保险股份有限公司山西省分公司,2024-05-20\n`;
    const report = await importFiles({ 'insurers.csv': iconv.encode(text, 'gbk') });
    expect(report.rejects).toEqual([expect.objectContaining({ file: 'insurers.csv', line: 2, column: null, rule: 'encoding' })]);
    expect(report.rejects[0].message).toMatch(/GBK/);
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 1, stored: 0, rejected: 1 }]);
  });

  it('refuses a UTF-16 file, naming UTF-16', async () => {
    const text = `\ufeff${HEADERS.insurers}\nXU1,某保险,\n`;
    const report = await importFiles({ 'insurers.csv': Buffer.from(text, 'utf16le') });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 1, rule: 'encoding', message: 'file is UTF-16-encoded, save it as UTF-8' })]);
  });

  it('refuses another non-UTF-8 file as not UTF-8', async () => {
    const report = await importFiles({ 'insurers.csv': Buffer.from(`${HEADERS.insurers}\nXL1,Caf\xe9,\n`, 'latin1') });
    expect(report.rejects).toEqual([expect.objectContaining({ line: 2, rule: 'encoding' })]);
    expect(report.rejects[0].message).toContain('not UTF-8');
    expect(report.rejects[0].message).not.toContain('GBK');
  });
});

describe('a mixed file', () => {
  it('stores the good rows and reports each bad one', async () => {
    const rows = [
      { ...GOOD.enterprises, id: 'M1' },
      { ...GOOD.enterprises, id: 'M2', county_code: '149999' },
      { ...GOOD.enterprises, id: 'M3', name: '"引号", 逗号\n换行' },
      { ...GOOD.enterprises, id: 'M4', uscc: '91140100MA0GRC0A1Y', employees: '-1' },
      { ...GOOD.enterprises, id: 'M5', industry: 'metallurgy' },
    ];
    const report = await importFiles({ 'enterprises.csv': csvFile('enterprises', rows) });
    expect(report.files).toEqual([{ file: 'enterprises.csv', rows: 5, stored: 3, rejected: 2 }]);
    // M3's name spans two lines, so M4 starts on line 6.
    expect(report.rejects.map(({ line, column, rule }) => ({ line, column, rule }))).toEqual([
      { line: 3, column: 'county_code', rule: 'county_code' },
      { line: 6, column: 'uscc', rule: 'uscc_check' },
      { line: 6, column: 'employees', rule: 'integer' },
    ]);
    const stored = await dataSource.getRepository(EnterpriseRow).find({ where: { id: In(['M1', 'M2', 'M3', 'M4', 'M5']) }, order: { id: 'ASC' } });
    expect(stored.map((row) => row.id)).toEqual(['M1', 'M3', 'M5']);
    expect(stored[1].name).toBe('"引号", 逗号\n换行');
  });

  it('writes rejects.csv with file, line, column, rule, message, value', async () => {
    const file = path.join(env.dataDir, 'rejects-written.csv');
    await writeRejectsCsv(file, [
      { file: 'a.csv', line: 3, column: 'name', rule: 'required', message: 'x, "y"', value: null },
      { file: 'b.csv', line: 1, column: null, rule: 'encoding', message: 'm', value: '中' },
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '\ufefffile,line,column,rule,message,value\r\na.csv,3,name,required,"x, ""y""",\r\nb.csv,1,,encoding,m,中\r\n',
    );
  });
});

describe('re-sending', () => {
  it('updates rows without duplicating them and advances updated_at', async () => {
    const before = Number((await dataSource.query('SELECT COUNT(*) AS n FROM enterprises'))[0].n);
    const enterprises = fs.readFileSync(path.join(VALID, 'enterprises.csv'), 'utf8').replace('大同市平城区某煤业有限公司', '大同市平城区某煤业集团');
    const report = await importFiles({ 'enterprises.csv': enterprises }, 2_000);
    expect(report.files).toEqual([{ file: 'enterprises.csv', rows: 4, stored: 4, rejected: 0 }]);
    expect(Number((await dataSource.query('SELECT COUNT(*) AS n FROM enterprises'))[0].n)).toBe(before);
    const e1 = await dataSource.getRepository(EnterpriseRow).findOneByOrFail({ id: 'E1' });
    expect(e1).toMatchObject({ name: '大同市平城区某煤业集团', updatedAt: 2_000 });
  });

  it("a policy's shares in the file replace its stored shares", async () => {
    const report = await importFiles({
      'policy_shares.csv': csvFile('policy_shares', [
        { policy_id: 'PL3', insurer_id: 'I1', share_percent: '50' }, { policy_id: 'PL3', insurer_id: 'I2', share_percent: '50' },
      ]),
    }, 3_000);
    expect(report.rejects).toEqual([]);
    const replace = await importFiles({
      'policy_shares.csv': csvFile('policy_shares', [{ policy_id: 'PL3', insurer_id: 'I1', share_percent: '100.00' }]),
    }, 4_000);
    expect(replace.rejects).toEqual([]);
    const shares = await dataSource.getRepository(PolicyShareRow).findBy({ policyId: 'PL3' });
    expect(shares.map(({ insurerId, shareHundredths, updatedAt }) => ({ insurerId, shareHundredths, updatedAt })))
      .toEqual([{ insurerId: 'I1', shareHundredths: 10_000, updatedAt: 4_000 }]);
  });

  it('shares that do not sum to 100 leave the stored set as it was', async () => {
    const report = await importFiles({
      'policy_shares.csv': csvFile('policy_shares', [
        { policy_id: 'PL1', insurer_id: 'I1', share_percent: '70' }, { policy_id: 'PL1', insurer_id: 'I2', share_percent: '20' },
      ]),
    });
    expect(report.files[0]).toEqual({ file: 'policy_shares.csv', rows: 2, stored: 0, rejected: 2 });
    const shares = await dataSource.getRepository(PolicyShareRow).findBy({ policyId: 'PL1' });
    expect(shares.map((share) => [share.insurerId, share.shareHundredths]).sort()).toEqual([['I1', 6000], ['I2', 4000]]);
  });
});

describe('file subsets and the submission', () => {
  it('imports any subset, referring to stored rows and to rows of the same submission', async () => {
    const report = await importFiles({
      'claims.csv': csvFile('claims', [{ ...GOOD.claims, id: 'SUB-C', policy_id: 'SUB-PL' }]),
      'policies.csv': csvFile('policies', [{ ...GOOD.policies, id: 'SUB-PL', enterprise_id: 'SUB-E' }]),
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, id: 'SUB-E' }]),
      'services.csv': csvFile('services', [{ ...GOOD.services, id: 'SUB-S', policy_id: 'SUB-PL', enterprise_id: 'SUB-E' }]),
      'fee_ledger.csv': csvFile('fee_ledger', [{ ...GOOD.fee_ledger, id: 'SUB-F', service_id: 'SUB-S' }]),
    });
    expect(report.rejects).toEqual([]);
    expect(report.files.map((file) => file.file)).toEqual(['enterprises.csv', 'policies.csv', 'services.csv', 'fee_ledger.csv', 'claims.csv']);
    expect(await dataSource.query(`SELECT policy_id FROM claims WHERE id = 'SUB-C'`)).toEqual([{ policy_id: 'SUB-PL' }]);
  });

  it('keeps line numbers and references right across storage batches', async () => {
    const rows: Array<Record<string, string>> = Array.from({ length: 12_000 }, (_, index) => ({ ...GOOD.enterprises, id: `B${index}` }));
    rows[7_000] = { ...rows[7_000], id: 'B10' };
    rows[11_999] = { ...rows[11_999], size: 'giant' };
    const policies = [{ ...GOOD.policies, id: 'BPL1', enterprise_id: 'B5' }, { ...GOOD.policies, id: 'BPL2', enterprise_id: 'B11999' }];
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', rows),
      'policies.csv': csvFile('policies', policies),
    });
    expect(report.files[0]).toEqual({ file: 'enterprises.csv', rows: 12_000, stored: 11_998, rejected: 2 });
    expect(report.rejects.map(({ file, line, rule }) => ({ file, line, rule }))).toEqual([
      { file: 'enterprises.csv', line: 7_002, rule: 'duplicate_id' },
      { file: 'enterprises.csv', line: 12_001, rule: 'enum' },
      { file: 'policies.csv', line: 3, rule: 'dangling_reference' },
    ]);
  });

  it('fails clearly on a missing folder or a folder without CSV files', async () => {
    await expect(importFolder(dataSource, path.join(env.dataDir, 'nowhere'))).rejects.toThrow(ImportError);
    await expect(importFolder(dataSource, path.join(env.dataDir, 'nowhere'))).rejects.toThrow(/folder not found/);
    const empty = path.join(env.dataDir, 'empty');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'no csv here');
    await expect(importFolder(dataSource, empty)).rejects.toThrow(/no CSV files/);
  });
});

/** `count` insurer rows from line 2 on, then `tail` lines as written. */
function insurersWith(count: number, tail: string[], lineBreak = '\n'): string {
  const lines = [HEADERS.insurers];
  for (let index = 1; index <= count; index += 1) lines.push(`Q${index},保险${index},2024-01-01`);
  return [...lines, ...tail].join(lineBreak) + lineBreak;
}

async function storedInsurers(prefix: string): Promise<number> {
  return Number((await dataSource.query(`SELECT COUNT(*) AS n FROM insurers WHERE id LIKE ?`, [`${prefix}%`]))[0].n);
}

const brief = (report: ImportReport) => report.rejects.map(({ file, line, column, rule }) => ({ file, line, column, rule }));

describe('every line is accounted for: a quoting error costs its own row only', () => {
  beforeEach(async () => {
    await dataSource.query(`DELETE FROM insurers WHERE id LIKE 'Q%'`);
  });

  it('a stray quote on line 20,002 after 20,000 valid rows: 20,000 stored, that line rejected', async () => {
    const report = await importFiles({ 'insurers.csv': insurersWith(20_000, ['QX,bad"name,2024-01-01']) });
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 20_001, stored: 20_000, rejected: 1 }]);
    expect(brief(report)).toEqual([{ file: 'insurers.csv', line: 20_002, column: 'name', rule: 'csv_syntax' }]);
    expect(await storedInsurers('Q')).toBe(20_000);
  });

  it('a stray quote on line 52 after 50 valid rows: the 50 are stored, not an empty file', async () => {
    const report = await importFiles({ 'insurers.csv': insurersWith(50, ['QX,bad"name,2024-01-01']) });
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 51, stored: 50, rejected: 1 }]);
    expect(brief(report)).toEqual([{ file: 'insurers.csv', line: 52, column: 'name', rule: 'csv_syntax' }]);
  });

  it('a quoted cell that never closes is rejected on the line it opens; the rows after it are read', async () => {
    const report = await importFiles({
      'insurers.csv': `${HEADERS.insurers}\nQ1,一,2024-01-01\nQ2,"二,2024-01-01\nQ3,三,2024-01-01\nQ4,四,2024-01-01\n`,
    });
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 4, stored: 3, rejected: 1 }]);
    expect(brief(report)).toEqual([{ file: 'insurers.csv', line: 3, column: 'name', rule: 'csv_syntax' }]);
    expect(report.rejects[0].message).toContain('opened on line 3');
  });

  it('a stray opening quote that runs to a quote further down, leaving a row of the wrong length, costs its own line', async () => {
    const report = await importFiles({
      'insurers.csv': `${HEADERS.insurers}\nQ1,"一,2024-01-01\nQ2,二,2024-01-01\n三",x,2024-01-01\nQ4,四,2024-01-01\n`,
    });
    // Line 2's quote runs to line 4, leaving a row of 4 cells; lines 3 and 4 are read again as rows.
    expect(brief(report)).toEqual([
      { file: 'insurers.csv', line: 2, column: null, rule: 'column_count' },
      { file: 'insurers.csv', line: 4, column: 'id', rule: 'csv_syntax' },
    ]);
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 4, stored: 2, rejected: 2 }]);
    expect(await dataSource.query(`SELECT id FROM insurers WHERE id LIKE 'Q%' ORDER BY id`)).toEqual([{ id: 'Q2' }, { id: 'Q4' }]);
  });

  it('says which rows span several lines, so that a quote swallowing whole lines into a cell is seen', async () => {
    const report = await importFiles({
      'insurers.csv': `${HEADERS.insurers}\nQ1,"一,2024-01-01\nQ2,二,2024-01-01\nQ3,三",2024-01-01\nQ4,四,2024-01-01\n`,
    });
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 2, stored: 2, rejected: 0 }]);
    expect(report.spanning).toEqual([{ file: 'insurers.csv', rows: 1, firstLine: 2, lastLine: 4 }]);
  });

  it('text after a closing quote is a syntax error at the line where the cell opens', async () => {
    const report = await importFiles({
      'insurers.csv': `${HEADERS.insurers}\nQ1,"一\n二"x,2024-01-01\nQ2,二,2024-01-01\n`,
    });
    expect(brief(report)).toEqual([
      { file: 'insurers.csv', line: 2, column: 'name', rule: 'csv_syntax' },
      { file: 'insurers.csv', line: 3, column: 'id', rule: 'csv_syntax' },
    ]);
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 3, stored: 1, rejected: 2 }]);
  });

  it('an unclosed quote on the last line costs that line only', async () => {
    const report = await importFiles({ 'insurers.csv': insurersWith(3, ['QX,"open,2024-01-01']) });
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 4, stored: 3, rejected: 1 }]);
    expect(brief(report)).toEqual([{ file: 'insurers.csv', line: 5, column: 'name', rule: 'csv_syntax' }]);
  });

  it.each([['CRLF', '\r\n'], ['a lone CR', '\r']])('counts lines ended by %s', async (_, lineBreak) => {
    const report = await importFiles({ 'insurers.csv': insurersWith(3, ['QX,x"y,2024-01-01', 'Q9,"多\n行",'], lineBreak) });
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 5, stored: 4, rejected: 1 }]);
    expect(brief(report)).toEqual([{ file: 'insurers.csv', line: 5, column: 'name', rule: 'csv_syntax' }]);
    expect(await dataSource.query(`SELECT name FROM insurers WHERE id = 'Q9'`)).toEqual([{ name: '多\n行' }]);
  });

  it('a syntax error in the header refuses the file, counting its rows as rejected', async () => {
    const report = await importFiles({ 'insurers.csv': `id,"name,filed_on\nQ1,一,2024-01-01\n` });
    expect(brief(report)).toEqual([{ file: 'insurers.csv', line: 1, column: null, rule: 'csv_syntax' }]);
    expect(report.files).toEqual([{ file: 'insurers.csv', rows: 1, stored: 0, rejected: 1 }]);
  });
});

describe('what was silently accepted', () => {
  it('refuses a symbolic link and a directory named like a platform file, without following them', async () => {
    folderCount += 1;
    const folder = path.join(env.dataDir, `submission-${folderCount}`);
    fs.mkdirSync(folder);
    const elsewhere = path.join(env.dataDir, `elsewhere-${folderCount}.csv`);
    fs.writeFileSync(elsewhere, csvFile('insurers', [{ id: 'LINKED', name: '链接', filed_on: '' }]));
    fs.symlinkSync(elsewhere, path.join(folder, 'insurers.csv'));
    fs.mkdirSync(path.join(folder, 'providers.csv'));
    fs.writeFileSync(path.join(folder, 'enterprises.csv'), csvFile('enterprises', [{ ...GOOD.enterprises, id: 'NEXT-TO-LINK' }]));
    const report = await importFolder(dataSource, folder);
    expect(brief(report)).toEqual([
      { file: 'insurers.csv', line: 1, column: null, rule: 'symlink' },
      { file: 'providers.csv', line: 1, column: null, rule: 'not_a_file' },
    ]);
    expect(report.rejects[0].message).toContain(elsewhere);
    expect(report.files).toEqual([{ file: 'enterprises.csv', rows: 1, stored: 1, rejected: 0 }]);
    expect(await dataSource.query(`SELECT id FROM insurers WHERE id = 'LINKED'`)).toEqual([]);
  });

  it('rejects NUL and other control characters in ids and names', async () => {
    const report = await importFiles({
      'insurers.csv': csvFile('insurers', [
        { id: 'N\u00001', name: '某保险', filed_on: '' },
        { id: 'N2', name: '某\u0000保险', filed_on: '' },
        { id: 'N3', name: '某\u0007保险', filed_on: '' },
        { id: 'N4', name: '某\t保险\n分公司', filed_on: '' },
      ]),
    });
    expect(brief(report)).toEqual([
      { file: 'insurers.csv', line: 2, column: 'id', rule: 'control_character' },
      { file: 'insurers.csv', line: 3, column: 'name', rule: 'control_character' },
      { file: 'insurers.csv', line: 4, column: 'name', rule: 'control_character' },
    ]);
    expect(report.rejects[0].message).toContain('U+0000 (NUL)');
    expect(await dataSource.query(`SELECT name FROM insurers WHERE id = 'N4'`)).toEqual([{ name: '某\t保险\n分公司' }]);
  });

  it('rejects whitespace around an id and around a reference, rather than making a second enterprise', async () => {
    const before = Number((await dataSource.query('SELECT COUNT(*) AS n FROM enterprises'))[0].n);
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, id: 'E1 ', uscc: '91140100MA0GRC0A12' }]),
      'policies.csv': csvFile('policies', [{ ...GOOD.policies, id: 'WSPL', enterprise_id: ' E1' }, { ...GOOD.policies, id: 'E\u30001' }]),
    });
    expect(brief(report)).toEqual([
      { file: 'enterprises.csv', line: 2, column: 'id', rule: 'id_whitespace' },
      { file: 'policies.csv', line: 2, column: 'enterprise_id', rule: 'id_whitespace' },
    ]);
    expect(report.files[1]).toEqual({ file: 'policies.csv', rows: 2, stored: 1, rejected: 1 });
    expect(Number((await dataSource.query('SELECT COUNT(*) AS n FROM enterprises'))[0].n)).toBe(before);
  });

  it('rejects a USCC given to two enterprises in one file, or already stored for another enterprise', async () => {
    const storedForE2 = '91140200MA0GRC0B2B';
    const shared = usccFor('DU-first');
    const report = await importFiles({
      'enterprises.csv': csvFile('enterprises', [
        { ...GOOD.enterprises, id: 'DU1', uscc: shared },
        { ...GOOD.enterprises, id: 'DU2', uscc: shared },
        { ...GOOD.enterprises, id: 'DU3', uscc: storedForE2 },
      ]) + 'E3,91140100MA0GRC0C3A,太原市迎泽区某机械厂,other,small,140106,operating,low,,\n',
    });
    expect(brief(report)).toEqual([
      { file: 'enterprises.csv', line: 3, column: 'uscc', rule: 'duplicate_uscc' },
      { file: 'enterprises.csv', line: 4, column: 'uscc', rule: 'duplicate_uscc' },
    ]);
    expect(report.rejects[0].message).toContain('"DU1" on line 2');
    expect(report.rejects[1].message).toContain('stored for enterprise "E2"');
    expect(report.files).toEqual([{ file: 'enterprises.csv', rows: 4, stored: 2, rejected: 2 }]);
  });

  it('lets two enterprises swap codes in one file', async () => {
    const [a, b] = [usccFor('SW-a'), usccFor('SW-b')];
    const first = await importFiles({
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, id: 'SWA', uscc: a }, { ...GOOD.enterprises, id: 'SWB', uscc: b }]),
    });
    expect(first.rejects).toEqual([]);
    const swapped = await importFiles({
      'enterprises.csv': csvFile('enterprises', [{ ...GOOD.enterprises, id: 'SWA', uscc: b }, { ...GOOD.enterprises, id: 'SWB', uscc: a }]),
    });
    expect(swapped.rejects).toEqual([]);
    expect(await dataSource.query(`SELECT id, uscc FROM enterprises WHERE id IN ('SWA', 'SWB') ORDER BY id`))
      .toEqual([{ id: 'SWA', uscc: b }, { id: 'SWB', uscc: a }]);
  });

  const FUTURE_CASES: Array<{ file: File; column: string; change: (day: string) => Record<string, string> }> = [
    { file: 'services', column: 'service_date', change: (day) => ({ service_date: day }) },
    { file: 'fee_ledger', column: 'entry_date', change: (day) => ({ entry_date: day }) },
    { file: 'claims', column: 'accident_date', change: (day) => ({ accident_date: day, reported_on: day, settled_on: '' , status: 'open', paid_amount: '' }) },
    { file: 'claims', column: 'reported_on', change: (day) => ({ reported_on: day, settled_on: '', status: 'open', paid_amount: '' }) },
    { file: 'claims', column: 'settled_on', change: (day) => ({ settled_on: day }) },
    { file: 'insurers', column: 'filed_on', change: (day) => ({ filed_on: day }) },
  ];

  it.each(FUTURE_CASES)('rejects $file $column after today (Asia/Shanghai), accepts today', async ({ file, column, change }) => {
    const today = '2024-06-10';
    const onToday = await importFiles({ [`${file}.csv`]: csvFile(file, [{ ...GOOD[file], id: 'FT1', ...change(today) }]) }, undefined, today);
    expect(onToday.rejects).toEqual([]);
    const tomorrow = await importFiles({ [`${file}.csv`]: csvFile(file, [{ ...GOOD[file], id: 'FT2', ...change('2024-06-11') }]) }, undefined, today);
    expect(brief(tomorrow)).toContainEqual({ file: `${file}.csv`, line: 2, column, rule: 'future_date' });
    expect(tomorrow.rejects.every((reject) => reject.rule === 'future_date')).toBe(true);
    expect(tomorrow.rejects.find((reject) => reject.column === column)?.message).toContain('after today (2024-06-10 in Asia/Shanghai)');
  });

  it("today is the day in Asia/Shanghai, UTC+8", () => {
    expect(todayInShanghai(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(todayInShanghai(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });
});
