/**
 * Opens the platform database named by the configuration and brings its schema up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { PlatformDbConfig } from '../config';
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

/** Connects and applies pending migrations. The caller closes it with `destroy()`. */
export async function openPlatformDb(platform: PlatformDbConfig): Promise<DataSource> {
  if (platform.dialect === 'sqlite') fs.mkdirSync(path.dirname(platform.location), { recursive: true });
  const dataSource = new DataSource(platformDataSourceOptions(platform));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
