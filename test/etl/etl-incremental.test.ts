/**
 * A run with nothing changed loads nothing: on demo data (the generator's tiny scale, every row
 * stamped at generation), with the default overlap, on the real clock, by both paths and by the
 * server's schedule; and a change after that loads that row alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Not, type DataSource } from 'typeorm';
import { generateToDatabase } from '../../etl/generate';
import { runEtl, type EtlRunSummary } from '../../etl/load/run';
import { CLEANUP_SHARE } from '../../etl/load/statements';
import { SNAPSHOT_FOLDER } from '../../etl/load/snapshot';
import { scheduleEtl } from '../../etl/load/schedule';
import { openPlatformDb } from '../../platform/data-source';
import { EnterpriseRow, InsurerRow, PolicyRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { makeTestEnv } from '../support/env';
import { platformFigures, warehouseFigures, warehouseRowHashes } from '../support/etl-compare';
import { runInto, useDatabase } from '../support/etl-scenario';
import { migrateWarehouse } from '../../warehouse/migrate';
import { DATA_TABLES, DERIVED_TABLES } from '../../warehouse/schema';

const env = makeTestEnv('etl-incremental', { ETL_INTERVAL_SECONDS: '1' });
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  expect(env.config.etl.overlapMs).toBe(300_000);
  platform = await openPlatformDb(env.config.platform);
  await generateToDatabase(platform, { seed: 42, scale: 'tiny', years: { from: 2023, to: 2026 } });
  warehouse = await openWarehouse(env.config.warehouse);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, rows) => sum + rows, 0);
const nothing = (summary: EtlRunSummary) => ({ loaded: total(summary.rowsByTable), deleted: total(summary.deletedByTable) });

test.each(['pull', 'stream'] as const)('%s: the second of two runs with no change between them loads nothing', async (mode) => {
  const database = `incremental_${mode}`;
  const first = await runInto(env.config, platform, warehouse, database, mode);
  expect(total(first.rowsByTable)).toBeGreaterThan(1000);
  const second = await runInto(env.config, platform, warehouse, database, mode);
  expect(nothing(second)).toEqual({ loaded: 0, deleted: 0 });
  expect(second.watermarkFrom).toBe(first.watermarkTo);
  expect(second.watermarkTo).toBe(first.watermarkTo);

  const insurer = await platform.getRepository(InsurerRow).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  await upsertRows(platform, InsurerRow, [{ ...insurer, name: `${insurer.name}（${mode}）` }]);
  const third = await runInto(env.config, platform, warehouse, database, mode);
  expect(third.rowsByTable.insurers).toBe(1);
  expect(total(third.rowsByTable)).toBe(1);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test.each(['pull', 'stream'] as const)('%s: rows read again within the overlap and equal to the published ones become no version', async (mode) => {
  const database = `overlap_${mode}`;
  await runInto(env.config, platform, warehouse, database, mode);
  // Every generated row is stamped within the overlap, so the next run reads every policy again; one of them changed.
  const policy = await platform.getRepository(PolicyRow).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  await upsertRows(platform, PolicyRow, [{ ...policy, premiumReceivedFen: policy.premiumReceivedFen + 1 }]);
  const next = await runInto(env.config, platform, warehouse, database, mode);
  expect(next.rowsByTable.policies).toBe(1);
  const versions = async (table: string) => {
    const [row] = await queryRows<{ versions: number }>(
      warehouse, `SELECT count() AS versions FROM ${database}.${table}_store WHERE etl_run = (SELECT max(run) FROM ${database}.etl_published_runs)`,
    );
    return Number(row.versions);
  };
  expect(await versions('policies')).toBe(1);
  // Its shares carry its figures: they change with it, and no other share does.
  expect(await versions('policy_shares')).toBe(await platform.getRepository(PolicyShareRow).countBy({ policyId: policy.id }));
  // The premium received is no part of a judged fact: the enterprise's facts derive equal, and stay as they were.
  expect(next.derivedByTable).toEqual({ policy_facts: 0, enterprise_years: 0, enterprise_coverage: 0, claim_shares: 0, insured_changes: 0 });
  expect(await versions('policy_facts')).toBe(0);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test('a write stamped before a run\'s read point but committed after it is loaded by the next run', async () => {
  const database = 'incremental_pull';
  const previous = await runInto(env.config, platform, warehouse, database, 'pull');
  const insurer = await platform.getRepository(InsurerRow).findOneOrFail({ where: {}, order: { id: 'DESC' } });
  // As an import's last batch: stamped when the import began, committed once the run had read the database.
  await upsertRows(platform, InsurerRow, [{ ...insurer, name: '迟到的提交' }], previous.startedAt - 60_000);
  const next = await runInto(env.config, platform, warehouse, database, 'pull');
  expect(next.rowsByTable.insurers).toBe(1);
  expect(await queryRows(warehouse, `SELECT name FROM ${database}.insurers WHERE id = {id:String}`, { id: insurer.id })).toEqual([{ name: '迟到的提交' }]);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test('two scheduled runs of the server with no change between them: the second loads nothing', async () => {
  await useDatabase(warehouse, env.config.warehouse.database);
  const finished: EtlRunSummary[] = [];
  const errors: Error[] = [];
  await new Promise<void>((resolve) => {
    const schedule = scheduleEtl(env.config, { platform, warehouse }, {
      onFinished: (summary) => {
        finished.push(summary);
        if (finished.length === 2) void schedule.stop().then(resolve);
      },
      onError: (error) => {
        errors.push(error);
        void schedule.stop().then(resolve);
      },
    });
  });
  expect(errors).toEqual([]);
  expect(total(finished[0].rowsByTable)).toBeGreaterThan(1000);
  expect(nothing(finished[1])).toEqual({ loaded: 0, deleted: 0 });
});

/** Every row of every judged-facts table, as one hash and a count per table. */
async function derivedHashes(database: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const table of DERIVED_TABLES) {
    const [row] = await queryRows<{ rows: number; hash: string }>(
      warehouse, `SELECT count() AS rows, toString(sum(sipHash64(tuple(${table.columns.map(([name]) => name).join(', ')})))) AS hash FROM ${database}.${table.name}`,
    );
    hashes[table.name] = `${row.rows}:${row.hash}`;
  }
  return hashes;
}

test('an automatic incremental run on SQLite reads one read transaction, no snapshot, and leaves the warehouse a full load would', async () => {
  const database = 'incremental_auto';
  await useDatabase(warehouse, database);
  const config = { ...env.config, warehouse: { ...env.config.warehouse, database } };
  const first = await runEtl(config, { platform, warehouse });
  // A first load pulls through a snapshot.
  expect(first.mode).toBe('pull');

  const policies = platform.getRepository(PolicyRow);
  const moved = await policies.findOneOrFail({ where: { cancelled: false }, order: { id: 'ASC' } });
  const to = (await platform.getRepository(EnterpriseRow).findOneOrFail({ where: { id: Not(moved.enterpriseId) }, order: { id: 'ASC' } })).id;
  // A policy moves to another enterprise, one service is deleted and another added (equal counts), an enterprise changes county.
  await upsertRows(platform, PolicyRow, [{ ...moved, enterpriseId: to }]);
  const services = platform.getRepository(ServiceRow);
  const gone = await services.findOneOrFail({ where: {}, order: { id: 'DESC' } });
  await services.delete({ id: gone.id });
  await upsertRows(platform, ServiceRow, [{ ...gone, id: 'SVC-ADDED-IN-THE-SAME-RUN' }]);
  const enterprise = await platform.getRepository(EnterpriseRow).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  await upsertRows(platform, EnterpriseRow, [{ ...enterprise, countyCode: enterprise.countyCode === '140302' ? '140105' : '140302' }]);

  const snapshots: string[][] = [];
  const second = await runEtl(config, {
    platform, warehouse,
    atFaultPoint: async (point) => {
      if (point === 'table:staged') snapshots.push(fs.existsSync(path.join(env.dataDir, SNAPSHOT_FOLDER)) ? fs.readdirSync(path.join(env.dataDir, SNAPSHOT_FOLDER)) : []);
    },
  });
  expect(second.mode).toBe('stream');
  expect(new Set(snapshots.flat())).toEqual(new Set());
  expect(second.deletedByTable.services).toBe(1);
  expect(second.rowsByTable.policies).toBeGreaterThanOrEqual(1);
  expect(second.rowsByTable.enterprises).toBe(1);
  // The moved policy's facts are derived again under its new enterprise, and the old enterprise's facts without it.
  expect(await queryRows(warehouse, `SELECT enterprise_id FROM ${database}.policy_facts WHERE policy_id = {id:String}`, { id: moved.id })).toEqual([{ enterprise_id: to }]);
  const spans = async (id: string) => (await queryRows<{ spans: number }>(
    warehouse, `SELECT length(policy_starts) AS spans FROM ${database}.enterprise_coverage WHERE enterprise_id = {id:String}`, { id },
  ))[0]?.spans ?? 0;
  const platformSpans = (id: string) => policies.countBy({ enterpriseId: id, cancelled: false });
  expect(await spans(moved.enterpriseId)).toBe(await platformSpans(moved.enterpriseId));
  expect(await spans(to)).toBe(await platformSpans(to));
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));

  // The same platform database loaded whole into an empty warehouse: the same rows and judged facts.
  const whole = 'incremental_auto_whole';
  await runInto(env.config, platform, warehouse, whole, 'pull');
  expect(await warehouseRowHashes(warehouse, database)).toEqual(await warehouseRowHashes(warehouse, whole));
  expect(await derivedHashes(database)).toEqual(await derivedHashes(whole));
});

test('superseded versions stay until their records pass a share of the store, then go, and their records a run later', async () => {
  const database = 'incremental_cleanup';
  await runInto(env.config, platform, warehouse, database, 'stream');
  const insurers = platform.getRepository(InsurerRow);
  const insurer = await insurers.findOneOrFail({ where: {}, order: { id: 'ASC' } });
  const current = await insurers.count();
  const counts = async () => {
    const [row] = await queryRows<{ versions: number; records: number; marks: number }>(
      warehouse,
      `SELECT (SELECT count() FROM ${database}.insurers_store) AS versions,
              (SELECT count() FROM ${database}.insurers_superseded WHERE superseded_run != 0) AS records,
              (SELECT count() FROM ${database}.insurers_superseded WHERE superseded_run = 0) AS marks`,
    );
    return { versions: Number(row.versions), records: Number(row.records), marks: Number(row.marks) };
  };
  let changes = 0;
  const change = async () => {
    changes += 1;
    await upsertRows(platform, InsurerRow, [{ ...insurer, name: `${insurer.name}（第${changes}次）` }]);
    const summary = await runInto(env.config, platform, warehouse, database, 'stream');
    expect(summary.rowsByTable.insurers).toBe(1);
    expect(await queryRows(warehouse, `SELECT name FROM ${database}.insurers WHERE id = {id:String}`, { id: insurer.id })).toEqual([{ name: `${insurer.name}（第${changes}次）` }]);
    expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
  };
  // While the records stay within the share, every superseded version stays in the store, hidden by its record;
  // the first run that finds them past it removes the versions they hide (and marks it), then supersedes one more.
  for (;;) {
    const removes = changes > CLEANUP_SHARE * (current + changes);
    await change();
    if (removes) break;
    expect(await counts()).toEqual({ versions: current + changes, records: changes, marks: 0 });
  }
  expect(changes).toBeGreaterThan(2);
  expect(await counts()).toEqual({ versions: current + 1, records: changes, marks: 1 });
  // The run after that, once the removal was published, removes the spent records.
  const idle = await runInto(env.config, platform, warehouse, database, 'stream');
  expect(nothing(idle)).toEqual({ loaded: 0, deleted: 0 });
  expect(await counts()).toEqual({ versions: current + 1, records: 1, marks: 1 });
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test('a warehouse of schema version 6 gets version numbers: its views show the same rows, superseded versions stay hidden, and runs go on', async () => {
  const database = 'incremental_version6';
  await runInto(env.config, platform, warehouse, database, 'stream');
  // Versions superseded in data tables and judged facts alike: a policy's death limit (its facts' verdict) and an insurer's name.
  const policy = await platform.getRepository(PolicyRow).findOneOrFail({ where: { cancelled: false }, order: { id: 'DESC' } });
  await upsertRows(platform, PolicyRow, [{ ...policy, deathLimitPerPersonFen: policy.deathLimitPerPersonFen + 100 }]);
  const insurer = await platform.getRepository(InsurerRow).findOneOrFail({ where: {}, order: { id: 'DESC' } });
  await upsertRows(platform, InsurerRow, [{ ...insurer, name: `${insurer.name}（第6版）` }]);
  await runInto(env.config, platform, warehouse, database, 'stream');

  // What the release of schema version 6 left: no version numbers, views hiding superseded versions by key and run,
  // in the tables it had (the later versions' tables are made with their numbers and stay as they are).
  const versioned = [...DATA_TABLES, ...DERIVED_TABLES.filter((table) => (table.addedIn ?? 4) <= 6)];
  for (const table of versioned) {
    const keys = table.key.join(', ');
    for (const name of [`${table.name}_store`, `${table.name}_superseded`]) {
      await warehouse.command({ query: `ALTER TABLE ${database}.${name} DROP COLUMN version_id SETTINGS mutations_sync = 2` });
    }
    await warehouse.command({
      query: `CREATE OR REPLACE VIEW ${database}.${table.name} AS SELECT ${table.columns.map(([name]) => name).join(', ')} FROM ${database}.${table.name}_store ` +
        `WHERE etl_run <= (SELECT max(run) FROM ${database}.etl_published_runs) AND (${keys}, etl_run) NOT IN ` +
        `(SELECT ${keys}, superseded_run FROM ${database}.${table.name}_superseded WHERE by_run <= (SELECT max(run) FROM ${database}.etl_published_runs))`,
    });
  }
  await warehouse.command({ query: `DELETE FROM ${database}.schema_migrations WHERE version = 7`, clickhouse_settings: { lightweight_deletes_sync: '2' } });
  const hidden = async () => Object.fromEntries(await Promise.all(versioned.map(async (table) => {
    const [row] = await queryRows<{ hidden: number }>(
      warehouse, `SELECT (SELECT count() FROM ${database}.${table.name}_store) - (SELECT count() FROM ${database}.${table.name}) AS hidden`,
    );
    return [table.name, Number(row.hidden)] as const;
  })));
  const before = { rows: await warehouseRowHashes(warehouse, database), derived: await derivedHashes(database), hidden: await hidden() };
  expect(before.hidden.insurers).toBe(1);
  expect(before.hidden.policies).toBe(1);
  expect(before.hidden.policy_facts).toBe(1);

  await useDatabase(warehouse, database);
  expect(await migrateWarehouse(warehouse, { database })).toEqual([7]);
  expect({ rows: await warehouseRowHashes(warehouse, database), derived: await derivedHashes(database), hidden: await hidden() }).toEqual(before);
  // Every part holds the numbers: no view computes them as it reads.
  const [unnumbered] = await queryRows<{ parts: number }>(
    warehouse,
    `SELECT count() AS parts FROM system.parts WHERE database = {database:String} AND active AND match(table, '_(store|superseded)$')
       AND (table, name) NOT IN (SELECT table, name FROM system.parts_columns WHERE database = {database:String} AND active AND column = 'version_id')`,
    { database },
  );
  expect(Number(unnumbered.parts)).toBe(0);
  const [views] = await queryRows<{ numbered: number }>(
    warehouse, `SELECT countIf(position(create_table_query, 'version_id NOT IN') > 0) AS numbered FROM system.tables WHERE database = {database:String} AND engine = 'View'`, { database },
  );
  expect(Number(views.numbered)).toBe(DATA_TABLES.length + DERIVED_TABLES.length);

  // The next run supersedes by number what version 6 wrote by key and run.
  await upsertRows(platform, PolicyRow, [{ ...policy, deathLimitPerPersonFen: policy.deathLimitPerPersonFen + 200 }]);
  await runInto(env.config, platform, warehouse, database, 'stream');
  expect(await queryRows(warehouse, `SELECT toUInt64(death_limit_per_person * 100) AS fen FROM ${database}.policy_facts WHERE policy_id = {id:String}`, { id: policy.id }))
    .toEqual([{ fen: policy.deathLimitPerPersonFen + 200 }]);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
  expect((await hidden()).policy_facts).toBe(2);
});
