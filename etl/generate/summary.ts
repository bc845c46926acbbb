/**
 * What a generation run produced: rows per table, premium totals and the time it took.
 */
import { formatHundredths } from '../../domain/money';
import { DEMO_TABLES, type DemoBatch, type DemoTable } from './dataset';
import type { GenerateOptions } from './options';

export interface YearPremium {
  year: number;
  policies: number;
  /** Decimal CNY, e.g. "123456.00". */
  premium: string;
  premiumReceived: string;
}

export interface GenerateSummary {
  options: GenerateOptions;
  target: string;
  rows: Record<DemoTable, number>;
  totalRows: number;
  premium: string;
  premiumReceived: string;
  preventionSpending: string;
  claimsPaid: string;
  byYear: YearPremium[];
  elapsedMs: number;
  rowsPerSecond: number;
}

/** Adds up the batches as they pass, in whole fen. */
export class SummaryCounter {
  private readonly rows = Object.fromEntries(DEMO_TABLES.map((table) => [table, 0])) as Record<DemoTable, number>;
  private premiumFen = 0;
  private premiumReceivedFen = 0;
  private spendingFen = 0;
  private claimsPaidFen = 0;
  private readonly years = new Map<number, { policies: number; premiumFen: number; premiumReceivedFen: number }>();
  private readonly started = process.hrtime.bigint();

  constructor(private readonly options: GenerateOptions, private readonly target: string) {}

  add(batch: DemoBatch): void {
    this.rows[batch.table] += batch.rows.length;
    if (batch.table === 'policies') {
      for (const policy of batch.rows) {
        this.premiumFen += policy.premiumFen;
        this.premiumReceivedFen += policy.premiumReceivedFen;
        const year = Number(policy.startDate.slice(0, 4));
        const totals = this.years.get(year) ?? { policies: 0, premiumFen: 0, premiumReceivedFen: 0 };
        totals.policies += 1;
        totals.premiumFen += policy.premiumFen;
        totals.premiumReceivedFen += policy.premiumReceivedFen;
        this.years.set(year, totals);
      }
    } else if (batch.table === 'fee_ledger') {
      for (const entry of batch.rows) this.spendingFen += entry.amountFen;
    } else if (batch.table === 'claims') {
      for (const claim of batch.rows) this.claimsPaidFen += claim.paidAmountFen ?? 0;
    }
  }

  finish(): GenerateSummary {
    const elapsedMs = Number(process.hrtime.bigint() - this.started) / 1e6;
    const totalRows = DEMO_TABLES.reduce((sum, table) => sum + this.rows[table], 0);
    return {
      options: this.options,
      target: this.target,
      rows: { ...this.rows },
      totalRows,
      premium: formatHundredths(this.premiumFen),
      premiumReceived: formatHundredths(this.premiumReceivedFen),
      preventionSpending: formatHundredths(this.spendingFen),
      claimsPaid: formatHundredths(this.claimsPaidFen),
      byYear: [...this.years.entries()].sort(([a], [b]) => a - b).map(([year, totals]) => ({
        year,
        policies: totals.policies,
        premium: formatHundredths(totals.premiumFen),
        premiumReceived: formatHundredths(totals.premiumReceivedFen),
      })),
      elapsedMs,
      rowsPerSecond: elapsedMs > 0 ? Math.round((totalRows * 1000) / elapsedMs) : totalRows,
    };
  }
}

/** The summary as the console shows it. */
export function formatSummary(summary: GenerateSummary): string {
  const { seed, scale, years } = summary.options;
  const width = Math.max(...DEMO_TABLES.map((table) => table.length));
  const lines = [
    `Demo data: seed ${seed}, scale ${scale}, years ${years.from}-${years.to} → ${summary.target}`,
    ...DEMO_TABLES.map((table) => `  ${table.padEnd(width)}  ${String(summary.rows[table]).padStart(10)}`),
    `  ${'total'.padEnd(width)}  ${String(summary.totalRows).padStart(10)}`,
    `Premium ${summary.premium} CNY, premium received ${summary.premiumReceived} CNY, ` +
      `prevention spending ${summary.preventionSpending} CNY, claims paid ${summary.claimsPaid} CNY`,
    ...summary.byYear.map((year) => `  ${year.year}: ${year.policies} policies starting, premium ${year.premium}, received ${year.premiumReceived}`),
    `Took ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.rowsPerSecond} rows/s)`,
  ];
  return lines.join('\n');
}
