/**
 * What the ETL tests compare: per table, the row count and money totals (in fen, exact) of the
 * platform database against the warehouse, and the warehouse's full contents as text.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { queryRows, type Warehouse } from '../../warehouse/client';
import { DATA_TABLES } from '../../warehouse/schema';

/** "12345.6" or "12345.60" → 1234560n: exact, whatever trailing zeros ClickHouse prints. */
export function fenOf(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!match) throw new Error(`not a decimal with at most 2 places: "${decimal}"`);
  const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -value : value;
}

export interface TableFigures {
  rows: number;
  /** Sum per money column, in fen (share_percent: in hundredths of a percent). */
  totals: Record<string, string>;
}

/** Platform side: sums in the source's own integer units, read as text so no digit is lost. */
const SOURCE_FIGURES: Record<string, { from: string; totals: Record<string, string> }> = {
  regions: { from: 'regions', totals: {} },
  enterprises: { from: 'enterprises', totals: {} },
  insurers: { from: 'insurers', totals: {} },
  providers: { from: 'providers', totals: {} },
  policies: {
    from: 'policies s INNER JOIN enterprises e ON e.id = s.enterprise_id',
    totals: { premium: 's.premium_fen', premium_received: 's.premium_received_fen', death_limit_per_person: 's.death_limit_per_person_fen' },
  },
  policy_shares: {
    from: 'policy_shares s INNER JOIN policies p ON p.id = s.policy_id INNER JOIN enterprises e ON e.id = p.enterprise_id',
    totals: { share_percent: 's.share_hundredths', premium: 'p.premium_fen' },
  },
  services: { from: 'services s INNER JOIN enterprises e ON e.id = s.enterprise_id', totals: { cost: 's.cost_fen' } },
  fee_ledger: { from: 'fee_ledger s', totals: { amount: 's.amount_fen' } },
  claims: {
    from: 'claims s INNER JOIN policies p ON p.id = s.policy_id INNER JOIN enterprises e ON e.id = p.enterprise_id',
    totals: { claimed_amount: 's.claimed_amount_fen', paid_amount: 's.paid_amount_fen' },
  },
  insurer_filings: { from: 'insurer_filings', totals: {} },
  annual_reports: { from: 'annual_reports', totals: {} },
};

export async function platformFigures(dataSource: DataSource): Promise<Record<string, TableFigures>> {
  const figures: Record<string, TableFigures> = {};
  for (const table of DATA_TABLES) {
    const spec = SOURCE_FIGURES[table.name];
    const sums = Object.entries(spec.totals).map(([name, column]) => `CAST(COALESCE(SUM(${column}), 0) AS CHAR(40)) AS ${name}`);
    const [row] = await dataSource.query(`SELECT ${['COUNT(*) AS row_count', ...sums].join(', ')} FROM ${spec.from}`);
    figures[table.name] = {
      rows: Number(row.row_count),
      totals: Object.fromEntries(Object.keys(spec.totals).map((name) => [name, String(BigInt(String(row[name]).trim()))])),
    };
  }
  return figures;
}

export async function warehouseFigures(warehouse: Warehouse, database?: string): Promise<Record<string, TableFigures>> {
  const figures: Record<string, TableFigures> = {};
  for (const table of DATA_TABLES) {
    const moneyColumns = Object.keys(SOURCE_FIGURES[table.name].totals);
    // A sum over no values (all NULL) is NULL in ClickHouse and 0 on the platform side (COALESCE).
    const sums = moneyColumns.map((name) => `toString(ifNull(sum(${name}), 0)) AS ${name}`);
    const [row] = await queryRows<Record<string, string | number>>(
      warehouse,
      `SELECT ${['count() AS row_count', ...sums].join(', ')} FROM ${database ? `${database}.` : ''}${table.name}`,
    );
    figures[table.name] = {
      rows: Number(row.row_count),
      totals: Object.fromEntries(moneyColumns.map((name) => [name, String(fenOf(String(row[name])))])),
    };
  }
  return figures;
}

/** Every row of every data table as text, in key order: two warehouses with equal snapshots hold the same data. */
export async function warehouseSnapshot(warehouse: Warehouse, database?: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of DATA_TABLES) {
    // toString keeps money as its decimal text, with no trip through a JSON number.
    const columns = table.columns.map(([name]) => `ifNull(toString(${name}), '∅')`).join(", '|', ");
    const rows = await queryRows<{ line: string }>(
      warehouse,
      `SELECT concat(${columns}) AS line FROM ${database ? `${database}.` : ''}${table.name} ORDER BY ${table.key.join(', ')}`,
    );
    snapshot[table.name] = rows.map((row) => row.line);
  }
  return snapshot;
}

/** Per table, a SHA-256 of {@link warehouseSnapshot}'s lines: equal hashes, equal rows. */
export async function warehouseRowHashes(warehouse: Warehouse, database?: string): Promise<Record<string, string>> {
  const snapshot = await warehouseSnapshot(warehouse, database);
  return Object.fromEntries(Object.entries(snapshot).map(([table, lines]) => [table, createHash('sha256').update(lines.join('\n')).digest('hex')]));
}
