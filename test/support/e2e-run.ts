/**
 * `npm run test:e2e`: the browser tests (dist/test/dashboard/*.e2e.js, or the files named on the
 * command line) under node's test runner, with one folder of ./data-dir-cache for the whole run, so
 * that the demo is generated and loaded once and each file starts from a copy of it. The folder is
 * removed afterwards; the exit code is the test runner's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR_CACHE_VARIABLE } from './data-dir-cache';

const E2E_DIR = path.resolve(__dirname, '..', 'dashboard');

function main(): number {
  const named = process.argv.slice(2);
  const files = named.length > 0 ? named : fs.readdirSync(E2E_DIR).filter((name) => name.endsWith('.e2e.js')).sort().map((name) => path.join(E2E_DIR, name));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ansz-e2e-data-dir-cache-'));
  try {
    const run = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit', env: { ...process.env, [DATA_DIR_CACHE_VARIABLE]: cache } });
    if (run.error) throw run.error;
    return run.status ?? 1;
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

process.exitCode = main();
