/**
 * `npm run import` as a user runs it: a child process over the fixture folders, with its exit code,
 * console output and rejects.csv.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { makeTestEnv, TestEnv } from '../support/env';

const CLI = path.resolve(__dirname, '../../cli/import.js');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/import');

let env: TestEnv;

beforeAll(() => {
  env = makeTestEnv('import-cli');
});

afterAll(() => env.remove());

/** Only DATA_DIR reaches the child: a PLATFORM_DB_URL in the caller's environment must not. */
function runImport(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, DATA_DIR: env.dataDir },
    encoding: 'utf8',
  });
}

/** A copy of a fixture folder, so that rejects.csv is written beside the copy. */
function copyFixture(name: string): string {
  const folder = path.join(env.dataDir, `${name}-${Date.now()}`);
  fs.cpSync(path.join(FIXTURES, name), folder, { recursive: true });
  return folder;
}

it('exits 0 for a valid folder and writes no rejects.csv', () => {
  const folder = copyFixture('valid');
  const run = runImport(folder);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('policy_shares.csv: 4 rows read = 4 stored + 0 rejected');
  expect(fs.existsSync(path.join(folder, 'rejects.csv'))).toBe(false);
});

it('exits 1 for a folder with rejects, printing them and writing rejects.csv', () => {
  const folder = copyFixture('bad');
  const run = runImport(folder);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('enterprises.csv: 3 rows read = 1 stored + 2 rejected');
  expect(run.stdout).toContain('enterprises.csv:3 county_code county_code:');
  expect(run.stdout).toContain('policies.csv:3 enterprise_id dangling_reference:');
  const rejects = parse(fs.readFileSync(path.join(folder, 'rejects.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(rejects.map(({ file, line, column, rule }) => `${file}:${line} ${column} ${rule}`)).toEqual([
    'enterprises.csv:3 county_code county_code',
    'enterprises.csv:4 uscc uscc_check',
    'policies.csv:3 enterprise_id dangling_reference',
    'policies.csv:4 premium money_negative',
    'policies.csv:4 premium_received money_places',
    'policies.csv:4 end_date end_before_start',
  ]);
  expect(rejects[0]).toMatchObject({ value: '140100' });
  expect(Object.keys(rejects[0])).toEqual(['file', 'line', 'column', 'rule', 'message', 'value']);
});

it('writes rejects.csv where --rejects says', () => {
  const folder = copyFixture('bad');
  const rejectsFile = path.join(env.dataDir, 'elsewhere.csv');
  const run = runImport(folder, '--rejects', rejectsFile);
  expect(run.status).toBe(1);
  expect(fs.existsSync(rejectsFile)).toBe(true);
  expect(fs.existsSync(path.join(folder, 'rejects.csv'))).toBe(false);
});

it('exits 2 with a clear message for a missing folder, a folder without CSV files and no folder', () => {
  const missing = runImport(path.join(env.dataDir, 'no-such-folder'));
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('folder not found');
  const empty = path.join(env.dataDir, 'empty');
  fs.mkdirSync(empty);
  const noCsv = runImport(empty);
  expect(noCsv.status).toBe(2);
  expect(noCsv.stderr).toContain('no CSV files');
  const noArgs = runImport();
  expect(noArgs.status).toBe(2);
  expect(noArgs.stderr).toContain('usage: npm run import');
});
