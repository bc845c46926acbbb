/**
 * A private data directory per test file: libchdb binds one directory per process, so each test file
 * opens its own and closes it in afterAll (jest runs files of one worker one after another).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../config/config';

export interface TestEnv {
  config: Config;
  dataDir: string;
  remove(): void;
}

export function makeTestEnv(label: string, env: Record<string, string> = {}): TestEnv {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ansz-${label}-`));
  return { config: testConfig(dataDir, env), dataDir, remove: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** The configuration of a test with its data in `dataDir`. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  // Silent unless a test asks for lines: a test that reads them passes its own destination (api/common/log.ts).
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
}

/** The servers that run on this machine kind; .ci/run starts them when they are down. */
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const MARIADB_URL = 'mysql://root@127.0.0.1:3306/test';
