/**
 * The API over the fixture of test/fixtures/api: imported through the real CSV import, loaded by the
 * real ETL into this test file's embedded ClickHouse, served by the real server on a free port, with
 * one user per role. Requests go over HTTP exactly as the dashboard sends them.
 */
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { DataSource } from 'typeorm';
import { importFolder } from '../../etl/csv/import';
import { runEtl } from '../../etl/load/run';
import { scheduleEtl, type EtlSchedule } from '../../etl/load/schedule';
import { SubmissionDesk } from '../../etl/csv/submission';
import { openPlatformDb } from '../../platform/data-source';
import { openWarehouse, type Warehouse } from '../../warehouse/client';
import { migrateWarehouse } from '../../warehouse/migrate';
import { tokenSecret } from '../../api/auth/tokens';
import { addUser } from '../../api/auth/users';
import { createLog } from '../../config/log';
import { startServer, type ApiServer, type ServerOptions } from '../../api/server';
import type { Config } from '../../config/config';
import { fillDataDir } from '../support/data-dir-cache';
import { makeTestEnv, testConfig, type TestEnv } from '../support/env';

export const FIXTURE_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'api');
export const PASSWORD = 'fixture-password';

export const USERS = {
  province: { username: 'province', role: 'province', scope: null },
  analyst: { username: 'analyst', role: 'analyst', scope: null },
  taiyuan: { username: 'taiyuan', role: 'city', scope: '140100' },
  datong: { username: 'datong', role: 'city', scope: '140200' },
  insurerI2: { username: 'pingan', role: 'insurer', scope: 'I2' },
  insurerI3: { username: 'cpic', role: 'insurer', scope: 'I3' },
} as const;
export type UserKey = keyof typeof USERS;

export interface GraphQLAnswer {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export interface FixtureApi {
  env: TestEnv;
  platform: DataSource;
  warehouse: Warehouse;
  server: ApiServer;
  /** The server's error lines: message and fields. */
  logged: Array<{ message: string; details?: Record<string, unknown> }>;
  /** Every line the server logged, parsed, at level info and above. */
  lines: Array<Record<string, unknown>>;
  tokens: Record<UserKey, string>;
  /** Posts one operation with a bearer token (or none). */
  request(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  as(user: UserKey, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  expiredToken(): string;
  close(): Promise<void>;
}

/** The fixture imported, loaded by the ETL and its users added, into the data directory of `config`, closed again. */
async function loadFixture(config: Config, fixture: string, users: readonly UserKey[]): Promise<void> {
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  try {
    await migrateWarehouse(warehouse, { database: config.warehouse.database });
    const report = await importFolder(platform, fixture);
    if (report.rejects.length > 0) throw new Error(`fixture rows rejected: ${JSON.stringify(report.rejects)}`);
    await runEtl(config, { platform, warehouse });
    for (const key of users) await addUser(platform, { ...USERS[key], password: PASSWORD });
  } finally {
    await warehouse.close();
    await platform.destroy();
  }
}

/**
 * Each file's data directory starts as a copy of the fixture loaded once per test run
 * (test/support/data-dir-cache.ts): every file with the same fixture, variables and users starts
 * from the same rows, and changes only its own copy.
 *
 * `env` adds configuration variables beside DATA_DIR (say ETL_MODE or CLICKHOUSE_MAX_EXECUTION_TIME);
 * `intake` takes submissions as `npm start` does (the import's desk, the ETL on request through a
 * schedule that runs only when asked); `fixture` is another folder to import instead of
 * test/fixtures/api, `users` the users to create (by default every one of USERS); the rest goes to
 * the server.
 */
export async function startFixtureApi(
  label: string,
  { env: variables, intake: withIntake, fixture = FIXTURE_DIR, users = Object.keys(USERS) as UserKey[], ...options }:
    Omit<ServerOptions, 'log' | 'intake'> & { env?: Record<string, string>; intake?: boolean; fixture?: string; users?: UserKey[] } = {},
): Promise<FixtureApi> {
  const env = makeTestEnv(label, variables);
  const config = { ...env.config, api: { ...env.config.api, port: 0 } };
  await fillDataDir(env.dataDir, JSON.stringify({ fixture, variables, users }), (dataDir) => loadFixture(testConfig(dataDir, variables), fixture, users));
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);

  const logged: FixtureApi['logged'] = [];
  const lines: FixtureApi['lines'] = [];
  const log = createLog({ level: 'info' }, {
    write(line: string) {
      const { level, msg, ...details } = JSON.parse(line) as { level: number; msg: string } & Record<string, unknown>;
      lines.push({ level, msg, ...details });
      // pino's level 50 is error.
      if (level >= 50) logged.push({ message: msg, details });
    },
  });
  let schedule: EtlSchedule | undefined;
  let intake: ServerOptions['intake'];
  if (withIntake) {
    const desk = new SubmissionDesk(platform, { maxRows: config.submissions.maxRows, maxUnpackedBytes: 8 * config.submissions.maxBytes }, path.join(config.dataDir, 'uploads'));
    await desk.open();
    intake = { submit: desk.submit.bind(desk), refreshData: async () => { await schedule!.runNow(); } };
  }
  const server = await startServer(config, { platform, warehouse }, { ...options, log, intake });
  if (withIntake) {
    schedule = scheduleEtl({ ...config, etl: { ...config.etl, intervalSeconds: 0 } }, { platform, warehouse: server.etlWarehouse }, {
      onFinished: () => undefined, onError: () => undefined,
    });
  }

  async function request(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  }

  const tokens = {} as Record<UserKey, string>;
  for (const [key, user] of users.map((key) => [key, USERS[key]] as const)) {
    const answer = await request(null, 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: user.username, p: PASSWORD,
    });
    if (!answer.data?.login?.token) throw new Error(`login of ${user.username} failed: ${JSON.stringify(answer.errors)}`);
    tokens[key] = answer.data.login.token;
  }

  return {
    env, platform, warehouse, server, logged, lines, tokens, request,
    as: (user, query, variables) => request(tokens[user], query, variables),
    expiredToken: () => jwt.sign(
      { role: 'province', scope: null, sub: 'province', exp: Math.floor(Date.now() / 1000) - 60 },
      tokenSecret(config),
      { algorithm: 'HS256' },
    ),
    async close() {
      await schedule?.stop();
      await server.close();
      await warehouse.close();
      await platform.destroy();
      env.remove();
    },
  };
}

export function codeOf(answer: GraphQLAnswer): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}

/** The child region `code` of a figures node (a city of the province, a county of a city); fails when it is absent. */
export function child(node: any, code: string): any {
  const found = node.children.find((candidate: any) => candidate.region.code === code);
  if (!found) throw new Error(`no child ${code}`);
  return found;
}
