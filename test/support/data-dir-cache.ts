/**
 * Data directories built once per test run and copied for each test file that asks for the same one.
 * Building the API fixture (the CSV import, the ETL into a fresh warehouse, six users with bcrypt
 * hashes) takes seconds, and most test files start from exactly that; copying the result takes
 * milliseconds. The copy is the file's own: what a test writes there no other file sees.
 *
 * jest's global setup (./jest-global-setup) names the folder in DATA_DIR_CACHE_VARIABLE and its
 * teardown removes it. Without it (a file run by another runner) every caller builds its own, as
 * before. Workers build concurrently: each builds under a name of its own and renames the result into
 * place; the one that comes second finds the place taken and drops its copy.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const DATA_DIR_CACHE_VARIABLE = 'ANSZ_TEST_DATA_DIR_CACHE';

/**
 * Fills the empty `dataDir` with what `build` writes into a data directory. `key` names everything
 * the result depends on (the fixture, the configuration, the users): equal keys, equal directories.
 * `build` must leave the directory closed (platform database and warehouse), as a copy is taken of it.
 */
export async function fillDataDir(dataDir: string, key: string, build: (dataDir: string) => Promise<void>): Promise<void> {
  const root = process.env[DATA_DIR_CACHE_VARIABLE];
  if (!root) {
    await build(dataDir);
    return;
  }
  const cached = path.join(root, createHash('sha256').update(key).digest('hex').slice(0, 20));
  if (!fs.existsSync(cached)) {
    const building = `${cached}.building-${process.pid}`;
    fs.rmSync(building, { recursive: true, force: true });
    fs.mkdirSync(building, { recursive: true });
    await build(building);
    try {
      fs.renameSync(building, cached);
    } catch (error) {
      // Another worker built the same directory first: its copy serves.
      if (!fs.existsSync(cached)) throw error;
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  // The embedded ClickHouse links its tables to their storage by relative symlinks: copied as they are.
  fs.cpSync(cached, dataDir, { recursive: true, verbatimSymlinks: true });
}
