/**
 * Configuration, read and validated once at start. Every entry point calls `loadConfig()` and passes
 * the result down; nothing else reads `process.env`. A missing or malformed variable stops the
 * program with a message naming it.
 */
import path from 'node:path';

export type PlatformDialect = 'sqlite' | 'postgres' | 'mysql';
export type EtlMode = 'auto' | 'pull' | 'stream';

export interface PlatformDbConfig {
  dialect: PlatformDialect;
  /** SQLite: the file path. PostgreSQL / MySQL: the connection URL. */
  location: string;
}

export interface WarehouseConfig {
  /** Absent: the embedded chDB engine at `embeddedPath`. */
  url?: string;
  embeddedPath: string;
  user: string;
  password: string;
  database: string;
  /** When set, DDL is emitted `ON CLUSTER` with Replicated tables and Distributed tables over them. */
  cluster?: string;
  /** ClickHouse `max_execution_time` for API queries, in seconds. */
  maxExecutionSeconds: number;
}

export interface EtlConfig {
  mode: EtlMode;
  batchRows: number;
  /** Rows stamped this long before the previous run's read point are read again, to cover late commits and clock skew. */
  overlapMs: number;
  /** How the ClickHouse server reaches the platform database, when it differs from PLATFORM_DB_URL. */
  sourceUrlForWarehouse?: string;
  /** The server runs the ETL this often (0: never), so that imports reach the dashboard. */
  intervalSeconds: number;
}

export interface ApiConfig {
  port: number;
  jwtSecret: string;
  tokenTtlSeconds: number;
}

/** Uploads from the dashboard (数据报送). */
export interface SubmissionConfig {
  /** Bytes of one upload request, all files together; beyond it the answer is HTTP 413. */
  maxBytes: number;
  /** Data rows of one submission, all files together. */
  maxRows: number;
}

/** pino's levels; `silent` writes nothing (the tests' default). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogConfig {
  level: LogLevel;
}

export interface Config {
  dataDir: string;
  log: LogConfig;
  platform: PlatformDbConfig;
  warehouse: WarehouseConfig;
  etl: EtlConfig;
  api: ApiConfig;
  submissions: SubmissionConfig;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected ${min} to ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function platformDb(env: Env, dataDir: string): PlatformDbConfig {
  const url = text(env, 'PLATFORM_DB_URL');
  if (url === undefined) return { dialect: 'sqlite', location: path.join(dataDir, 'platform.sqlite') };
  const scheme = /^([a-z]+):/.exec(url)?.[1];
  if (scheme === 'postgres' || scheme === 'postgresql') return { dialect: 'postgres', location: url };
  if (scheme === 'mysql' || scheme === 'mariadb') return { dialect: 'mysql', location: url.replace(/^mariadb:/, 'mysql:') };
  if (scheme === 'sqlite' || scheme === 'file') {
    return { dialect: 'sqlite', location: path.resolve(url.replace(/^(sqlite|file):(\/\/)?/, '')) };
  }
  throw new ConfigError('PLATFORM_DB_URL', `expected postgres://, mysql://, mariadb:// or sqlite:<file>, got "${url}"`);
}

function warehouse(env: Env, dataDir: string): WarehouseConfig {
  const url = text(env, 'CLICKHOUSE_URL');
  if (url !== undefined && !/^https?:\/\/[^/\s]+/.test(url)) {
    throw new ConfigError('CLICKHOUSE_URL', `expected http(s)://host:port, got "${url}"`);
  }
  const database = text(env, 'CLICKHOUSE_DATABASE') ?? 'warehouse';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
    throw new ConfigError('CLICKHOUSE_DATABASE', `expected a plain identifier, got "${database}"`);
  }
  const cluster = text(env, 'CLICKHOUSE_CLUSTER');
  if (cluster !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(cluster)) {
    throw new ConfigError('CLICKHOUSE_CLUSTER', `expected a plain identifier, got "${cluster}"`);
  }
  return {
    url,
    embeddedPath: path.join(dataDir, 'warehouse'),
    user: text(env, 'CLICKHOUSE_USER') ?? 'default',
    password: env.CLICKHOUSE_PASSWORD ?? '',
    database,
    cluster,
    maxExecutionSeconds: integer(env, 'CLICKHOUSE_MAX_EXECUTION_TIME', 10, 1, 3600),
  };
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(text(env, 'DATA_DIR') ?? './data');
  const jwtSecret = text(env, 'JWT_SECRET') ?? '';
  if (jwtSecret !== '' && jwtSecret.length < 16) {
    throw new ConfigError('JWT_SECRET', 'expected at least 16 characters');
  }
  return {
    dataDir,
    log: { level: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info') },
    platform: platformDb(env, dataDir),
    warehouse: warehouse(env, dataDir),
    etl: {
      mode: oneOf(env, 'ETL_MODE', ['auto', 'pull', 'stream'] as const, 'auto'),
      batchRows: integer(env, 'ETL_BATCH_ROWS', 100_000, 1, 10_000_000),
      overlapMs: integer(env, 'ETL_OVERLAP_MS', 300_000, 0, 86_400_000),
      sourceUrlForWarehouse: text(env, 'ETL_SOURCE_URL_FOR_CLICKHOUSE'),
      intervalSeconds: integer(env, 'ETL_INTERVAL_SECONDS', 300, 0, 86_400),
    },
    api: {
      port: integer(env, 'PORT', 4000, 1, 65535),
      // An empty secret means: generate one per data directory on first start (see api/auth).
      jwtSecret,
      tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 86400),
    },
    submissions: {
      maxBytes: integer(env, 'SUBMISSION_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxRows: integer(env, 'SUBMISSION_MAX_ROWS', 200_000, 1, 10_000_000),
    },
  };
}
