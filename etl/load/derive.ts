/**
 * The judged facts of a run (warehouse/schema.ts, DERIVED_TABLES), derived after the data tables
 * are loaded and before the run publishes, so they switch with them in the same publish.
 *
 * A run derives again only the rows of the enterprises it touched: those whose enterprise row, or a
 * policy, share, service or claim of theirs, got a new version in this run or had its version superseded by
 * it (a change, an addition, a deletion; a row moved to another enterprise touches both). Every fact
 * of an enterprise depends on nothing else, so the rows of the untouched ones stay as they are. A
 * judged-facts table with no rows at all (a new warehouse, or one just migrated) is derived whole.
 */
import { queryRows, type Warehouse } from '../../warehouse/client';
import {
  JUDGEMENT_PARAMS, deriveCountyDays, deriveCountyFees, deriveEnterpriseCoverage, deriveEnterpriseYears, deriveInsurerDays, deriveInsurerFees, derivePolicyFacts,
  type DerivationScope,
} from '../../warehouse/judgements';
import { deriveClaimShares, deriveEnterpriseMix, deriveInsuredChanges, deriveInsurerHazards } from '../../warehouse/judged-claims';
import { PUBLISHED_RUN, rowsAsOf, storageTableName, type DdlTarget } from '../../warehouse/migrate';
import {
  CLAIM_SHARES, CLAIMS, COUNTY_DAYS, ENTERPRISE_MIX, INSURED_CHANGES, INSURER_HAZARDS, COUNTY_FEES, DERIVED_TABLES, ENTERPRISES, SOURCE_KEYS, ENTERPRISE_COVERAGE, ENTERPRISE_YEARS, INSURER_DAYS, INSURER_FEES, POLICIES, POLICY_FACTS, POLICY_SHARES, RUN_COLUMN, SERVICES, TOUCHED_ENTERPRISES,
  type DerivedTable, type WarehouseTable, stageTableName, storeTableName, supersededTableName,
} from '../../warehouse/schema';
import { bind, ident, joinSql, sql, type Sql } from '../../warehouse/sql';
import { changedKeysName, insertSettingsClause, rowHashSql } from './statements';

const DERIVATIONS: ReadonlyMap<DerivedTable, (target: DdlTarget, scope: DerivationScope) => string> = new Map([
  [POLICY_FACTS, derivePolicyFacts],
  [ENTERPRISE_YEARS, deriveEnterpriseYears],
  [ENTERPRISE_COVERAGE, deriveEnterpriseCoverage],
  [INSURER_FEES, deriveInsurerFees],
  [COUNTY_FEES, deriveCountyFees],
  [COUNTY_DAYS, deriveCountyDays],
  [INSURER_DAYS, deriveInsurerDays],
  [CLAIM_SHARES, deriveClaimShares],
  [INSURED_CHANGES, deriveInsuredChanges],
  [INSURER_HAZARDS, deriveInsurerHazards],
  [ENTERPRISE_MIX, deriveEnterpriseMix],
]);

/** The data tables a fact depends on, each with the column naming its enterprise. */
const DEPENDENCIES: ReadonlyArray<readonly [WarehouseTable, string]> = [
  [ENTERPRISES, 'id'], [POLICIES, 'enterprise_id'], [POLICY_SHARES, 'enterprise_id'], [SERVICES, 'enterprise_id'], [CLAIMS, 'enterprise_id'],
];

/** The enterprise ids of a table's versions written by this run and of the versions this run superseded. */
function touchedIn(table: WarehouseTable, column: string, run: number): Sql {
  const keys = joinSql(table.key.map((key) => sql`${ident(key)}`), ', ');
  const version = ident(RUN_COLUMN);
  return sql`SELECT ${ident(column)} AS enterprise_id FROM ${ident(storeTableName(table))} WHERE ${version} = ${bind(run, 'UInt64')}
    OR (${keys}, ${version}) IN (SELECT ${keys}, superseded_run FROM ${ident(supersededTableName(table))} WHERE by_run = ${bind(run, 'UInt64')})`;
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
 * Derives the judged facts of the touched enterprises, and the sums per region (derived whole), as new
 * versions of this run; returns the rows written per table of facts per enterprise.
 */
export async function deriveJudgedFacts(job: DeriveJob): Promise<Record<string, number>> {
  const { warehouse, target, run } = job;
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const insertSettings = insertSettingsClause(target);
  const params: Record<string, unknown> = { run, ...JUDGEMENT_PARAMS };
  job.step('finding touched enterprises');
  await warehouse.command({ query: `TRUNCATE TABLE ${TOUCHED_ENTERPRISES}${onCluster}` });
  const listing = listTouchedEnterprises(run, target).toQuery();
  await warehouse.command({ query: listing.query, query_params: listing.params });
  const touched = await count(warehouse, `SELECT count() AS rows FROM ${TOUCHED_ENTERPRISES}`);
  const written: Record<string, number> = {};
  for (const table of DERIVED_TABLES) {
    // A table of sums over many enterprises and the ledger (no enterprise column) is derived whole every run.
    const empty = (await count(warehouse, `SELECT count() AS rows FROM ${storeTableName(table)}`)) === 0;
    if (table.enterpriseColumn === null && !empty && !job.dataChanged) {
      job.line?.(`${table.name}: kept, no data table changed`);
      continue;
    }
    const whole = table.enterpriseColumn === null || empty;
    if (!whole && touched === 0) {
      written[table.name] = 0;
      continue;
    }
    const scope: DerivationScope = whole ? 'all' : 'touched';
    const stage = stageTableName(table);
    const derive = DERIVATIONS.get(table);
    if (!derive) throw new Error(`no derivation for ${table.name}`);
    job.step(`deriving ${table.name} (${table.enterpriseColumn === null ? 'whole' : whole ? 'every enterprise' : `${touched.toLocaleString('en')} enterprises`})`);
    await warehouse.command({ query: `TRUNCATE TABLE ${stage}${onCluster}` });
    // The derivations' outer joins leave NULL, not a default, where nothing matched (no service: no first service).
    await warehouse.command({ query: `INSERT INTO ${stage} ${derive(target, scope)}${insertSettings}, join_use_nulls = 1`, query_params: params });
    // Only the rows that differ from the published ones become versions: a touched enterprise whose
    // facts came out equal (a service's hazards counted again, a fen more premium received) leaves no
    // version and no supersession record, so the views' exclusion set stays as small as the change.
    // The published facts are read from the store narrowed to the touched enterprises (whole for a table
    // derived whole): once for the published rows not derived again (superseded), once for the keys of
    // the derived rows equal to none of them (their hashes listed in SOURCE_KEYS, as the data tables'
    // changed keys), which become versions.
    const keys = table.key.join(', ');
    const rowHash = rowHashSql(table.columns);
    const narrowed = scope === 'all' ? undefined : `${table.enterpriseColumn} IN (SELECT enterprise_id FROM ${TOUCHED_ENTERPRISES})`;
    const current = rowsAsOf(table, '{run:UInt64}', target, [...table.key, RUN_COLUMN, `${rowHash} AS row_hash`], narrowed);
    await warehouse.command({
      query: `INSERT INTO ${supersededTableName(table)} (${keys}, superseded_run, by_run) SELECT ${keys}, ${RUN_COLUMN}, {run:UInt64} FROM (${current}) ` +
        `WHERE row_hash NOT IN (SELECT ${rowHash} FROM ${stage})${insertSettings}`,
      query_params: params,
    });
    const published = rowsAsOf(table, PUBLISHED_RUN, target, [rowHash], narrowed);
    const changedName = changedKeysName(table);
    await warehouse.command({ query: `TRUNCATE TABLE ${SOURCE_KEYS}${onCluster}` });
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
