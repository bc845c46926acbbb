/**
 * The corpus of broken submissions (test/support/import-corpus.ts) through the upload from the browser,
 * as the province (which may send every file), over a platform database holding the valid import
 * fixture: the same rejects, the same counts per file, the same tables changed as the command-line
 * import gives, file by file as the submitter named it. Where an upload answers otherwise the case
 * says so (`upload`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_RULES } from '../../etl/csv/import';
import { CASES, FIXTURES, WHOLE_ROW_OR_FILE } from '../support/import-corpus';
import { startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;
let base: string;

beforeAll(async () => {
  api = await startFixtureApi('submission-corpus', { intake: true, fixture: path.join(FIXTURES, 'valid'), users: ['province'] });
  base = api.server.url.replace(/\/graphql$/, '');
}, 120_000);

afterAll(async () => {
  await api?.close();
});

/** Every data table's rows; the history tables change with every upload. */
async function tableHashes(): Promise<Record<string, string>> {
  const tables = (await api.platform.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`) as Array<{ name: string }>)
    .map(({ name }) => name)
    .filter((name) => !name.startsWith('submission'));
  const hashes: Record<string, string> = {};
  for (const table of tables) hashes[table] = JSON.stringify(await api.platform.query(`SELECT * FROM "${table}" ORDER BY 1, 2`));
  return hashes;
}

describe.each(CASES.filter((entry) => entry.upload !== false))('$name', (entry) => {
  it('uploaded: the rejects, counts and changed tables of the import', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `upload-${entry.name}-`));
    try {
      if (entry.make) entry.make(folder);
      else fs.cpSync(path.join(FIXTURES, 'broken', entry.name), folder, { recursive: true });
      const form = new FormData();
      for (const name of fs.readdirSync(folder).sort()) form.append('file', new Blob([fs.readFileSync(path.join(folder, name))]), name);
      const before = await tableHashes();
      const response = await fetch(`${base}/api/submissions`, { method: 'POST', body: form, headers: { authorization: `Bearer ${api.tokens.province}` } });
      expect(response.status).toBe(200);
      const answer = await response.json() as {
        status: string; files: Array<{ name: string; lines: number; stored: number; rejected: number }>;
        rejects: Array<{ file: string; line: number; column: string | null; rule: string; message: string; value: string | null }>;
      };

      expect(answer.status === 'stored').toBe(entry.exit === 0);
      const expectedFiles = entry.upload ? entry.upload.files : entry.files;
      expect(Object.fromEntries(answer.files.map((file) => [file.name, [file.lines, file.stored, file.rejected]]))).toEqual(expectedFiles);
      for (const file of answer.files) expect(file.stored + file.rejected).toBe(file.lines);
      expect(answer.rejects.map(({ file, line, column, rule }) => `${file}:${line} ${column ?? '-'} ${rule}`)).toEqual(entry.rejects);
      for (const reject of answer.rejects) {
        expect(Object.keys(IMPORT_RULES)).toContain(reject.rule);
        expect(reject.message.length).toBeGreaterThan(10);
        expect((reject.value ?? '').length).toBeLessThan(600);
        expect(reject.column === null).toBe(WHOLE_ROW_OR_FILE.has(reject.rule) || (reject.rule === 'csv_syntax' && reject.line === 1));
      }

      const after = await tableHashes();
      expect(Object.keys(after).filter((table) => after[table] !== before[table]).sort()).toEqual([...(entry.changes ?? [])].sort());
      for (const { sql, rows } of entry.stored ?? []) expect(await api.platform.query(sql)).toEqual(rows);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
