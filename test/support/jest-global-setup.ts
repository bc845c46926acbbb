/**
 * Runs once before jest starts its workers: the folder of ./data-dir-cache, named in the environment
 * that the workers inherit. ./jest-global-teardown removes it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR_CACHE_VARIABLE } from './data-dir-cache';

export default function globalSetup(): void {
  process.env[DATA_DIR_CACHE_VARIABLE] = fs.mkdtempSync(path.join(os.tmpdir(), 'ansz-data-dir-cache-'));
}
