/**
 * What an account may submit (circular 三(四): city bureaus keep their area's high-risk enterprises
 * current, insurers upload their underwriting, prevention-service and claims records), as rules
 * beside the import's own. The province sends everything; a city bureau sends enterprises.csv for
 * its own counties; an insurer sends the business it holds a co-insurance share of, and its own
 * filings and annual reports. A row outside the scope is rejected by a rule that says so, and so is
 * a row whose id names a stored row outside it: re-sending an id overwrites, so an id is in scope
 * only when what it would overwrite is too.
 */
import type { DataSource } from 'typeorm';
import { FILES_SENT_BY } from '../../domain/import-rules';
import { cityOfCounty, regionByCode } from '../../domain/regions';
import { ClaimRow, EnterpriseRow, FeeLedgerRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import type { FileName } from './files';
import type { RuleName } from './rules';

export type Submitter =
  | { role: 'province' }
  | { role: 'city'; cityCode: string }
  | { role: 'insurer'; insurerId: string };

/** A problem of one row, before the file and line are added. */
export interface ScopeProblem {
  column: string | null;
  rule: RuleName;
  message: string;
  value: string | null;
}

type Row = Record<string, unknown>;


/** Ids per `IN (...)` lookup, well under every dialect's bound-parameter limit. */
const LOOKUP_IDS = 500;


export function describeSubmitter(submitter: Submitter): string {
  switch (submitter.role) {
    case 'province': return 'the province';
    case 'city': return `city ${submitter.cityCode} (${regionByCode(submitter.cityCode)?.name ?? 'unknown'})`;
    case 'insurer': return `insurer "${submitter.insurerId}"`;
  }
}

export class ScopeRules {
  /**
   * For an insurer: the policies of this submission's policy_shares.csv, and whether their new set
   * of shares names the insurer. A policy new to the platform is the insurer's when its shares do.
   */
  private readonly submittedSets = new Map<string, boolean>();

  constructor(
    private readonly dataSource: DataSource,
    readonly submitter: Submitter,
  ) {}

  permitsFile(name: FileName): boolean {
    return FILES_SENT_BY[this.submitter.role].includes(name);
  }

  /** One row of the submission's policy_shares.csv, read before any file is stored. */
  noteSubmittedShare(policyId: string, insurerId: string): void {
    if (this.submitter.role !== 'insurer') return;
    this.submittedSets.set(policyId, (this.submittedSets.get(policyId) ?? false) || insurerId === this.submitter.insurerId);
  }

  /** The scope problems of each row of a batch (rows that passed the import's own rules), by index. */
  async problems(file: FileName, rows: readonly Row[]): Promise<ScopeProblem[][]> {
    const submitter = this.submitter;
    if (submitter.role === 'province') return rows.map(() => []);
    if (submitter.role === 'city') return this.cityProblems(submitter.cityCode, rows);
    return this.insurerProblems(submitter.insurerId, file, rows);
  }

  private async cityProblems(cityCode: string, rows: readonly Row[]): Promise<ScopeProblem[][]> {
    const stored = await this.lookUp(EnterpriseRow, 'id', 'countyCode', ids(rows, 'id'));
    const cityName = regionByCode(cityCode)?.name ?? cityCode;
    return rows.map((row) => {
      const problems: ScopeProblem[] = [];
      const county = row.countyCode as string;
      if (cityOfCounty(county) !== cityCode) {
        problems.push({
          column: 'county_code', rule: 'other_city', value: county,
          message: `county ${county} (${regionByCode(county)?.name ?? 'unknown'}) is not in ${cityName}; a city bureau sends its own counties' enterprises`,
        });
      }
      const storedCounty = stored.get(row.id as string)?.[0];
      if (storedCounty !== undefined && cityOfCounty(storedCounty) !== cityCode) {
        problems.push({
          column: 'id', rule: 'other_city', value: row.id as string,
          message: `enterprise "${row.id}" is stored in county ${storedCounty}, outside ${cityName}; only that city's bureau may change it`,
        });
      }
      return problems;
    });
  }

  private async insurerProblems(insurerId: string, file: FileName, rows: readonly Row[]): Promise<ScopeProblem[][]> {
    const ownInsurer = (row: Row, noun: string): ScopeProblem[] =>
      row.insurerId === insurerId
        ? []
        : [{
            column: 'insurer_id', rule: 'other_insurer', value: String(row.insurerId),
            message: `${noun} under insurer "${row.insurerId}"; insurer "${insurerId}" sends only its own`,
          }];
    switch (file) {
      case 'policies':
      case 'policy_shares': {
        const policyIds = ids(rows, file === 'policies' ? 'id' : 'policyId');
        const storedShares = await this.storedShares(policyIds);
        return rows.map((row) => {
          const policyId = (file === 'policies' ? row.id : row.policyId) as string;
          const column = file === 'policies' ? 'id' : 'policy_id';
          const problem = this.policyProblem(insurerId, policyId, storedShares.get(policyId), file === 'policy_shares');
          return problem ? [{ column, rule: 'no_share_held', value: policyId, message: problem }] : [];
        });
      }
      case 'services':
      case 'fee_ledger': {
        const entity = file === 'services' ? ServiceRow : FeeLedgerRow;
        const noun = file === 'services' ? 'a service' : 'a ledger entry';
        const stored = await this.lookUp(entity, 'id', 'insurerId', ids(rows, 'id'));
        const storedShares = file === 'services' ? await this.storedShares(ids(rows, 'policyId')) : new Map<string, Set<string>>();
        return rows.map((row) => {
          const problems = ownInsurer(row, noun);
          const storedInsurer = stored.get(row.id as string)?.[0];
          if (storedInsurer !== undefined && storedInsurer !== insurerId) {
            problems.push({
              column: 'id', rule: 'other_insurer', value: row.id as string,
              message: `${noun.slice(2)} "${row.id}" is stored under another insurer; insurer "${insurerId}" may not change it`,
            });
          }
          const policyId = row.policyId;
          if (typeof policyId === 'string' && !storedShares.get(policyId)?.has(insurerId)) {
            problems.push({
              column: 'policy_id', rule: 'no_share_held', value: policyId,
              message: `insurer "${insurerId}" holds no share of policy "${policyId}"`,
            });
          }
          return problems;
        });
      }
      case 'claims': {
        const storedPolicy = await this.lookUp(ClaimRow, 'id', 'policyId', ids(rows, 'id'));
        const storedShares = await this.storedShares([...ids(rows, 'policyId'), ...[...storedPolicy.values()].flat()]);
        return rows.map((row) => {
          const problems: ScopeProblem[] = [];
          const policyId = row.policyId as string;
          if (!storedShares.get(policyId)?.has(insurerId)) {
            problems.push({
              column: 'policy_id', rule: 'no_share_held', value: policyId,
              message: `insurer "${insurerId}" holds no share of policy "${policyId}"`,
            });
          }
          const previousPolicy = storedPolicy.get(row.id as string)?.[0];
          if (previousPolicy !== undefined && previousPolicy !== policyId && !storedShares.get(previousPolicy)?.has(insurerId)) {
            problems.push({
              column: 'id', rule: 'no_share_held', value: row.id as string,
              message: `claim "${row.id}" is stored for a policy insurer "${insurerId}" holds no share of; it may not change it`,
            });
          }
          return problems;
        });
      }
      case 'insurer_filings': return rows.map((row) => ownInsurer(row, 'a filing item'));
      case 'annual_reports': return rows.map((row) => ownInsurer(row, 'an annual report'));
      default: return rows.map(() => []);
    }
  }

  /**
   * A policy is the insurer's when its stored shares name it, or, having no stored shares, when its
   * shares in this submission do. A new set of shares must also name it: an insurer does not hand a
   * policy over to others.
   */
  private policyProblem(insurerId: string, policyId: string, stored: Set<string> | undefined, isShareRow: boolean): string | undefined {
    const submitted = this.submittedSets.get(policyId);
    if (stored !== undefined && stored.size > 0) {
      if (!stored.has(insurerId)) return `insurer "${insurerId}" holds no share of policy "${policyId}"`;
      if (isShareRow && submitted === false) {
        return `the new shares of policy "${policyId}" in this file do not name insurer "${insurerId}"; an insurer sends only policies it keeps a share of`;
      }
      return undefined;
    }
    if (submitted !== true) {
      return `policy "${policyId}" has no stored shares and policy_shares.csv of this submission gives insurer "${insurerId}" none`;
    }
    return undefined;
  }

  private async storedShares(policyIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const found = await this.lookUp(PolicyShareRow, 'policyId', 'insurerId', policyIds);
    return new Map([...found].map(([policyId, insurers]) => [policyId, new Set(insurers)]));
  }

  /** `field` of the stored rows whose `key` is one of `keys`, grouped by key. */
  private async lookUp(
    entity: typeof EnterpriseRow | typeof ServiceRow | typeof FeeLedgerRow | typeof ClaimRow | typeof PolicyShareRow,
    key: 'id' | 'policyId',
    field: 'countyCode' | 'insurerId' | 'policyId',
    keys: readonly string[],
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += LOOKUP_IDS) {
      const rows = await this.dataSource
        .createQueryBuilder()
        .select(`stored.${key}`, 'key')
        .addSelect(`stored.${field}`, 'value')
        .from(entity, 'stored')
        .where(`stored.${key} IN (:...keys)`, { keys: unique.slice(start, start + LOOKUP_IDS) })
        .getRawMany<{ key: string; value: string }>();
      for (const { key: rowKey, value } of rows) {
        const values = found.get(rowKey) ?? [];
        values.push(value);
        found.set(rowKey, values);
      }
    }
    return found;
  }
}

function ids(rows: readonly Row[], field: string): string[] {
  return rows.flatMap((row) => (typeof row[field] === 'string' ? [row[field] as string] : []));
}
