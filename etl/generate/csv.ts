/**
 * The exchange format of docs/definitions.md, written: one UTF-8 file per table, header row first, dates
 * YYYY-MM-DD, money as plain decimals with two places, booleans true/false, null as an empty cell.
 *
 * Unlike rejects.csv and the dashboard's export (domain/spreadsheet-cell.ts), cells are written
 * exactly: these files are read back by `npm run import`, where an apostrophe before a value would
 * become part of it. The generator only writes its own names, codes and non-negative amounts, never
 * a cell a spreadsheet would take for a formula (test/etl/spreadsheet-cells.test.ts checks it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatHundredths } from '../../domain/money';
import type { DemoRows, DemoTable } from './dataset';

type Cell = string | number | boolean | null;

interface CsvFile<T extends DemoTable> {
  file: string;
  columns: ReadonlyArray<readonly [string, (row: DemoRows[T]) => Cell]>;
}

const money = (fen: number | null): string | null => (fen === null ? null : formatHundredths(fen));

/** Column order as docs/definitions.md lists them. */
export const CSV_FILES: { [T in DemoTable]: CsvFile<T> } = {
  enterprises: {
    file: 'enterprises.csv',
    columns: [
      ['id', (r) => r.id], ['uscc', (r) => r.uscc], ['name', (r) => r.name], ['industry', (r) => r.industry], ['size', (r) => r.size],
      ['county_code', (r) => r.countyCode], ['status', (r) => r.status], ['risk_level', (r) => r.riskLevel],
      ['standardization_grade', (r) => r.standardizationGrade], ['employees', (r) => r.employees],
    ],
  },
  insurers: {
    file: 'insurers.csv',
    columns: [['id', (r) => r.id], ['name', (r) => r.name], ['filed_on', (r) => r.filedOn]],
  },
  providers: {
    file: 'providers.csv',
    columns: [
      ['id', (r) => r.id], ['name', (r) => r.name], ['qualification_no', (r) => r.qualificationNo],
      ['qualified_until', (r) => r.qualifiedUntil], ['blacklisted', (r) => r.blacklisted],
    ],
  },
  policies: {
    file: 'policies.csv',
    columns: [
      ['id', (r) => r.id], ['policy_no', (r) => r.policyNo], ['enterprise_id', (r) => r.enterpriseId],
      ['start_date', (r) => r.startDate], ['end_date', (r) => r.endDate], ['premium', (r) => money(r.premiumFen)],
      ['premium_received', (r) => money(r.premiumReceivedFen)], ['death_limit_per_person', (r) => money(r.deathLimitPerPersonFen)],
      ['insured_persons', (r) => r.insuredPersons], ['cancelled', (r) => r.cancelled],
    ],
  },
  policy_shares: {
    file: 'policy_shares.csv',
    columns: [['policy_id', (r) => r.policyId], ['insurer_id', (r) => r.insurerId], ['share_percent', (r) => formatHundredths(r.shareHundredths)]],
  },
  services: {
    file: 'services.csv',
    columns: [
      ['id', (r) => r.id], ['policy_id', (r) => r.policyId], ['enterprise_id', (r) => r.enterpriseId], ['insurer_id', (r) => r.insurerId],
      ['provider_id', (r) => r.providerId], ['kind', (r) => r.kind], ['service_date', (r) => r.serviceDate], ['cost', (r) => money(r.costFen)],
      ['hazards_found', (r) => r.hazardsFound], ['hazards_rectified', (r) => r.hazardsRectified],
    ],
  },
  fee_ledger: {
    file: 'fee_ledger.csv',
    columns: [
      ['id', (r) => r.id], ['insurer_id', (r) => r.insurerId], ['county_code', (r) => r.countyCode], ['entry_date', (r) => r.entryDate],
      ['amount', (r) => money(r.amountFen)], ['category', (r) => r.category], ['service_id', (r) => r.serviceId],
    ],
  },
  claims: {
    file: 'claims.csv',
    columns: [
      ['id', (r) => r.id], ['policy_id', (r) => r.policyId], ['accident_date', (r) => r.accidentDate], ['reported_on', (r) => r.reportedOn],
      ['deaths', (r) => r.deaths], ['injuries', (r) => r.injuries], ['claimed_amount', (r) => money(r.claimedAmountFen)],
      ['paid_amount', (r) => money(r.paidAmountFen)], ['status', (r) => r.status], ['settled_on', (r) => r.settledOn],
      ['denial_reason', (r) => r.denialReason],
    ],
  },
};

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(table: DemoTable): string {
  return `${CSV_FILES[table].columns.map(([name]) => csvField(name)).join(',')}\n`;
}

export function csvLines<T extends DemoTable>(table: T, rows: ReadonlyArray<DemoRows[T]>): string {
  const columns = (CSV_FILES[table] as CsvFile<T>).columns;
  let text = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i += 1) {
      if (i > 0) line += ',';
      line += csvField(columns[i][1](row));
    }
    text += `${line}\n`;
  }
  return text;
}

/** Opens the eight files of a folder, each with its header, and appends batches to them. */
export class CsvFolderWriter {
  private readonly descriptors = new Map<DemoTable, number>();

  constructor(readonly folder: string) {
    fs.mkdirSync(folder, { recursive: true });
    for (const table of Object.keys(CSV_FILES) as DemoTable[]) {
      const descriptor = fs.openSync(path.join(folder, CSV_FILES[table].file), 'w');
      this.descriptors.set(table, descriptor);
      fs.writeSync(descriptor, csvHeader(table));
    }
  }

  write<T extends DemoTable>(table: T, rows: ReadonlyArray<DemoRows[T]>): void {
    const descriptor = this.descriptors.get(table);
    if (descriptor === undefined) throw new Error(`CSV writer for ${this.folder} is closed`);
    if (rows.length > 0) fs.writeSync(descriptor, csvLines(table, rows));
  }

  close(): void {
    for (const descriptor of this.descriptors.values()) fs.closeSync(descriptor);
    this.descriptors.clear();
  }
}
