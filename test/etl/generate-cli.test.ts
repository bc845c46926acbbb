/**
 * `npm run generate` as a user runs it: the CSV folder and the platform database, the printed summary,
 * and a clear message for a bad argument.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { todayInShanghai } from '../../domain/today';
import { makeTestEnv, type TestEnv } from '../support/env';

const CLI = path.resolve(__dirname, '../../cli/generate.js');
const IMPORT_CLI = path.resolve(__dirname, '../../cli/import.js');
const TABLES = ['enterprises', 'insurers', 'providers', 'policies', 'policy_shares', 'services', 'fee_ledger', 'claims', 'insurer_filings', 'annual_reports'];

let env: TestEnv;

beforeAll(() => {
  env = makeTestEnv('generate-cli');
});

afterAll(() => env?.remove());

function run(args: string[], dataDir = env.dataDir, cli = CLI): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--csv writes the ten files and prints rows per table, premium totals and the time taken', () => {
  const folder = path.join(env.dataDir, 'csv');
  const result = run(['--seed', '5', '--scale', 'tiny', '--years', '2024-2025', '--csv', folder]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(fs.readdirSync(folder).sort()).toEqual([
    'annual_reports.csv', 'claims.csv', 'enterprises.csv', 'fee_ledger.csv', 'insurer_filings.csv', 'insurers.csv', 'policies.csv',
    'policy_shares.csv', 'providers.csv', 'services.csv',
  ]);
  const enterpriseLines = fs.readFileSync(path.join(folder, 'enterprises.csv'), 'utf8').trim().split('\n').length;
  expect(result.stdout).toMatch(new RegExp(`enterprises\\s+${enterpriseLines - 1}\\n`));
  expect(result.stdout).toMatch(/Premium \d+\.\d{2} CNY, premium received \d+\.\d{2} CNY/);
  expect(result.stdout).toMatch(/2025: \d+ policies starting/);
  expect(result.stdout).toMatch(/Took \d+\.\d s \(\d+ rows\/s\)/);
});

test('without --csv it writes the platform database of DATA_DIR', () => {
  const result = run(['--scale', 'tiny']);
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('platform database (better-sqlite3)');
  expect(fs.existsSync(path.join(env.dataDir, 'platform.sqlite'))).toBe(true);
});

test('a bad argument stops with a message naming it', () => {
  const badScale = run(['--scale', 'mars']);
  expect(badScale.status).toBe(1);
  expect(badScale.stderr).toContain('--scale: expected one of tiny, shanxi, national, got "mars"');
  const unknown = run(['--speed', '3']);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('unknown argument "--speed"');
  expect(run(['--csv', 'x', '--replace']).stderr).toContain('--replace applies to the platform database');
});

test('the CSV files, imported with npm run import, give the same platform rows as generating into the database', () => {
  const folder = path.join(env.dataDir, 'import-csv');
  const imported = path.join(env.dataDir, 'imported');
  const direct = path.join(env.dataDir, 'direct');
  expect(run(['--seed', '9', '--scale', 'tiny', '--csv', folder]).status).toBe(0);
  const importRun = run([folder], imported, IMPORT_CLI);
  expect(importRun.stderr).toBe('');
  expect(importRun.status).toBe(0);
  expect(run(['--seed', '9', '--scale', 'tiny'], direct).status).toBe(0);
  const importedDb = new Database(path.join(imported, 'platform.sqlite'), { readonly: true });
  const directDb = new Database(path.join(direct, 'platform.sqlite'), { readonly: true });
  try {
    for (const table of TABLES) {
      const columns = (directDb.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name <> 'updated_at'`).all() as Array<{ name: string }>)
        .map(({ name }) => name);
      const select = `SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1, 2`;
      const fromImport = importedDb.prepare(select).all();
      expect(fromImport.length).toBeGreaterThan(0);
      expect(fromImport).toEqual(directDb.prepare(select).all());
    }
  } finally {
    importedDb.close();
    directDb.close();
  }
});

test('data of this year ends today by default, so that the import takes all of it; --until ends it earlier', () => {
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));
  const folder = path.join(env.dataDir, 'this-year');
  expect(run(['--seed', '3', '--scale', 'tiny', '--years', `${thisYear - 1}-${thisYear}`, '--csv', folder]).status).toBe(0);
  const importRun = run([folder], path.join(env.dataDir, 'this-year-db'), IMPORT_CLI);
  expect(importRun.stdout).toContain('no rejects');
  expect(importRun.status).toBe(0);
  const services = fs.readFileSync(path.join(folder, 'services.csv'), 'utf8').trim().split('\n').slice(1);
  const serviceDates = services.map((line) => line.split(',')[6]).sort();
  expect(serviceDates[serviceDates.length - 1] <= today).toBe(true);

  const earlier = path.join(env.dataDir, 'until');
  expect(run(['--seed', '3', '--scale', 'tiny', '--years', '2024-2025', '--until', '2025-03-31', '--csv', earlier]).status).toBe(0);
  const claims = fs.readFileSync(path.join(earlier, 'claims.csv'), 'utf8').trim().split('\n').slice(1);
  expect(claims.map((line) => line.split(',')[3]).every((reportedOn) => reportedOn <= '2025-03-31')).toBe(true);
  expect(run(['--until', '2025-02-30']).stderr).toContain('--until: expected a day as YYYY-MM-DD');
});
