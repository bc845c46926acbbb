/**
 * The corpus of broken submissions (test/fixtures/import/broken, its README has the table), each
 * imported through the real command over a platform database holding the valid fixture. For every
 * case: the exit code, every reject naming file, line, column and rule (the rules of the import's
 * rule list), each file's rows read = stored + rejected, and a hash of every platform table taken
 * before, unchanged except in the tables the case stores rows in. Three cases are made here rather
 * than committed: a 10 MB cell, a symbolic link and 200,000 rows.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { IMPORT_RULES } from '../../etl/csv/import';
import { makeTestEnv, TestEnv } from '../support/env';
import { CASES, FIXTURES, WHOLE_ROW_OR_FILE } from '../support/import-corpus';

const CLI = path.resolve(__dirname, '../../cli/import.js');
let env: TestEnv;

function runImport(folder: string) {
  return spawnSync(process.execPath, [CLI, folder], { env: { PATH: process.env.PATH, DATA_DIR: env.dataDir }, encoding: 'utf8' });
}

/** A hash of each platform table's rows, in an order of their own. */
function tableHashes(): Record<string, string> {
  const db = new Database(path.join(env.dataDir, 'platform.sqlite'), { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>)
      .map(({ name }) => name);
    return Object.fromEntries(tables.map((table) => {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map(({ name }) => `"${name}"`);
      const hash = createHash('sha256');
      for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).iterate()) hash.update(JSON.stringify(row));
      return [table, hash.digest('hex')];
    }));
  } finally {
    db.close();
  }
}

function query(sql: string): unknown[] {
  const db = new Database(path.join(env.dataDir, 'platform.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

beforeAll(() => {
  env = makeTestEnv('import-corpus');
  const base = runImport(path.join(FIXTURES, 'valid'));
  expect(base.status).toBe(0);
});

afterAll(() => env.remove());

it('the corpus has at least 35 cases, each committed case is in the table and in the README', () => {
  const committed = fs.readdirSync(path.join(FIXTURES, 'broken'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const names = CASES.map((entry) => entry.name);
  expect(CASES.length).toBeGreaterThanOrEqual(35);
  expect(committed.sort()).toEqual(CASES.filter((entry) => entry.make === undefined).map((entry) => entry.name).sort());
  const readme = fs.readFileSync(path.join(FIXTURES, 'broken', 'README.md'), 'utf8');
  expect(names.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
});

describe.each(CASES)('$name', (entry) => {
  it(`exits ${entry.exit}, every reject named, every row accounted for, only the expected tables changed`, () => {
    const folder = path.join(env.dataDir, `case-${entry.name}`);
    if (entry.make) {
      fs.mkdirSync(folder);
      entry.make(folder);
    } else {
      fs.cpSync(path.join(FIXTURES, 'broken', entry.name), folder, { recursive: true });
    }
    const before = tableHashes();
    const run = runImport(folder);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(entry.exit);
    if (entry.says) expect(run.stdout).toContain(entry.says);

    const summaries = [...run.stdout.matchAll(/^(\S+\.csv): (\d+) rows read = (\d+) stored \+ (\d+) rejected/gm)];
    for (const [, , rows, stored, rejected] of summaries) expect(Number(stored) + Number(rejected)).toBe(Number(rows));
    expect(Object.fromEntries(summaries.map(([, file, rows, stored, rejected]) => [file, [rows, stored, rejected].map(Number)])))
      .toEqual(entry.files);

    const rejectsFile = path.join(folder, 'rejects.csv');
    const rejects = entry.exit === 0 ? [] : parse(fs.readFileSync(rejectsFile), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(fs.existsSync(rejectsFile)).toBe(entry.exit === 1);
    expect(rejects.map(({ file, line, column, rule }) => `${file}:${line} ${column === '' ? '-' : column} ${rule}`)).toEqual(entry.rejects);
    for (const reject of rejects) {
      expect(Object.keys(IMPORT_RULES)).toContain(reject.rule);
      expect(Number(reject.line)).toBeGreaterThanOrEqual(1);
      expect(reject.message.length).toBeGreaterThan(10);
      expect(reject.value.length).toBeLessThan(600);
      const wholeRowOrFile = WHOLE_ROW_OR_FILE.has(reject.rule) || (reject.rule === 'csv_syntax' && reject.line === '1');
      expect(reject.column === '').toBe(wholeRowOrFile);
    }

    const after = tableHashes();
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]).sort();
    expect(changed).toEqual([...(entry.changes ?? [])].sort());
    for (const { sql, rows } of entry.stored ?? []) expect(query(sql)).toEqual(rows);
  });
});
