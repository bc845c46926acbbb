/** The dashboard's main queries, as the benchmarks send them (bench/latency.ts, bench/statements.ts). */
import { DEFAULT_YEARS } from '../etl/generate';

const YEAR = DEFAULT_YEARS.to;

export const QUERIES: Record<string, string> = {
  'coverage province + cities + counties + industries':
    `{ coverage(asOf: "${YEAR}-06-30") { mandatory insured rate byIndustry { industry rate } children { region { name } rate children { region { name } rate } } } }`,
  'coverage one city': `{ coverage(region: "140100", asOf: "${YEAR}-06-30") { mandatory insured rate children { rate } } }`,
  'uninsured page 1 (50 rows)': `{ uninsured(asOf: "${YEAR}-06-30", sort: LAST_POLICY_END, direction: DESC) { total items { id name lastPolicyEnd } } }`,
  feeRatios: `{ feeRatios(year: ${YEAR}) { insurer { name } premiumReceived preventionSpending ratio compliant } }`,
  'regionFees province + cities': `{ regionFees(year: ${YEAR}) { premiumReceived preventionSpending children { premiumReceived ratio } } }`,
  serviceCompliance: `{ serviceCompliance(year: ${YEAR}) { required compliant exempt rate children { rate } byInsurer { insurer { name } rate } } }`,
  'coverage one county (drill-down)': `{ coverage(region: "140403", asOf: "${YEAR}-06-30") { mandatory insured rate byIndustry { industry rate } } }`,
  'uninsured one county': `{ uninsured(region: "140403", asOf: "${YEAR}-06-30") { total items { id name lastPolicyEnd } } }`,
  firstService: `{ firstService(year: ${YEAR}, asOf: "${YEAR + 1}-06-30") { judged onTime late missing rate children { rate } byInsurer { rate } } }`,
  deathLimitCompliance: `{ deathLimitCompliance(year: ${YEAR}) { judged compliant rate children { rate } byInsurer { rate } } }`,
  claims: `{ claims(year: ${YEAR}) { claimsPaid lossRatio denialRate settlementDays { average } children { lossRatio } byInsurer { lossRatio } } }`,
  riskIndicators: `{ riskIndicators(year: ${YEAR}) { accidents deaths rectificationRate children { accidents } byIndustry { accidents } } }`,
  'trends 24 months': `{ trends(from: "${YEAR - 1}-01", to: "${YEAR}-12") { points { period } } }`,
  'violations page 1': `{ violations(year: ${YEAR}) { total items { day detail } } }`,
};
