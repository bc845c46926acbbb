/**
 * Opens the platform database named by the configuration and brings its schema up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { PlatformDbConfig } from '../config/config';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFiles } from '../config/data-dir';
import { PLATFORM_ENTITIES } from './entities';
import { PLATFORM_MIGRATIONS } from './migrations';

export function platformDataSourceOptions(platform: PlatformDbConfig): DataSourceOptions {
  const common = { entities: PLATFORM_ENTITIES, migrations: PLATFORM_MIGRATIONS, migrationsRun: false, logging: false } as const;
  switch (platform.dialect) {
    case 'sqlite':
      return {
        ...common,
        type: 'better-sqlite3',
        database: platform.location,
        // WAL lets ClickHouse's sqlite() table function read while the platform writes.
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          db.pragma('journal_mode = WAL');
          db.pragma('busy_timeout = 10000');
        },
      };
    case 'postgres':
      return { ...common, type: 'postgres', url: platform.location };
    case 'mysql':
      return { ...common, type: 'mysql', url: platform.location, charset: 'utf8mb4_unicode_ci', supportBigNumbers: true, bigNumberStrings: true };
  }
}

/**
 * A SQLite file is made private before SQLite first opens it: SQLite gives its -wal and -shm files
 * the mode of the database file, so they are private from their creation too.
 */
function privateSqliteFile(location: string): void {
  const dir = path.dirname(location);
  if (!fs.existsSync(dir)) ensurePrivateDir(dir);
  fs.closeSync(fs.openSync(location, 'a', PRIVATE_FILE_MODE));
  tightenFiles([location, `${location}-wal`, `${location}-shm`]);
}

/** Connects and applies pending migrations. The caller closes it with `destroy()`. */
export async function openPlatformDb(platform: PlatformDbConfig): Promise<DataSource> {
  if (platform.dialect === 'sqlite') privateSqliteFile(platform.location);
  const dataSource = new DataSource(platformDataSourceOptions(platform));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
