/**
 * A deterministic platform dataset for the ETL tests and benchmark, written through upsertRows like
 * every platform write: `enterprises` enterprises spread over all 117 counties, about 1.2 policies
 * each (every fifth co-insured by two insurers at 60/40, the rest by one insurer), two services per
 * policy, a ledger entry per service, a claim for every fourth policy (open ones without a paid
 * amount), 12 insurers and 6 providers, each insurer's filing items (some without one to two) and
 * annual reports on 2024 and 2025 (every fourth insurer's missing). Money includes odd fen (e.g. 1234567.89) and amounts above
 * 2^32 fen, so a lost digit or a float rounding shows in the totals.
 */
import type { DataSource } from 'typeorm';
import { CLAIM_STATUSES, ENTERPRISE_STATUSES, FILING_ITEMS, INDUSTRIES, RISK_LEVELS, SERVICE_KINDS, SIZES } from '../../domain/vocabulary';
import {
  AnnualReportRow, ClaimRow, EnterpriseRow, FeeLedgerRow, InsurerFilingRow, InsurerRow, PolicyRow, PolicyShareRow, ProviderRow, ServiceRow,
} from '../../platform/entities';
import { upsertRows, type Unstamped } from '../../platform/store';
import { COUNTIES } from '../../domain/regions';
import { withUsccCheck } from '../../domain/uscc';

/** mulberry32: a small seeded generator, so that every run writes (or fuzzes) the same rows. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const day = (year: number, dayOfYear: number) => new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);

export interface SeedCounts {
  enterprises: number;
  insurers: number;
  providers: number;
  policies: number;
  policy_shares: number;
  services: number;
  fee_ledger: number;
  claims: number;
  insurer_filings: number;
  annual_reports: number;
}

export async function seedPlatform(dataSource: DataSource, enterpriseCount: number, seed = 42): Promise<SeedCounts> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];

  const insurers: Unstamped<InsurerRow>[] = Array.from({ length: 12 }, (_, i) => ({
    id: `INS${pad(i + 1, 2)}`, name: `保险公司${i + 1}`, filedOn: i % 3 === 0 ? null : day(2021, i * 20),
  }));
  const providers: Unstamped<ProviderRow>[] = Array.from({ length: 6 }, (_, i) => ({
    id: `PRV${pad(i + 1, 2)}`, name: `服务机构${i + 1}`, qualificationNo: i === 5 ? null : `Q-${i + 1}`,
    qualifiedUntil: i === 5 ? null : day(2024 + (i % 3), 100), blacklisted: i === 4,
  }));
  const enterprises: Unstamped<EnterpriseRow>[] = [];
  const policies: Unstamped<PolicyRow>[] = [];
  const shares: Unstamped<PolicyShareRow>[] = [];
  const services: Unstamped<ServiceRow>[] = [];
  const ledger: Unstamped<FeeLedgerRow>[] = [];
  const claims: Unstamped<ClaimRow>[] = [];

  for (let e = 0; e < enterpriseCount; e += 1) {
    const county = COUNTIES[e % COUNTIES.length];
    const enterpriseId = `ENT${pad(e + 1, 8)}`;
    enterprises.push({
      id: enterpriseId, uscc: withUsccCheck(`91${county.code}MA${pad(e, 9)}`.slice(0, 17)), name: `企业${e + 1}`,
      industry: pick(INDUSTRIES), size: pick(SIZES), countyCode: county.code, status: pick(ENTERPRISE_STATUSES),
      riskLevel: pick(RISK_LEVELS), standardizationGrade: e % 4 === 0 ? null : String(1 + (e % 3)), employees: e % 7 === 0 ? null : 5 + Math.floor(next() * 3000),
    });
    const policyCount = e % 5 === 0 ? 2 : 1;
    for (let p = 0; p < policyCount; p += 1) {
      const policyId = `POL${pad(e + 1, 8)}${p}`;
      const year = 2022 + ((e + p) % 4);
      const premiumFen = 100_000 + Math.floor(next() * 500_000_000) + (e % 11 === 0 ? 5_000_000_000 : 0);
      policies.push({
        id: policyId, policyNo: `PN-${year}-${pad(e, 8)}-${p}`, enterpriseId, startDate: day(year, e % 200), endDate: day(year + 1, e % 200 - 1),
        premiumFen, premiumReceivedFen: premiumFen - (e % 3 === 0 ? Math.floor(next() * 10_000) : 0), deathLimitPerPersonFen: pick([30_000_000, 50_000_000, 123_456_789]),
        insuredPersons: e % 9 === 0 ? null : 10 + (e % 500), cancelled: e % 17 === 0,
      });
      const lead = insurers[(e + p) % insurers.length].id;
      if ((e + p) % 5 === 0) {
        shares.push({ policyId, insurerId: lead, shareHundredths: 6000 });
        shares.push({ policyId, insurerId: insurers[(e + p + 1) % insurers.length].id, shareHundredths: 4000 });
      } else {
        shares.push({ policyId, insurerId: lead, shareHundredths: 10000 });
      }
      for (let s = 0; s < 2; s += 1) {
        const serviceId = `SVC${pad(e + 1, 8)}${p}${s}`;
        const costFen = 1 + Math.floor(next() * 2_000_000);
        services.push({
          id: serviceId, policyId: s === 1 && e % 6 === 0 ? null : policyId, enterpriseId, insurerId: lead,
          providerId: s === 0 ? null : providers[e % providers.length].id, kind: pick(SERVICE_KINDS), serviceDate: day(year, 30 + s * 120 + (e % 60)),
          costFen, hazardsFound: Math.floor(next() * 9), hazardsRectified: Math.floor(next() * 5),
        });
        ledger.push({
          id: `FEE${pad(e + 1, 8)}${p}${s}`, insurerId: lead, countyCode: county.code, entryDate: day(year, 40 + s * 120 + (e % 60)),
          amountFen: costFen, category: s === 0 ? 'service' : 'equipment', serviceId: s === 0 ? serviceId : null,
        });
      }
      if ((e + p) % 4 === 0) {
        const status = pick(CLAIM_STATUSES);
        const claimedFen = 1_000_000 + Math.floor(next() * 90_000_000);
        claims.push({
          id: `CLM${pad(e + 1, 8)}${p}`, policyId, accidentDate: e % 8 === 0 ? null : day(year, 150 + (e % 100)), reportedOn: day(year, 160 + (e % 100)),
          deaths: e % 13 === 0 ? 1 : 0, injuries: e % 3, claimedAmountFen: claimedFen, paidAmountFen: status === 'paid' ? claimedFen - 99 : null,
          status, settledOn: status === 'paid' || status === 'denied' ? day(year + 1, 10) : null, denialReason: status === 'denied' ? '不属于保险责任' : null,
        });
      }
    }
  }
  // Drawn after the rows above, so that those stay what they were before these two tables existed.
  const filings: Unstamped<InsurerFilingRow>[] = insurers.flatMap((insurer, i) =>
    FILING_ITEMS.slice(0, FILING_ITEMS.length - (i % 3)).map((item, k) => ({ insurerId: insurer.id, item, receivedOn: day(2024, 60 + i * 7 + k) })));
  const reports: Unstamped<AnnualReportRow>[] = [2024, 2025].flatMap((year) => insurers
    .filter((_, i) => i % 4 !== 3)
    .map((insurer, i) => ({ insurerId: insurer.id, year, submittedOn: day(year + 1, 10 + i * 3) })));
  await upsertRows(dataSource, InsurerRow, insurers);
  await upsertRows(dataSource, ProviderRow, providers);
  await upsertRows(dataSource, EnterpriseRow, enterprises);
  await upsertRows(dataSource, PolicyRow, policies);
  await upsertRows(dataSource, PolicyShareRow, shares);
  await upsertRows(dataSource, ServiceRow, services);
  await upsertRows(dataSource, FeeLedgerRow, ledger);
  await upsertRows(dataSource, ClaimRow, claims);
  await upsertRows(dataSource, InsurerFilingRow, filings);
  await upsertRows(dataSource, AnnualReportRow, reports);
  return {
    enterprises: enterprises.length, insurers: insurers.length, providers: providers.length, policies: policies.length,
    policy_shares: shares.length, services: services.length, fee_ledger: ledger.length, claims: claims.length,
    insurer_filings: filings.length, annual_reports: reports.length,
  };
}
