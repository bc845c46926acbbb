/**
 * The judged facts of a run (warehouse/schema.ts, DERIVED_TABLES), derived after the data tables
 * are loaded and before the run publishes, so they switch with them in the same publish.
 *
 * A run derives again only the rows of the enterprises it touched: those whose enterprise row, or a
 * policy, share, service or claim of theirs, got a new version in this run or had its version superseded by
 * it (a change, an addition, a deletion; a row moved to another enterprise touches both). Every fact
 * of an enterprise depends on nothing else, so the rows of the untouched ones stay as they are. The
 * sums per region and day are derived only for the groups the run's change reaches (the groups of its
 * new versions and of the versions it superseded), each as its published row plus the change
 * (stageReachedSums). A judged-facts table with no rows at all (a new warehouse, or one just migrated)
 * is derived whole, straight into its store.
 */
import { queryRows, type Warehouse } from '../../warehouse/client';
import {
  JUDGEMENT_PARAMS, REGION_SUMS, changeParts, deriveEnterpriseCoverage, deriveEnterpriseYears, derivePolicyFacts, deriveRegionSums, sumParts,
  type DerivationScope, type RegionSums,
} from '../../warehouse/judgements';
import { deriveClaimShares, deriveEnterpriseMix, deriveInsuredChanges, deriveInsurerHazards } from '../../warehouse/judged-claims';
import { PUBLISHED_RUN, rowsAsOf, storageTableName, type DdlTarget } from '../../warehouse/migrate';
import {
  CLAIM_SHARES, CLAIMS, DERIVED_TABLES, ENTERPRISE_MIX, ENTERPRISES, SOURCE_KEYS, ENTERPRISE_COVERAGE, ENTERPRISE_YEARS, INSURED_CHANGES, INSURER_HAZARDS, POLICIES, POLICY_FACTS, POLICY_SHARES,
  RUN_COLUMN, SERVICES, TOUCHED_ENTERPRISES, VERSION_ID_COLUMN, sumChangeTableName, type DerivedTable, type WarehouseTable, stageTableName, storeTableName, supersededTableName,
} from '../../warehouse/schema';
import { bind, ident, joinSql, sql, type Sql } from '../../warehouse/sql';
import { changedKeysName, insertSettingsClause, rowHashSql } from './statements';

const DERIVATIONS: ReadonlyMap<DerivedTable, (target: DdlTarget, scope: DerivationScope) => string> = new Map([
  [POLICY_FACTS, derivePolicyFacts],
  [ENTERPRISE_YEARS, deriveEnterpriseYears],
  [ENTERPRISE_COVERAGE, deriveEnterpriseCoverage],
  ...[...REGION_SUMS].map(([table, sums]) => [table, (target: DdlTarget) => deriveRegionSums(sums, target)] as const),
  [CLAIM_SHARES, deriveClaimShares],
  [INSURED_CHANGES, deriveInsuredChanges],
  [INSURER_HAZARDS, deriveInsurerHazards],
  [ENTERPRISE_MIX, deriveEnterpriseMix],
]);

/** The groups of a table of sums that the run's change reaches: those listed in its change table. */
function reachedGroups(table: DerivedTable, sums: RegionSums): string {
  return `(${sums.by.join(', ')}) IN (SELECT ${sums.by.join(', ')} FROM ${sumChangeTableName(table)})`;
}

/**
 * The rows of a table of sums that the run's change reaches, into its stage: the change summed once
 * per group into the table's change table (the versions the run wrote weigh 1, those it superseded −1,
 * so only the changed rows of the data tables are read; a group whose sums and rows it leaves as they
 * were is not reached), then each reached group's published row plus its change. A group whose sums
 * come out all 0 may have no row left in any part (every row moved away or deleted) or still have rows
 * of 0: those few groups are summed again from the data tables as of the run. The result equals
 * deriving the table whole.
 */
async function stageReachedSums(job: DeriveJob, table: DerivedTable, sums: RegionSums, params: Record<string, unknown>): Promise<void> {
  const { warehouse, target } = job;
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const settings = `${insertSettingsClause(target)}, join_use_nulls = 1`;
  const change = sumChangeTableName(table);
  await warehouse.command({ query: `TRUNCATE TABLE ${change}${onCluster}` });
  const allZero = sums.sums.map((name) => `${name} = 0`).join(' AND ');
  // A group whose sums and number of rows the change leaves as they were (a service's hazards counted
  // again, a row moved within the group) keeps its row as it is: it is not reached.
  await warehouse.command({
    query: `INSERT INTO ${change} ${sumParts(sums, changeParts(sums, target), undefined, `NOT (${allZero} AND sum(weight) = 0)`)}${settings}`,
    query_params: params,
  });
  const reached = await count(warehouse, `SELECT count() AS rows FROM ${change}`);
  job.step(`${table.name}: ${reached.toLocaleString('en')} groups reached`);
  if (reached === 0) return;
  const published = `SELECT ${sums.by.join(', ')}, ${sums.sums.map((name) => (name === 'services' ? `toInt64(${name}) AS ${name}` : name)).join(', ')} ` +
    `FROM (${rowsAsOf(table, '{run:UInt64}', target, [...sums.by, ...sums.sums], reachedGroups(table, sums))})`;
  const combined = (having: string) => sumParts(sums, [published, `SELECT * FROM ${change}`], undefined, having);
  await warehouse.command({ query: `INSERT INTO ${stageTableName(table)} ${combined(`NOT (${allZero})`)}${settings}`, query_params: params });
  const zeroGroups = `(${sums.by.join(', ')}) IN (SELECT ${sums.by.join(', ')} FROM (${combined(allZero)}))`;
  if ((await count(warehouse, `SELECT count() AS rows FROM ${change} WHERE ${zeroGroups}`, params)) === 0) return;
  await warehouse.command({ query: `INSERT INTO ${stageTableName(table)} ${deriveRegionSums(sums, target, zeroGroups)}${settings}`, query_params: params });
}

/** The data tables a fact depends on, each with the column naming its enterprise. */
const DEPENDENCIES: ReadonlyArray<readonly [WarehouseTable, string]> = [
  [ENTERPRISES, 'id'], [POLICIES, 'enterprise_id'], [POLICY_SHARES, 'enterprise_id'], [SERVICES, 'enterprise_id'], [CLAIMS, 'enterprise_id'],
];

/** The enterprise ids of a table's versions written by this run and of the versions this run superseded. */
function touchedIn(table: WarehouseTable, column: string, run: number): Sql {
  const versionId = ident(VERSION_ID_COLUMN);
  return sql`SELECT ${ident(column)} AS enterprise_id FROM ${ident(storeTableName(table))} WHERE ${ident(RUN_COLUMN)} = ${bind(run, 'UInt64')}
    OR ${versionId} IN (SELECT ${versionId} FROM ${ident(supersededTableName(table))} WHERE by_run = ${bind(run, 'UInt64')})`;
}

/** Every enterprise the run touched, into TOUCHED_ENTERPRISES. */
export function listTouchedEnterprises(run: number, target: DdlTarget): Sql {
  const settings = target.cluster ? sql` SETTINGS insert_deduplicate = 0, distributed_foreground_insert = 1` : sql` SETTINGS insert_deduplicate = 0`;
  const touched = joinSql(DEPENDENCIES.map(([table, column]) => touchedIn(table, column, run)), ' UNION ALL ');
  return sql`INSERT INTO ${ident(TOUCHED_ENTERPRISES)} SELECT DISTINCT enterprise_id FROM (${touched})${settings}`;
}

export interface DeriveJob {
  warehouse: Warehouse;
  target: DdlTarget;
  run: number;
  /**
   * Whether the run wrote a version of any data table or recorded a deletion. The sums per region depend
   * on the data tables alone (no rule, no day of the run), so a run that changed none keeps them as they are.
   */
  dataChanged: boolean;
  step: (detail: string) => void;
  /** A line worth keeping in the run's output. */
  line?: (text: string) => void;
}

async function count(warehouse: Warehouse, query: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await queryRows<{ rows: number }>(warehouse, query, params);
  return Number(row.rows);
}

/**
 * Derives the judged facts of the touched enterprises, and the sums per region of the reached groups, as
 * new versions of this run; returns the rows written per table of facts per enterprise.
 */
export async function deriveJudgedFacts(job: DeriveJob): Promise<Record<string, number>> {
  const { warehouse, target, run } = job;
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const insertSettings = insertSettingsClause(target);
  const params: Record<string, unknown> = { run, ...JUDGEMENT_PARAMS };
  const emptyStores = new Set<DerivedTable>();
  for (const table of DERIVED_TABLES) {
    if ((await count(warehouse, `SELECT count() AS rows FROM ${storeTableName(table)}`)) === 0) emptyStores.add(table);
  }
  // With every table of facts per enterprise empty (a first load), all are derived whole: no enterprise to list.
  let touched = 0;
  if (DERIVED_TABLES.some((table) => table.enterpriseColumn !== null && !emptyStores.has(table))) {
    job.step('finding touched enterprises');
    await warehouse.command({ query: `TRUNCATE TABLE ${TOUCHED_ENTERPRISES}${onCluster}` });
    const listing = listTouchedEnterprises(run, target).toQuery();
    await warehouse.command({ query: listing.query, query_params: listing.params });
    touched = await count(warehouse, `SELECT count() AS rows FROM ${TOUCHED_ENTERPRISES}`);
  }
  // SOURCE_KEYS holds, per derived table under its own name, the hashes of its changed rows.
  await warehouse.command({ query: `TRUNCATE TABLE ${SOURCE_KEYS}${onCluster}` });
  const written: Record<string, number> = {};
  for (const table of DERIVED_TABLES) {
    const empty = emptyStores.has(table);
    const sums = REGION_SUMS.get(table);
    // A table of sums without a change of its own (no enterprise column, not among REGION_SUMS) is derived whole.
    const whole = table.enterpriseColumn === null && !sums;
    if ((sums || whole) && !empty && !job.dataChanged) {
      job.line?.(`${table.name}: kept, no data table changed`);
      continue;
    }
    if (!sums && !whole && !empty && touched === 0) {
      written[table.name] = 0;
      continue;
    }
    const derive = DERIVATIONS.get(table);
    if (!derive) throw new Error(`no derivation for ${table.name}`);
    // The derivations' outer joins leave NULL, not a default, where nothing matched (no service: no first service).
    const deriveSettings = `${insertSettings}, join_use_nulls = 1`;
    if (empty) {
      // No rows at all (a new warehouse, or one just migrated): derived whole, straight into the store as
      // versions of this run, with nothing published to compare with or supersede.
      job.step(`deriving ${table.name} (${sums || whole ? 'whole' : 'every enterprise'})`);
      await warehouse.command({ query: `INSERT INTO ${storeTableName(table)} SELECT *, {run:UInt64} FROM (${derive(target, 'all')})${deriveSettings}`, query_params: params });
      const rows = await count(warehouse, `SELECT count() AS rows FROM ${storeTableName(table)} WHERE ${RUN_COLUMN} = {run:UInt64}`, { run });
      if (table.enterpriseColumn === null) job.step(`${table.name}: ${rows.toLocaleString('en')} rows derived`);
      else written[table.name] = rows;
      continue;
    }
    // A table of sums (no enterprise column: sums over many enterprises and the ledger) is derived by the
    // groups the run's change reaches, a table of facts by the touched enterprises.
    const stage = stageTableName(table);
    await warehouse.command({ query: `TRUNCATE TABLE ${stage}${onCluster}` });
    if (sums) {
      job.step(`deriving ${table.name} (the groups the run's change reaches)`);
      await stageReachedSums(job, table, sums, params);
    } else if (whole) {
      job.step(`deriving ${table.name} (whole)`);
      await warehouse.command({ query: `INSERT INTO ${stage} ${derive(target, 'all')}${deriveSettings}`, query_params: params });
    } else {
      job.step(`deriving ${table.name} (${touched.toLocaleString('en')} enterprises)`);
      await warehouse.command({ query: `INSERT INTO ${stage} ${derive(target, 'touched')}${deriveSettings}`, query_params: params });
    }
    // Only the rows that differ from the published ones become versions: a touched enterprise whose
    // facts came out equal (a service's hazards counted again, a fen more premium received) leaves no
    // version and no supersession record, so the views' exclusion set stays as small as the change.
    // The published facts are read from the store narrowed to the touched enterprises (or the reached
    // groups of sums): once for the published rows not derived again (superseded), once for the keys of
    // the derived rows equal to none of them (their hashes listed in SOURCE_KEYS, as the data tables'
    // changed keys), which become versions.
    const keys = table.key.join(', ');
    const rowHash = rowHashSql(table.columns);
    const narrowed = sums
      ? reachedGroups(table, sums)
      : whole ? undefined : `${table.enterpriseColumn} IN (SELECT enterprise_id FROM ${TOUCHED_ENTERPRISES})`;
    const current = rowsAsOf(table, '{run:UInt64}', target, [...table.key, RUN_COLUMN, `${rowHash} AS row_hash`], narrowed);
    await warehouse.command({
      query: `INSERT INTO ${supersededTableName(table)} (${keys}, superseded_run, by_run) SELECT ${keys}, ${RUN_COLUMN}, {run:UInt64} FROM (${current}) ` +
        `WHERE row_hash NOT IN (SELECT ${rowHash} FROM ${stage})${insertSettings}`,
      query_params: params,
    });
    const published = rowsAsOf(table, PUBLISHED_RUN, target, [rowHash], narrowed);
    const changedName = changedKeysName(table);
    await warehouse.command({
      query: `INSERT INTO ${SOURCE_KEYS} SELECT {changed_name:String}, hex(${rowHash}) FROM ${stage} WHERE ${rowHash} NOT IN (${published})${insertSettings}`,
      query_params: { changed_name: changedName },
    });
    const changedRows = await count(warehouse, `SELECT count() AS rows FROM ${SOURCE_KEYS} WHERE table_name = {changed_name:String}`, { changed_name: changedName });
    if (changedRows > 0) {
      await warehouse.command({
        query: `INSERT INTO ${storeTableName(table)} SELECT *, {run:UInt64} FROM ${stage} ` +
          `WHERE hex(${rowHash}) IN (SELECT key FROM ${SOURCE_KEYS} WHERE table_name = {changed_name:String})${insertSettings}`,
        query_params: { ...params, changed_name: changedName },
      });
    }
    // The run's summary counts the facts derived per enterprise; the sums' changed rows are told in the step.
    if (table.enterpriseColumn === null) job.step(`${table.name}: ${changedRows.toLocaleString('en')} rows changed`);
    else written[table.name] = changedRows;
  }
  return written;
}

/** On a cluster, before the publish: every replica holds the derived versions and supersession records. */
export function derivedReplicasCaughtUp(target: DdlTarget): string[] {
  if (!target.cluster) return [];
  return DERIVED_TABLES.flatMap((table) => [storageTableName(table, target), supersededTableName(table)])
    .map((name) => `SYSTEM SYNC REPLICA ON CLUSTER ${target.cluster} ${name}`);
}
