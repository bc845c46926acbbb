/**
 * The scope matrix (issue 9, "Scope matrix"): every Query field of schema.graphql, every role, and
 * arguments pointing at another city, county, insurer and enterprise. Refused (FORBIDDEN, NOT_FOUND),
 * or answered with no foreign row, and with the totals the province sees for the account's own scope.
 * A Query field without a rule here fails the first test by name. Fixture: test/fixtures/api: 太原
 * 140100 holds E01–E10, 大同 140200 holds E11–E14; 平安 (I2) insured E02, E03, E05, E12 and E14.
 */
import { getNamedType, isObjectType } from 'graphql';
import { codeOf, startFixtureApi, type FixtureApi, type GraphQLAnswer } from './harness';
import { SCHEMA, selectionOf } from './schema-walk';

interface ScopeRule {
  /** Arguments every probe passes. */
  args: string;
  /** The field takes `region`: probed with another city and another city's county. */
  region?: true;
  /** The field takes `insurer`: an insurer account probes another insurer. */
  insurerArg?: true;
  /** The field is one entity by `id`. */
  entity?: 'enterprise' | 'insurer';
  /** Why the field needs no scope: it reads nothing that belongs to a region or an insurer. */
  unscoped?: string;
  /** The field reads the account's own records (the province: everyone's); where that is proven. */
  account?: string;
}

const SCOPE_RULES: Record<string, ScopeRule> = {
  // An insurer's own report only, a city its city's business: test/api/annual-report.test.ts.
  annualReport: { args: 'insurer: "I2", year: 2025' },
  annualReportSubmissions: { args: 'year: 2024' },
  claims: { args: 'year: 2025', region: true },
  coverage: { args: 'asOf: "2025-06-30"', region: true },
  dataFreshness: { args: '', unscoped: 'the last ETL run of the whole warehouse' },
  dataYears: { args: '' },
  deathLimitCompliance: { args: 'year: 2025', region: true },
  deathLimitPolicies: { args: 'year: 2025, filter: ALL', region: true },
  enterprise: { args: '', entity: 'enterprise' },
  evaluation: { args: 'year: 2025', region: true },
  enterpriseSearch: { args: 'text: "有限公司", pageSize: 200' },
  expiringPolicies: { args: 'asOf: "2025-11-01", withinDays: 90, pageSize: 200', region: true },
  feeRatios: { args: 'year: 2025', region: true },
  firstService: { args: 'asOf: "2025-06-30"', region: true },
  firstServicePolicies: { args: 'asOf: "2025-06-30", status: ALL', region: true },
  insurer: { args: '', entity: 'insurer' },
  me: { args: '', unscoped: 'the account itself' },
  premiumRates: { args: 'year: 2025', region: true },
  regionFees: { args: 'year: 2025', region: true },
  riskIndicators: { args: 'year: 2025', region: true },
  rules: { args: '', unscoped: 'the public rulebook' },
  submission: { args: 'id: "1"', account: 'test/api/submissions.test.ts: another account’s submission is NOT_FOUND' },
  submissions: { args: '', account: 'test/api/submissions.test.ts: each account sees its own history, the province everyone’s' },
  serviceCompliance: { args: 'year: 2025', region: true },
  trends: { args: 'from: "2025-01", to: "2025-12"', region: true },
  uninsured: { args: 'asOf: "2025-06-30", pageSize: 200', region: true },
  violations: { args: 'year: 2025, pageSize: 200', region: true, insurerArg: true },
};

const FIELDS = Object.values(SCHEMA.getQueryType()!.getFields());
const TAIYUAN_ENTERPRISES = new Set(['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10']);

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-scope-matrix');
});

afterAll(async () => {
  await api?.close();
});

function probe(name: string, extra: string[] = []): string {
  const rule = SCOPE_RULES[name];
  const field = FIELDS.find((candidate) => candidate.name === name)!;
  const args = [rule.args, ...extra].filter((part) => part !== '').join(', ');
  const named = getNamedType(field.type);
  return `{ ${name}${args === '' ? '' : `(${args})`}${isObjectType(named) ? ` { ${selectionOf(named)} }` : ''} }`;
}

/** Every value under `key` anywhere in the answer. */
function valuesOf(node: unknown, key: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((item) => valuesOf(item, key, found));
  else if (node !== null && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) {
      if (name === key) found.push(value);
      valuesOf(value, key, found);
    }
  }
  return found;
}

function expectRefused(answer: GraphQLAnswer, codes: string[]): void {
  expect(codes).toContain(codeOf(answer));
  expect(answer.data ?? null).toBeNull();
}

test('every Query field of schema.graphql has a scope rule', () => {
  expect(FIELDS.map((field) => field.name).filter((name) => SCOPE_RULES[name] === undefined)).toEqual([]);
});

const scoped = Object.entries(SCOPE_RULES).filter(([, rule]) => rule.unscoped === undefined && rule.account === undefined).map(([name]) => name);

describe('a city account (太原)', () => {
  test.each(scoped.filter((name) => SCOPE_RULES[name].region))('%s: another city and its county are FORBIDDEN; its own equals the province’s view of 太原', async (name) => {
    for (const region of ['140200', '140213']) expectRefused(await api.as('taiyuan', probe(name, [`region: "${region}"`])), ['FORBIDDEN']);
    const own = await api.as('taiyuan', probe(name));
    expect(own.errors).toBeUndefined();
    const province = await api.as('province', probe(name, ['region: "140100"']));
    expect(own.data).toEqual(province.data);
    for (const code of valuesOf(own.data, 'code')) if (/^14\d{4}$/.test(String(code))) expect(String(code)).toMatch(/^1401/);
    for (const key of ['id', 'enterpriseId']) {
      for (const id of valuesOf(own.data, key)) if (/^E\d\d$/.test(String(id))) expect(TAIYUAN_ENTERPRISES.has(String(id))).toBe(true);
    }
  });

  test('enterprise: another city’s is NOT_FOUND; its own equals the province’s', async () => {
    expectRefused(await api.as('taiyuan', probe('enterprise', ['id: "E11"'])), ['NOT_FOUND']);
    const own = await api.as('taiyuan', probe('enterprise', ['id: "E01"']));
    expect(own.data).toEqual((await api.as('province', probe('enterprise', ['id: "E01"']))).data);
  });

  test('enterpriseSearch and dataYears: 太原’s enterprises and years only', async () => {
    const found = await api.as('taiyuan', probe('enterpriseSearch'));
    const ids = valuesOf(found.data, 'id').map(String);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => TAIYUAN_ENTERPRISES.has(id))).toBe(true);
    expect(valuesOf((await api.as('province', probe('enterpriseSearch'))).data, 'id').map(String).filter((id) => !TAIYUAN_ENTERPRISES.has(id)).length).toBeGreaterThan(0);
    // P13 (大同's E13) is the only policy of 2023.
    expect((await api.as('taiyuan', probe('dataYears'))).data!.dataYears).not.toContain(2023);
  });

  test('insurer: its lists hold 太原 rows only', async () => {
    const answer = await api.as('taiyuan', '{ insurer(id: "I2") { policies(pageSize: 200) { items { enterpriseId county { code } } } services(pageSize: 200) { items { enterpriseId county { code } } } } }');
    for (const code of valuesOf(answer.data, 'code')) expect(String(code)).toMatch(/^1401/);
    for (const id of valuesOf(answer.data, 'enterpriseId')) expect(TAIYUAN_ENTERPRISES.has(String(id))).toBe(true);
  });
});

describe('an insurer account (平安, I2)', () => {
  test.each(scoped.filter((name) => SCOPE_RULES[name].region))('%s: FORBIDDEN, or only its own rows, in its own and another city', async (name) => {
    for (const extra of [[], ['region: "140200"'], ['region: "140213"']]) {
      const answer = await api.as('insurerI2', probe(name, extra));
      if (answer.errors) {
        expectRefused(answer, ['FORBIDDEN']);
        continue;
      }
      for (const insurer of valuesOf(answer.data, 'insurer')) if (insurer !== null && typeof insurer === 'object') expect((insurer as { id: string }).id).toBe('I2');
      for (const id of valuesOf(answer.data, 'insurerId')) expect(id).toBe('I2');
    }
  });

  test('violations of another insurer: refused, or its own', async () => {
    const foreign = await api.as('insurerI2', probe('violations', ['insurer: "I3"']));
    if (foreign.errors) expectRefused(foreign, ['FORBIDDEN']);
    else expect(foreign.data).toEqual((await api.as('insurerI2', probe('violations'))).data);
  });

  test('enterpriseSearch finds only the enterprises it insured', async () => {
    const ids = valuesOf((await api.as('insurerI2', probe('enterpriseSearch'))).data, 'id').map(String);
    // Of E02, E03, E05, E12 and E14, all but E05 (…烟花爆竹经营部) are 有限公司.
    expect(ids.sort()).toEqual(['E02', 'E03', 'E12', 'E14']);
  });

  test('an enterprise it never insured and another insurer are NOT_FOUND', async () => {
    expectRefused(await api.as('insurerI2', probe('enterprise', ['id: "E01"'])), ['NOT_FOUND']);
    expectRefused(await api.as('insurerI2', probe('insurer', ['id: "I3"'])), ['NOT_FOUND']);
  });
});

describe('the analyst sees what the province sees', () => {
  test.each(scoped)('%s', async (name) => {
    const extra = SCOPE_RULES[name].entity === 'enterprise' ? ['id: "E12"'] : SCOPE_RULES[name].entity === 'insurer' ? ['id: "I2"'] : [];
    const analyst = await api.as('analyst', probe(name, extra));
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data).toEqual((await api.as('province', probe(name, extra))).data);
  });
});
