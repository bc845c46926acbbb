/**
 * Configuration validation on its own (config/config.ts): every variable of .env.example has a row
 * below, and a malformed value of each stops loadConfig with a ConfigError naming that variable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';

/** Malformed values of each variable, and one accepted value with what it becomes. */
const VARIABLES: Record<string, { malformed: string[]; accepted?: [string, (config: ReturnType<typeof loadConfig>) => unknown, unknown] }> = {
  DATA_DIR: { malformed: [], accepted: ['/tmp/somewhere', (config) => config.dataDir, '/tmp/somewhere'] },
  PLATFORM_DB_URL: {
    malformed: ['oracle://db/x', 'not a url'],
    accepted: ['mariadb://u:p@db/x', (config) => config.platform, { dialect: 'mysql', location: 'mysql://u:p@db/x' }],
  },
  CLICKHOUSE_URL: { malformed: ['localhost:8123', 'ftp://host'], accepted: ['http://ch:8123', (config) => config.warehouse.url, 'http://ch:8123'] },
  CLICKHOUSE_USER: { malformed: [], accepted: ['reader', (config) => config.warehouse.user, 'reader'] },
  CLICKHOUSE_PASSWORD: { malformed: [], accepted: [' spaced ', (config) => config.warehouse.password, ' spaced '] },
  CLICKHOUSE_DATABASE: { malformed: ['ware-house', '1st', 'a;DROP'], accepted: ['ware_2', (config) => config.warehouse.database, 'ware_2'] },
  CLICKHOUSE_CLUSTER: { malformed: ['my cluster', 'c-1'], accepted: ['main', (config) => config.warehouse.cluster, 'main'] },
  CLICKHOUSE_MAX_EXECUTION_TIME: { malformed: ['0', '3601', '1.5', '-1', 'ten'], accepted: ['3600', (config) => config.warehouse.maxExecutionSeconds, 3600] },
  ETL_MODE: { malformed: ['push', 'AUTO'], accepted: ['stream', (config) => config.etl.mode, 'stream'] },
  ETL_BATCH_ROWS: { malformed: ['0', '10000001', '1e5'], accepted: ['1', (config) => config.etl.batchRows, 1] },
  ETL_OVERLAP_MS: { malformed: ['86400001', '-5', '5s'], accepted: ['0', (config) => config.etl.overlapMs, 0] },
  ETL_SOURCE_URL_FOR_CLICKHOUSE: { malformed: [], accepted: ['postgresql://db/x', (config) => config.etl.sourceUrlForWarehouse, 'postgresql://db/x'] },
  ETL_INTERVAL_SECONDS: { malformed: ['86401', 'hourly'], accepted: ['0', (config) => config.etl.intervalSeconds, 0] },
  PORT: { malformed: ['0', '65536', '80a'], accepted: ['65535', (config) => config.api.port, 65535] },
  JWT_SECRET: { malformed: ['short', '123456789012345'], accepted: ['1234567890123456', (config) => config.api.jwtSecret, '1234567890123456'] },
  LOG_LEVEL: { malformed: ['verbose', 'INFO'], accepted: ['warn', (config) => config.log.level, 'warn'] },
  SUBMISSION_MAX_BYTES: { malformed: ['1023', '20MB'], accepted: ['1048576', (config) => config.submissions.maxBytes, 1_048_576] },
  SUBMISSION_MAX_ROWS: { malformed: ['0', '10000001', '1e5'], accepted: ['50', (config) => config.submissions.maxRows, 50] },
  TOKEN_TTL_SECONDS: { malformed: ['59', '2592001', '8h'], accepted: ['60', (config) => config.api.tokenTtlSeconds, 60] },
};

function failureOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

test('every variable of .env.example has a row here', () => {
  const example = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '.env.example'), 'utf8');
  const named = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
  expect(named.filter((name) => VARIABLES[name] === undefined)).toEqual([]);
});

test('nothing set: the documented defaults', () => {
  const config = loadConfig({});
  expect(config.dataDir).toBe(path.resolve('./data'));
  expect(config.platform).toEqual({ dialect: 'sqlite', location: path.resolve('./data', 'platform.sqlite') });
  expect(config.warehouse).toMatchObject({ url: undefined, database: 'warehouse', user: 'default', password: '', maxExecutionSeconds: 10 });
  expect(config.etl).toEqual({ mode: 'auto', batchRows: 100_000, overlapMs: 300_000, sourceUrlForWarehouse: undefined, intervalSeconds: 300 });
  expect(config.api).toEqual({ port: 4000, jwtSecret: '', tokenTtlSeconds: 28_800 });
  expect(config.submissions).toEqual({ maxBytes: 20 * 1024 * 1024, maxRows: 200_000 });
});

const malformed = Object.entries(VARIABLES).flatMap(([name, { malformed: values }]) => values.map((value) => [name, value] as const));

test.each(malformed)('%s=%j fails naming %s', (name, value) => {
  const error = failureOf({ [name]: value });
  expect(error.variable).toBe(name);
  expect(error.message).toMatch(new RegExp(`^${name}: `));
});

test.each(Object.entries(VARIABLES).filter(([, row]) => row.accepted).map(([name, row]) => [name, row.accepted!] as const))(
  '%s: an accepted value is read as meant',
  (name, [value, read, expected]) => {
    expect(read(loadConfig({ [name]: value }))).toEqual(expected);
  },
);

test('blank values count as unset, and values are trimmed', () => {
  expect(loadConfig({ PORT: '   ', ETL_MODE: '' }).api.port).toBe(4000);
  expect(loadConfig({ PORT: ' 8080 ' }).api.port).toBe(8080);
});

test('a SQLite URL names a file, resolved from the working directory', () => {
  expect(loadConfig({ PLATFORM_DB_URL: 'sqlite:relative/platform.db' }).platform).toEqual({ dialect: 'sqlite', location: path.resolve('relative/platform.db') });
  expect(loadConfig({ PLATFORM_DB_URL: 'file:///var/lib/p.db' }).platform).toEqual({ dialect: 'sqlite', location: '/var/lib/p.db' });
});
