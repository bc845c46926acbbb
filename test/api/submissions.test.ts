/**
 * Submissions from the browser (POST /api/submissions) over the API fixture (test/fixtures/api: I1
 * holds P01 alone and 60% of P02, I2 40% of P02 and P03 alone; E01–E04 are in 太原 140105): the scope of
 * each role, a spreadsheet giving what its CSV gives, the limits, one submission at a time, nothing
 * stored by a refused submission, resubmission, the history in scope, the rejects and templates
 * downloads, and an ETL run on request overlapping an upload. The corpus of broken files runs through
 * the upload in submission-corpus.test.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import { codeOf, startFixtureApi, type FixtureApi, type UserKey } from './harness';

// The packages' types are those of their ES modules; their CommonJS builds have the same exports.
const { readSheet } = require('read-excel-file/node') as typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } });
const writeXlsxFile = (require('write-excel-file/node') as typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } })).default;

let api: FixtureApi;
let base: string;

const MAX_BYTES = 256 * 1024;
const MAX_ROWS = 3000;

beforeAll(async () => {
  api = await startFixtureApi('submissions', { intake: true, env: { SUBMISSION_MAX_BYTES: String(MAX_BYTES), SUBMISSION_MAX_ROWS: String(MAX_ROWS) } });
  base = api.server.url.replace(/\/graphql$/, '');
}, 120_000);

afterAll(async () => {
  await api?.close();
});

type Part = [name: string, content: string | Buffer];

interface Answer {
  id: string;
  status: string;
  files: Array<{ name: string; lines: number; stored: number; rejected: number }>;
  rejects: Array<{ file: string; line: number; column: string | null; rule: string; message: string; value: string | null }>;
}

async function upload(user: UserKey | null, parts: Part[], token?: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, content] of parts) form.append('file', new Blob([content]), name);
  const authorization = token ?? (user ? api.tokens[user] : undefined);
  const response = await fetch(`${base}/api/submissions`, {
    method: 'POST', body: form, headers: authorization ? { authorization: `Bearer ${authorization}` } : {},
  });
  return { status: response.status, body: await response.json() };
}

async function submitted(user: UserKey, parts: Part[]): Promise<Answer> {
  const { status, body } = await upload(user, parts);
  expect(status).toBe(200);
  return body as Answer;
}

const brief = (answer: Answer): string[] => answer.rejects.map((r) => `${r.file}:${r.line} ${r.column ?? '-'} ${r.rule}`);

/** Every row of the data tables: what a refused submission must leave as it was. */
async function dataTables(): Promise<string> {
  const tables = ['enterprises', 'insurers', 'providers', 'policies', 'policy_shares', 'services', 'fee_ledger', 'claims', 'insurer_filings', 'annual_reports'];
  const rows: unknown[] = [];
  for (const table of tables) rows.push(await api.platform.query(`SELECT * FROM ${table} ORDER BY 1, 2`));
  return JSON.stringify(rows);
}

const POLICY_HEADER = 'id,policy_no,enterprise_id,start_date,end_date,premium,premium_received,death_limit_per_person,insured_persons,cancelled';
const SHARE_HEADER = 'policy_id,insurer_id,share_percent';
const ENTERPRISE_HEADER = 'id,uscc,name,industry,size,county_code,status,risk_level,standardization_grade,employees';
const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('who may send', () => {
  it('401 without a token or with a bad one, 403 for an analyst; nothing recorded', async () => {
    const part: Part = ['insurers.csv', csv('id,name,filed_on', 'IX,新机构,')];
    expect((await upload(null, [part])).status).toBe(401);
    const bad = await upload(null, [part], 'not-a-token');
    expect(bad.status).toBe(401);
    expect(bad.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await upload(null, [part], api.expiredToken())).status).toBe(401);
    const analyst = await upload('analyst', [part]);
    expect(analyst.status).toBe(403);
    expect(analyst.body.errors[0].message).toMatch(/Analyst/);
    expect(await api.platform.query(`SELECT id FROM insurers WHERE id = 'IX'`)).toEqual([]);
  });
});

describe('an insurer sends its own business only', () => {
  it('another insurer\'s policy is rejected by no_share_held and left as it was; its own is updated', async () => {
    const before = await api.platform.query(`SELECT * FROM policies WHERE id = 'P01'`);
    const answer = await submitted('insurerI2', [['policies.csv', csv(
      POLICY_HEADER,
      'P01,AZX-2025-001,E01,2025-01-01,2025-12-31,1.00,1.00,400000,1200,false',
      'P03,AZX-2024-003,E03,2024-07-01,2025-06-30,31000.00,30000.00,300000,300,false',
    )]]);
    expect(answer.status).toBe('partly_stored');
    expect(answer.files).toEqual([{ name: 'policies.csv', lines: 2, stored: 1, rejected: 1 }]);
    expect(brief(answer)).toEqual(['policies.csv:2 id no_share_held']);
    expect(answer.rejects[0].message).toBe('insurer "I2" holds no share of policy "P01"');
    expect(await api.platform.query(`SELECT * FROM policies WHERE id = 'P01'`)).toEqual(before);
    expect(await api.platform.query(`SELECT premium_fen FROM policies WHERE id = 'P03'`)).toEqual([{ premium_fen: 3_100_000 }]);
  });

  it('a new policy is its own when its shares in the same submission name it; not when they name only others', async () => {
    const answer = await submitted('insurerI2', [
      ['policies.csv', csv(
        POLICY_HEADER,
        'PN1,AZX-2026-101,E04,2026-01-01,2026-12-31,8000.00,8000.00,300000,60,false',
        'PN2,AZX-2026-102,E04,2026-01-01,2026-12-31,8000.00,8000.00,300000,60,false',
      )],
      ['policy_shares.csv', csv(SHARE_HEADER, 'PN1,I2,70', 'PN1,I3,30', 'PN2,I1,100')],
    ]);
    expect(brief(answer)).toEqual([
      'policies.csv:3 id no_share_held', 'policy_shares.csv:4 policy_id no_share_held', 'policy_shares.csv:4 policy_id dangling_reference',
    ]);
    expect(answer.files).toEqual([
      { name: 'policies.csv', lines: 2, stored: 1, rejected: 1 },
      { name: 'policy_shares.csv', lines: 3, stored: 2, rejected: 1 },
    ]);
    expect(await api.platform.query(`SELECT id FROM policies WHERE id IN ('PN1', 'PN2') ORDER BY id`)).toEqual([{ id: 'PN1' }]);
    expect(await api.platform.query(`SELECT insurer_id FROM policy_shares WHERE policy_id = 'PN2'`)).toEqual([]);
  });

  it('shares that take the insurer off its policy, or touch another\'s, are rejected; the stored set stays', async () => {
    const answer = await submitted('insurerI2', [['policy_shares.csv', csv(SHARE_HEADER, 'P03,I1,100', 'P01,I1,50', 'P01,I2,50')]]);
    expect(brief(answer)).toEqual(['policy_shares.csv:2 policy_id no_share_held', 'policy_shares.csv:3 policy_id no_share_held', 'policy_shares.csv:4 policy_id no_share_held']);
    expect(answer.rejects[0].message).toMatch(/do not name insurer "I2"/);
    expect(await api.platform.query(`SELECT policy_id, insurer_id, share_hundredths FROM policy_shares WHERE policy_id IN ('P01', 'P03') ORDER BY 1, 2`))
      .toEqual([{ policy_id: 'P01', insurer_id: 'I1', share_hundredths: 10_000 }, { policy_id: 'P03', insurer_id: 'I2', share_hundredths: 10_000 }]);
  });

  it('a service or ledger entry under another insurer\'s id, a claim on another\'s policy, another\'s filing: each rejected by a rule that says so', async () => {
    const before = await dataTables();
    const answer = await submitted('insurerI2', [
      ['services.csv', csv(
        'id,policy_id,enterprise_id,insurer_id,provider_id,kind,service_date,cost,hazards_found,hazards_rectified',
        'SX1,P01,E01,I1,,risk_assessment,2025-03-01,100.00,1,1',
        'S01,P03,E03,I2,,risk_assessment,2025-03-01,100.00,1,1',
      )],
      ['fee_ledger.csv', csv('id,insurer_id,county_code,entry_date,amount,category,service_id', 'LX1,I1,140105,2025-03-01,10.00,training,')],
      ['claims.csv', csv(
        'id,policy_id,accident_date,reported_on,deaths,injuries,claimed_amount,paid_amount,status,settled_on,denial_reason',
        'CX1,P01,2025-04-02,2025-04-03,0,1,100.00,,open,,',
      )],
      ['annual_reports.csv', csv('insurer_id,year,submitted_on', 'I1,2025,2026-01-10')],
    ]);
    expect(brief(answer)).toEqual([
      'services.csv:2 insurer_id other_insurer', 'services.csv:2 policy_id no_share_held', 'services.csv:3 id other_insurer',
      'fee_ledger.csv:2 insurer_id other_insurer', 'claims.csv:2 policy_id no_share_held', 'annual_reports.csv:2 insurer_id other_insurer',
    ]);
    expect(answer.rejects[0].message).toBe('a service under insurer "I1"; insurer "I2" sends only its own');
    expect(await dataTables()).toBe(before);
  });

  it('a file outside its scope (enterprises.csv) refuses the whole submission: nothing stored, its own rows neither', async () => {
    const before = await dataTables();
    const answer = await submitted('insurerI2', [
      ['enterprises.csv', csv(ENTERPRISE_HEADER, 'E01,91140105MA0GRC0010,改名,coal_mine,large,140105,operating,major,1,1200')],
      ['annual_reports.csv', csv('insurer_id,year,submitted_on', 'I2,2025,2026-01-10')],
    ]);
    expect(answer.status).toBe('refused');
    expect(brief(answer)).toEqual(['enterprises.csv:1 - file_out_of_scope']);
    expect(answer.files.map((file) => file.stored)).toEqual([0, 0]);
    expect(await dataTables()).toBe(before);
  });
});

describe('a city bureau sends its own counties\' enterprises', () => {
  it('an enterprise of another city, or moving one of another city\'s, is rejected by other_city; its own is stored', async () => {
    const answer = await submitted('datong', [['enterprises.csv', csv(
      ENTERPRISE_HEADER,
      'E01,91140105MA0GRC0010,被改名的太原企业,coal_mine,large,140212,operating,major,1,1200',
      `ED1,${usccFor(9001)},大同新企业,coal_mine,small,140212,operating,high,,20`,
      `ED2,${usccFor(9002)},太原的企业,coal_mine,small,140105,operating,high,,20`,
    )]]);
    expect(answer.files).toEqual([{ name: 'enterprises.csv', lines: 3, stored: 1, rejected: 2 }]);
    expect(brief(answer)).toEqual(['enterprises.csv:2 id other_city', 'enterprises.csv:4 county_code other_city']);
    expect(await api.platform.query(`SELECT name, county_code FROM enterprises WHERE id = 'E01'`)).toEqual([{ name: '太原小店甲煤业有限公司', county_code: '140105' }]);
    expect(await api.platform.query(`SELECT id FROM enterprises WHERE id IN ('ED2')`)).toEqual([]);
  });

  it('policies.csv is not a city bureau\'s file', async () => {
    const answer = await submitted('taiyuan', [['policies.csv', csv(POLICY_HEADER)]]);
    expect(answer.status).toBe('refused');
    expect(brief(answer)).toEqual(['policies.csv:1 - file_out_of_scope']);
  });
});

describe('spreadsheets', () => {
  const rows = [
    ['id', 'policy_no', 'enterprise_id', 'start_date', 'end_date', 'premium', 'premium_received', 'death_limit_per_person', 'insured_persons', 'cancelled'],
    ['P03', 'AZX-2024-003', 'E03', '2024-07-01', '2025-06-30', '32000.5', '30000', '300000', '300', 'false'],
    ['P01', 'AZX-2025-001', 'E01', '2025-01-01', '2025-12-31', '1', '1', '400000', '1200', 'false'],
    [' P03', 'x', 'E03', '2025-02-30', '2025-06-30', '1.234', '1', '1', '', 'maybe'],
    ['P03', 'dup', 'E03', '2024-07-01', '2025-06-30', '1', '1', '1', '1', 'true'],
  ];
  const asCsv = csv(...rows.map((row) => row.join(',')));

  it('an .xlsx with the same rows as a CSV gives the same answer, Excel\'s numbers, dates and booleans read as the CSV writes them', async () => {
    const typed = rows.map((row, index) => (index === 1
      ? row.map((cell, column) => (column === 3 ? new Date('2024-07-01T00:00:00Z') : column === 5 ? 32000.5 : column === 9 ? false : cell))
      : row));
    const workbook = await writeXlsxFile(typed.map((row) => row.map((value) => (value instanceof Date ? { value, format: 'yyyy-mm-dd' } : { value })))).toBuffer();
    const fromCsv = await submitted('insurerI2', [['policies.csv', asCsv]]);
    const fromXlsx = await submitted('insurerI2', [['policies.xlsx', workbook]]);
    expect(fromXlsx.status).toBe(fromCsv.status);
    expect(fromXlsx.files).toEqual(fromCsv.files.map((file) => ({ ...file, name: 'policies.xlsx' })));
    expect(fromXlsx.rejects).toEqual(fromCsv.rejects.map((reject) => ({ ...reject, file: 'policies.xlsx' })));
    expect(brief(fromCsv)).toContain('policies.csv:4 id id_whitespace');
    expect(await api.platform.query(`SELECT premium_fen, start_date FROM policies WHERE id = 'P03'`)).toEqual([{ premium_fen: 3_200_050, start_date: '2024-07-01' }]);
  });

  it('a line break in a cell keeps the rejects on the sheet\'s own rows', async () => {
    const workbook = await writeXlsxFile([
      ['insurer_id', 'year', 'submitted_on'].map((value) => ({ value })),
      ['I2', '2024', '两行\n的日期'].map((value) => ({ value })),
      ['I2', '2023', '2023-13-01'].map((value) => ({ value })),
    ]).toBuffer();
    const answer = await submitted('insurerI2', [['annual_reports.xlsx', workbook]]);
    expect(brief(answer)).toEqual(['annual_reports.xlsx:2 submitted_on date_format', 'annual_reports.xlsx:3 submitted_on date_invalid']);
  });

  it('a file that is not a workbook, and one that would unpack far beyond the limit, are refused by name', async () => {
    const notZip = await submitted('insurerI2', [['policies.xlsx', 'id,policy_no\n']]);
    expect(brief(notZip)).toEqual(['policies.xlsx:1 - spreadsheet']);
    expect(notZip.rejects[0].message).toMatch(/not an \.xlsx workbook/);
    // 4 MB of one repeated row packs into a few kilobytes.
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': strToU8('<row><c><v>1</v></c></row>'.repeat(160_000)) }));
    expect(bomb.length).toBeLessThan(MAX_BYTES);
    const answer = await submitted('insurerI2', [['policies.xlsx', bomb]]);
    expect(answer.status).toBe('refused');
    expect(brief(answer)).toEqual(['policies.xlsx:1 - spreadsheet']);
    expect(answer.rejects[0].message).toMatch(/unpacks to \d+ bytes, more than the \d+ allowed/);
  });
});

describe('limits', () => {
  it('over the size limit: 413 naming it, nothing recorded', async () => {
    const count = (await api.platform.query('SELECT COUNT(*) AS n FROM submissions'))[0].n;
    const { status, body } = await upload('insurerI2', [['policies.csv', `${POLICY_HEADER}\n${'x'.repeat(MAX_BYTES)}\n`]]);
    expect(status).toBe(413);
    expect(body.errors[0].message).toMatch(/over 0\.3 MB/);
    expect((await api.platform.query('SELECT COUNT(*) AS n FROM submissions'))[0].n).toBe(count);
  });

  it('more rows than one submission may: refused at the row past the cap, nothing stored', async () => {
    const before = await dataTables();
    const lines = [SHARE_HEADER, ...Array.from({ length: MAX_ROWS + 1 }, (_, index) => `P03,I2,${index === 0 ? 100 : 1}`)];
    const answer = await submitted('insurerI2', [['policy_shares.csv', csv(...lines)]]);
    expect(answer.status).toBe('refused');
    expect(brief(answer)).toEqual([`policy_shares.csv:${MAX_ROWS + 2} - too_many_rows`]);
    expect(answer.files).toEqual([{ name: 'policy_shares.csv', lines: MAX_ROWS + 1, stored: 0, rejected: MAX_ROWS + 1 }]);
    expect(await dataTables()).toBe(before);
  });

  it('a file-level error in one file (its encoding, a missing column) refuses every file: nothing stored', async () => {
    const before = await dataTables();
    const good: Part = ['annual_reports.csv', csv('insurer_id,year,submitted_on', 'I2,2024,2025-01-15')];
    const gbk = await submitted('insurerI2', [good, ['insurer_filings.csv', iconv.encode(csv('insurer_id,item,received_on', 'I2,承诺函,2024-05-01'), 'gbk')]]);
    expect(gbk.status).toBe('refused');
    expect(brief(gbk)).toEqual(['insurer_filings.csv:2 - encoding']);
    expect(gbk.rejects[0].message).toMatch(/GBK\/GB18030/);
    const missing = await submitted('insurerI2', [good, ['policy_shares.csv', csv('policy_id,insurer_id', 'P03,I2')]]);
    expect(brief(missing)).toEqual(['policy_shares.csv:1 share_percent missing_column']);
    expect(await dataTables()).toBe(before);
  });

  it('one submission at a time per account: a second, while the first is being received, is refused with 409', async () => {
    const boundary = 'submission-boundary';
    const first = http.request(`${base}/api/submissions`, {
      method: 'POST', headers: { authorization: `Bearer ${api.tokens.insurerI2}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const firstAnswer = new Promise<{ status: number; body: any }>((resolve, reject) => {
      first.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      });
      first.on('error', reject);
    });
    first.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="annual_reports.csv"\r\n\r\ninsurer_id,year,submitted_on\r\n`);
    // The first has taken the account's turn once the desk has made the folder its files go to (etl/csv/submission.ts).
    const uploads = path.join(api.env.dataDir, 'uploads');
    while (!(fs.existsSync(uploads) && fs.readdirSync(uploads).some((name) => name.startsWith('upload-')))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await upload('insurerI2', [['annual_reports.csv', csv('insurer_id,year,submitted_on', 'I2,2024,2025-01-16')]]);
    expect(second.status).toBe(409);
    expect(second.body.errors[0].extensions.code).toBe('SUBMISSION_IN_PROGRESS');
    const other = await upload('insurerI3', [['annual_reports.csv', csv('insurer_id,year,submitted_on', 'I3,2024,2025-01-16')]]);
    expect(other.status).toBe(200);
    first.end(`I2,2024,2025-01-17\r\n--${boundary}--\r\n`);
    const { status, body } = await firstAnswer;
    expect(status).toBe(200);
    expect(body.status).toBe('stored');
    expect(await api.platform.query(`SELECT submitted_on FROM annual_reports WHERE insurer_id = 'I2' AND year = 2024`)).toEqual([{ submitted_on: '2025-01-17' }]);
  });
});

describe('hostile and careless files', () => {
  it('a path-like name counts by its last part only; a wrong name, the same file twice: refused, naming the file', async () => {
    const answer = await submitted('insurerI2', [
      ['../../policies.csv', csv(POLICY_HEADER)], ['policy.csv', csv(POLICY_HEADER)], ['claims.csv', csv('id')], ['claims.xlsx', 'x'],
      ['C:\\fakepath\\..\\platform.sqlite', 'x'],
    ]);
    expect(answer.status).toBe('refused');
    expect(answer.files.map((file) => file.name)).toEqual(['policies.csv', 'policy.csv', 'claims.csv', 'claims.xlsx', 'platform.sqlite']);
    expect(brief(answer)).toEqual(['policy.csv:1 - unknown_file', 'claims.xlsx:1 - duplicate_file', 'platform.sqlite:1 - unknown_file']);
    expect(answer.rejects[0].message).toMatch(/name it as one of enterprises\.csv/);
  });

  it('formula-like text is stored as text and handed back in rejects.csv behind an apostrophe', async () => {
    const answer = await submitted('insurerI2', [['annual_reports.csv', csv('insurer_id,year,submitted_on', 'I2,=1+2025,2025-01-15')]]);
    expect(brief(answer)).toEqual(['annual_reports.csv:2 year year']);
    const response = await fetch(`${base}/api/submissions/${answer.id}/rejects.csv`, { headers: { authorization: `Bearer ${api.tokens.insurerI2}` } });
    expect(response.status).toBe(200);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\ufefffile,line,column,rule,message,value\r\n')).toBe(true);
    expect(text).toContain(',\'=1+2025\r\n');
  });
});

describe('resubmission and the history', () => {
  it('sending the same rows again updates them, never duplicates', async () => {
    const send = (premium: string) => submitted('insurerI2', [['policies.csv', csv(POLICY_HEADER, `PN1,AZX-2026-101,E04,2026-01-01,2026-12-31,${premium},8000.00,300000,60,false`)]]);
    const count = async () => (await api.platform.query('SELECT COUNT(*) AS n FROM policies'))[0].n;
    const before = await count();
    expect((await send('8100.00')).status).toBe('stored');
    expect((await send('8200.00')).status).toBe('stored');
    expect(await count()).toBe(before);
    expect(await api.platform.query(`SELECT premium_fen FROM policies WHERE id = 'PN1'`)).toEqual([{ premium_fen: 820_000 }]);
  });

  const HISTORY = `query History($page: Int!, $username: String) {
    submissions(page: $page, pageSize: 50, username: $username) { total items { id username status files { name lines stored rejected } rejectCount rejects(pageSize: 5) { total items { line rule } } } }
  }`;

  it('each account sees its own history; the province everyone\'s, filterable; another\'s submission is NOT_FOUND', async () => {
    const mine = await api.as('insurerI2', HISTORY, { page: 1 });
    const items = mine.data!.submissions.items as any[];
    expect(items.length).toBeGreaterThan(5);
    expect(new Set(items.map((item) => item.username))).toEqual(new Set(['pingan']));
    expect(items.every((item) => item.rejects.total === item.rejectCount)).toBe(true);
    expect(codeOf(await api.as('insurerI2', HISTORY, { page: 1, username: 'cpic' }))).toBe('FORBIDDEN');

    const everyone = await api.as('province', HISTORY, { page: 1 });
    expect(new Set((everyone.data!.submissions.items as any[]).map((item) => item.username))).toEqual(new Set(['pingan', 'cpic', 'datong', 'taiyuan']));
    const cpic = await api.as('province', HISTORY, { page: 1, username: 'cpic' });
    expect((cpic.data!.submissions.items as any[]).map((item) => item.username)).toEqual(['cpic']);

    const theirs = (cpic.data!.submissions.items as any[])[0].id;
    expect(codeOf(await api.as('insurerI2', 'query ($id: ID!) { submission(id: $id) { id } }', { id: theirs }))).toBe('NOT_FOUND');
    expect((await fetch(`${base}/api/submissions/${theirs}/rejects.csv`, { headers: { authorization: `Bearer ${api.tokens.insurerI2}` } })).status).toBe(404);
    expect((await fetch(`${base}/api/submissions/${theirs}/rejects.csv`)).status).toBe(401);
  });
});

describe('templates', () => {
  it('CSV and Excel templates carry the Chinese titles beside the column names, and a filled template is read as it is', async () => {
    const template = await fetch(`${base}/api/templates/annual_reports.csv`);
    expect(template.status).toBe(200);
    const header = (await template.text()).replace(/^\ufeff/, '').trim();
    expect(header).toBe('insurer_id（保险机构编号）,year（年度）,submitted_on（报送日期）');
    const answer = await submitted('insurerI2', [['annual_reports.csv', csv(header, 'I2,2023,2024-02-01')]]);
    expect(answer.status).toBe('stored');

    const workbook = Buffer.from(await (await fetch(`${base}/api/templates/policies.xlsx`)).arrayBuffer());
    expect((await readSheet(workbook, 1))[0][2]).toBe('enterprise_id（企业编号）');
    const notes = await readSheet(workbook, 2);
    expect(notes[0]).toEqual(['列名', '中文名称', '是否必填', '填写方式', '引用']);
    expect(notes.find((row) => row[0] === 'premium')).toEqual(['premium', '应收保费（元）', '必填', '金额，单位元，最多两位小数，不为负，如 12345.60', null]);
    expect((await fetch(`${base}/api/templates/..%2Fplatform.sqlite`)).status).toBe(404);
    expect((await fetch(`${base}/api/templates/users.csv`)).status).toBe(404);
  });
});

describe('the ETL on request', () => {
  const REFRESH = 'mutation { refreshData { requestedAt finishedAt } }';
  const warehouseCount = async (table: string): Promise<number> => {
    const result = await api.warehouse.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSONEachRow' });
    return Number(((await result.json()) as Array<{ n: string }>)[0].n);
  };

  it('an analyst may not ask for it', async () => {
    expect(codeOf(await api.as('analyst', REFRESH))).toBe('FORBIDDEN');
  });

  it('an upload overlapping a run is all in the warehouse after the next run: nothing half-read, nothing lost', async () => {
    const counties = ['140105', '140106', '140107'];
    const lines = [ENTERPRISE_HEADER];
    for (let index = 1; index <= 2500; index += 1) lines.push(`EB${index},${usccFor(index)},批量企业${index},coal_mine,small,${counties[index % 3]},operating,high,,10`);
    const [answer, refreshed] = await Promise.all([submitted('taiyuan', [['enterprises.csv', csv(...lines)]]), api.as('taiyuan', REFRESH)]);
    expect(answer.status).toBe('stored');
    expect(refreshed.errors).toBeUndefined();
    const after = await api.as('taiyuan', REFRESH);
    expect(after.data!.refreshData.finishedAt >= after.data!.refreshData.requestedAt).toBe(true);
    const stored = Number((await api.platform.query('SELECT COUNT(*) AS n FROM enterprises'))[0].n);
    expect(await warehouseCount('enterprises')).toBe(stored);
    const freshness = await api.as('taiyuan', '{ dataFreshness { lastRun { finishedAt } } }');
    expect(Date.parse(freshness.data!.dataFreshness.lastRun.finishedAt)).toBeGreaterThanOrEqual(Date.parse(after.data!.refreshData.requestedAt));
  }, 120_000);
});

/** A valid unified social credit code (GB 32100 check character) for a test enterprise of 太原. */
function usccFor(index: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91140105MA${String(index).padStart(7, '0')}`;
  const sum = [...body].reduce((total, character, position) => total + alphabet.indexOf(character) * weights[position], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}
