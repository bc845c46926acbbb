/**
 * Fault injection (issue 7): for every named fault point of etl/fault-points.ts, a child ETL stops
 * there and is killed with SIGKILL; the next run (in this process) must leave every table equal to
 * the source: row counts and money totals against the platform database, and a hash of every row
 * against a reference warehouse that the same runs load without ever being killed.
 *
 * Dataset: test/support/etl-seed.ts with `enterprises` enterprises, loaded once; before each kill
 * the source changes in every fact table (a repriced policy, an enterprise moved to another city, a
 * new policy with a share, a service and a ledger entry, and one claim, service, ledger entry and
 * share deleted), so that every per-table point has rows to write and deletions to record. Before
 * each migration point the warehouse is rebuilt at schema version 1 with the reference's rows, as a
 * warehouse of the previous release would be.
 *
 * The reference is loaded by stream whatever the path under test, so the hashes also hold the two
 * paths to the same rows. Embedded chDB locks its directory per process: this process closes the
 * warehouse before each child starts and opens it again once the child is dead.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import { FAULT_POINTS, type FaultPoint } from '../../etl/fault-points';
import type { EtlPath } from '../../etl/load/run';
import { ClaimRow, EnterpriseRow, FeeLedgerRow, PolicyRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { COUNTIES } from '../../domain/regions';
import { openWarehouse, type Warehouse } from '../../warehouse/client';
import { openPlatformDb } from '../../platform/data-source';
import { makeTestEnv, type TestEnv } from './env';
import { startEtlChild } from './etl-child';
import { platformFigures, warehouseFigures, warehouseRowHashes } from './etl-compare';
import { copyAtVersion1, runInto } from './etl-scenario';
import { seedPlatform } from './etl-seed';
import type { ServerDatabase } from './etl-servers';
import type { PlatformServer } from './server-scenario';

const MAIN = 'warehouse';
const REFERENCE = 'reference';

/** Tables whose rows change in every cycle, for the per-table points; the deletion points take those that lose a row. */
const CHANGING_TABLES = ['enterprises', 'policies', 'policy_shares', 'services', 'fee_ledger', 'claims'];
const DELETING_TABLES = ['policy_shares', 'services', 'fee_ledger', 'claims'];
const DELETION_POINTS: readonly FaultPoint[] = ['table:source-keys-listed', 'table:deletions-recorded'];

/** Each fault point with the table it stops at (per-table points rotate over the tables). */
export function faultSpecs(): string[] {
  let changing = 0;
  let deleting = 0;
  return FAULT_POINTS.map((point) => {
    if (!point.startsWith('table:')) return point;
    const table = DELETION_POINTS.includes(point)
      ? DELETING_TABLES[deleting++ % DELETING_TABLES.length]
      : CHANGING_TABLES[changing++ % CHANGING_TABLES.length];
    return `${point}@${table}`;
  });
}

/** One cycle's source changes; `cycle` picks different rows each time. */
async function changeSourceForCycle(platform: DataSource, cycle: number): Promise<void> {
  // Updates take the cycle's row; deletions the first row left, a different one each cycle.
  const nth = async <Row extends object>(entity: new () => Row, order: Record<string, 'ASC'>, skip = cycle): Promise<Row> => {
    const [row] = await platform.getRepository(entity).find({ order: order as never, skip, take: 1 });
    if (!row) throw new Error(`the seed has too few ${entity.name} rows for cycle ${cycle}`);
    return row;
  };
  // Deletions first, so that every row deleted is one an earlier run loaded.
  await platform.getRepository(ClaimRow).delete({ id: (await nth(ClaimRow, { id: 'ASC' }, 0)).id });
  await platform.getRepository(ServiceRow).delete({ id: (await nth(ServiceRow, { id: 'ASC' }, 0)).id });
  await platform.getRepository(FeeLedgerRow).delete({ id: (await nth(FeeLedgerRow, { id: 'ASC' }, 0)).id });
  const share = await nth(PolicyShareRow, { policyId: 'ASC', insurerId: 'ASC' } as never, 0);
  await platform.getRepository(PolicyShareRow).delete({ policyId: share.policyId, insurerId: share.insurerId });
  const policy = await nth(PolicyRow, { id: 'ASC' });
  await upsertRows(platform, PolicyRow, [{ ...policy, premiumFen: policy.premiumFen + 101 + cycle }]);
  const enterprise = await nth(EnterpriseRow, { id: 'ASC' });
  const county = COUNTIES[(COUNTIES.findIndex((candidate) => candidate.code === enterprise.countyCode) + 37) % COUNTIES.length].code;
  await upsertRows(platform, EnterpriseRow, [{ ...enterprise, countyCode: county }]);
  const newPolicy = `POL-FAULT-${cycle}`;
  await upsertRows(platform, PolicyRow, [{ ...policy, id: newPolicy, policyNo: `PN-FAULT-${cycle}`, premiumFen: 1_000_000 + cycle }]);
  await upsertRows(platform, PolicyShareRow, [{ policyId: newPolicy, insurerId: 'INS01', shareHundredths: 10000 }]);
  const service = await nth(ServiceRow, { id: 'ASC' });
  await upsertRows(platform, ServiceRow, [{ ...service, id: `SVC-FAULT-${cycle}`, policyId: newPolicy, enterpriseId: policy.enterpriseId, costFen: 50_000 + cycle }]);
  const entry = await nth(FeeLedgerRow, { id: 'ASC' });
  await upsertRows(platform, FeeLedgerRow, [{ ...entry, id: `FEE-FAULT-${cycle}`, amountFen: 70_000 + cycle }]);
}

export interface FaultSuite {
  config: Config;
  /** Environment of the child ETL: DATA_DIR and the platform database. */
  childEnv: Record<string, string>;
  platform: DataSource;
  enterprises: number;
  /**
   * Run the path's own runs (the first load and each re-run) in a child too. For a pull from SQLite:
   * ClickHouse's SQLite reader in this process would drop the write-ahead log this process's own
   * connection writes to, hiding its later writes from the children (issue 7, defect 1).
   */
  runsInChild?: boolean;
}

/** A warehouse as the release before row versions left it: schema version 1, the reference's rows. */
async function rebuildAtVersion1(warehouse: Warehouse, config: Config): Promise<void> {
  await warehouse.command({ query: `DROP DATABASE IF EXISTS ${MAIN} SYNC` });
  await copyAtVersion1(warehouse, REFERENCE, MAIN, config.warehouse.cluster);
}

/**
 * Kills a child ETL at every fault point by `path` and checks the warehouse after each re-run;
 * returns the number of kills. `jest` expectations fail on the first difference, naming the point.
 */
export async function killAtEveryFaultPoint(suite: FaultSuite, path: EtlPath): Promise<number> {
  const { config, platform } = suite;
  const mainConfig = { ...config, warehouse: { ...config.warehouse, database: MAIN } };
  let warehouse: Warehouse | undefined;
  /** A complete run of the path under test into the main warehouse; leaves the warehouse open here. */
  const runMain = async () => {
    if (suite.runsInChild) {
      await warehouse?.close();
      const child = startEtlChild(suite.childEnv, ['--mode', path]);
      expect({ run: child.output(), ...(await child.exited) }).toMatchObject({ code: 0, signal: null });
      warehouse = await openWarehouse(mainConfig.warehouse);
    } else {
      warehouse ??= await openWarehouse(mainConfig.warehouse);
      await runInto(config, platform, warehouse, MAIN, path);
    }
    return warehouse;
  };
  await seedPlatform(platform, suite.enterprises);
  await runMain();
  await runInto(config, platform, await runMain(), REFERENCE, 'stream');
  let kills = 0;
  try {
    for (const [cycle, spec] of faultSpecs().entries()) {
      await killAndRerun(cycle, spec).catch((error: Error) => {
        error.message = `killed at ${spec} (cycle ${cycle}): ${error.message}`;
        throw error;
      });
      kills += 1;
    }
  } finally {
    await warehouse?.close();
  }
  return kills;

  async function killAndRerun(cycle: number, spec: string): Promise<void> {
    await changeSourceForCycle(platform, cycle);
    if (spec.startsWith('migration:')) await rebuildAtVersion1(warehouse ??= await openWarehouse(mainConfig.warehouse), config);
    await warehouse?.close();
    warehouse = undefined;
    const child = startEtlChild(suite.childEnv, ['--mode', path, '--fault-point', spec]);
    await child.waitFor(new RegExp(`fault point ${spec} reached`));
    child.process.kill('SIGKILL');
    expect({ spec, ...(await child.exited) }).toEqual({ spec, code: null, signal: 'SIGKILL' });
    const reopened = await runMain();
    await runInto(config, platform, reopened, REFERENCE, 'stream');
    const source = await platformFigures(platform);

    expect({ spec, figures: await warehouseFigures(reopened, MAIN) }).toEqual({ spec, figures: source });
    expect({ spec, figures: await warehouseFigures(reopened, REFERENCE) }).toEqual({ spec, figures: source });
    expect({ spec, hashes: await warehouseRowHashes(reopened, MAIN) }).toEqual({ spec, hashes: await warehouseRowHashes(reopened, REFERENCE) });
  }
}

/**
 * The fault suite with the platform database on a server, one describe per path (each its own
 * database and warehouse), then the server unreachable: one clear error, the warehouse unchanged.
 */
export interface FaultServer extends Omit<PlatformServer, 'createDatabase'> {
  /** A private database on the server for one path's suite. */
  createDatabase(path: EtlPath): Promise<ServerDatabase>;
}

export function serverFaultSuite(platformServer: FaultServer, enterprises: number): void {
  describe.each(['pull', 'stream'] as const)(`${platformServer.name}, %s`, (path) => {
    let server: ServerDatabase;
    let env: TestEnv;
    let platform: DataSource;

    beforeAll(async () => {
      server = await platformServer.createDatabase(path);
      env = makeTestEnv(`${platformServer.label}-${path}`, { PLATFORM_DB_URL: server.url, ETL_OVERLAP_MS: '0' });
      platform = await openPlatformDb(env.config.platform);
    });

    afterAll(async () => {
      await platform?.destroy();
      await server?.drop();
      env?.remove();
    });

    test(`a ${path} run from ${platformServer.name} killed at any fault point is finished exactly by the next run`, async () => {
      const childEnv = { DATA_DIR: env.dataDir, PLATFORM_DB_URL: server.url, ETL_OVERLAP_MS: '0' };
      expect(await killAtEveryFaultPoint({ config: env.config, childEnv, platform, enterprises }, path)).toBe(FAULT_POINTS.length);

      // Nothing listens on port 1: the server is unreachable.
      const unreachable = new URL(server.url);
      unreachable.port = '1';
      const warehouse = await openWarehouse({ ...env.config.warehouse, database: MAIN });
      const before = await warehouseRowHashes(warehouse, MAIN);
      await warehouse.close();
      const child = startEtlChild({ ...childEnv, PLATFORM_DB_URL: unreachable.toString() }, ['--mode', path]);
      expect({ ...(await child.exited), output: child.output() }).toMatchObject({ code: 1, signal: null });
      expect(child.output()).toContain(`cannot reach the platform database (${platformServer.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'} at `);
      const reopened = await openWarehouse({ ...env.config.warehouse, database: MAIN });
      try {
        expect(await warehouseRowHashes(reopened, MAIN)).toEqual(before);
      } finally {
        await reopened.close();
      }
    }, 1_800_000);
  });
}
