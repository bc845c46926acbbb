/**
 * `npm start` (and `npm run serve`): the whole platform in one process.
 *
 * With `--demo` (npm start), an empty platform database is first filled with the demo dataset
 * (seed 42, Shanxi scale) and demo users are created and printed. Then the ETL brings the warehouse up
 * to date, the server answers at http://localhost:$PORT (dashboard at /, API at /graphql), and the
 * ETL runs again every ETL_INTERVAL_SECONDS so that imports reach the dashboard; each run that
 * finishes empties the answers cache.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { formatSummary, generateToDatabase } from '../etl/generate';
import { todayInShanghai } from '../domain/today';
import { formatRunSummary, runEtl } from '../etl/load/run';
import { logRun, logRunFailure } from '../etl/load/log';
import { scheduleEtl, type EtlSchedule } from '../etl/load/schedule';
import { SubmissionDesk } from '../etl/csv/submission';
import { openPlatformDb } from '../platform/data-source';
import { EnterpriseRow, InsurerRow, UserRow } from '../platform/entities';
import { openWarehouse } from '../warehouse/client';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';

const DEMO_SEED = 42;
/** An .xlsx's XML packs about ten to one; what one may unpack to is this many times the upload limit. */
const UNPACKED_PER_UPLOADED_BYTE = 8;

interface DemoUser {
  username: string;
  password: string;
  role: string;
  scope?: string;
  who: string;
}

async function loadDemoData(platform: DataSource): Promise<void> {
  if ((await platform.getRepository(EnterpriseRow).count()) > 0) return;
  // Four years up to this one, so that the dashboard's default day (today) falls inside the data, and
  // ending today: nothing is shown as done that has not happened yet.
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));
  const years = { from: thisYear - 3, to: thisYear };
  console.log(`The platform database is empty: generating the demo dataset (seed ${DEMO_SEED}, Shanxi scale, ${years.from}-${years.to}, until ${today}) …`);
  const summary = await generateToDatabase(platform, { seed: DEMO_SEED, scale: 'shanxi', years, until: today });
  console.log(formatSummary(summary));
}

/** Demo accounts, one per role; created once, never over an existing user of the same name. */
async function ensureDemoUsers(platform: DataSource): Promise<DemoUser[]> {
  const insurer = await platform.getRepository(InsurerRow).findOne({ where: {}, order: { id: 'ASC' } });
  const users: DemoUser[] = [
    { username: 'province', password: 'province-demo', role: 'province', who: '省应急管理厅 (whole province)' },
    { username: 'analyst', password: 'analyst-demo', role: 'analyst', who: 'analyst (everything)' },
    { username: 'changzhi', password: 'changzhi-demo', role: 'city', scope: '140400', who: '长治市应急管理局 (长治 only)' },
    ...(insurer ? [{ username: 'insurer', password: 'insurer-demo', role: 'insurer', scope: insurer.id, who: `${insurer.name} (own figures)` }] : []),
  ];
  const existing = new Set((await platform.getRepository(UserRow).find({ select: { username: true } })).map((user) => user.username));
  for (const user of users) {
    if (!existing.has(user.username)) await addUser(platform, user);
  }
  return users;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } }, strict: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  const platform = await openPlatformDb(config.platform);
  const demoUsers = values.demo ? (await loadDemoData(platform), await ensureDemoUsers(platform)) : [];
  const warehouse = await openWarehouse(config.warehouse);
  console.log('Loading the warehouse …');
  const firstRun = await runEtl(config, { platform, warehouse, progress: process.stdout.isTTY === true });
  console.log(formatRunSummary(firstRun));

  // Uploads go through the import's rules into the same platform database the scheduled ETL reads;
  // "update now" is one more run of the same schedule, so runs never overlap.
  const desk = new SubmissionDesk(platform, {
    maxRows: config.submissions.maxRows, maxUnpackedBytes: UNPACKED_PER_UPLOADED_BYTE * config.submissions.maxBytes,
  }, path.join(config.dataDir, 'uploads'));
  await desk.open();
  let schedule: EtlSchedule | undefined;
  const intake = {
    submit: desk.submit.bind(desk),
    refreshData: async () => {
      if (!schedule) throw new Error('the server is still starting');
      await schedule.runNow();
    },
  };
  const server = await startServer(config, { platform, warehouse }, { intake }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' ? new Error(`port ${config.api.port} is already in use: set PORT to a free port`) : error;
  });
  // The scheduled runs' statements take turns with the dashboard's queries; answers stay cached until
  // a run changes the data (api/common/response-cache.ts), so a run that found nothing keeps them.
  schedule = scheduleEtl(config, { platform, warehouse: server.etlWarehouse }, {
    onFinished: (summary) => logRun(server.log, summary),
    onError: (error) => logRunFailure(server.log, error),
  });
  logRun(server.log, firstRun);
  console.log(`\nDashboard: ${server.url.replace(/\/graphql$/, '/')}\nGraphQL API: ${server.url}`);
  if (demoUsers.length > 0) {
    console.log('\nDemo users (username / password):');
    for (const user of demoUsers) console.log(`  ${user.username.padEnd(10)} ${user.password.padEnd(16)} ${user.who}`);
  }

  const stop = async (): Promise<void> => {
    await schedule?.stop();
    await server.close();
    await warehouse.close();
    await platform.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
