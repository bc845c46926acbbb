/**
 * enterprise(id) and insurer(id) on the fixture of test/fixtures/api (see its README). An id outside the viewer's
 * scope answers NOT_FOUND, exactly like an id that does not exist.
 */
import 'reflect-metadata';
import { graphql } from 'graphql';
import { SignInLimiter } from '../../api/auth/rate-limit';
import { makeLoaders, makeOnce, type ApiContext } from '../../api/common/context';
import { Insurer } from '../../api/common/insurer';
import { InsurerFeeRatio } from '../../api/fees/fees.type';
import { warehouseReader, type WarehouseReader } from '../../api/common/warehouse';
import { FeeRatioFilingResolver } from '../../api/entities/entities.resolver';
import { FilingStatus } from '../../api/entities/entities.type';
import { buildApiSchema } from '../../api/schema';
import { RULEBOOK } from '../../domain/rulebook';
import { codeOf, startFixtureApi, USERS, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-entities');
});

afterAll(async () => {
  await api?.close();
});

const ENTERPRISE = `query ($id: ID!, $pageSize: Int! = 50, $page: Int! = 1) {
  enterprise(id: $id) {
    id uscc name industry highRisk size status riskLevel standardizationGrade employees county { code name } city { code } mandatory
    policies(pageSize: $pageSize, page: $page) { total page items { id enterpriseId enterpriseName policyNo startDate endDate premium premiumReceived deathLimitPerPerson
      insuredPersons cancelled shares { insurer { id name } sharePercent } } }
    services(pageSize: $pageSize, page: $page) { total items { id enterpriseName policyId insurer { id } providerId providerName kind serviceDate cost hazardsFound hazardsRectified } }
    claims(pageSize: $pageSize, page: $page) { total items { id enterpriseName policyId accidentDate reportedOn deaths injuries claimedAmount paidAmount status settledOn denialReason } }
  }
}`;

const INSURER = `query ($id: ID!) {
  insurer(id: $id) {
    id name filedOn filings { deadline status rule { id source } }
    policies(pageSize: 50) { total items { id enterpriseId enterpriseName county { code } shares { insurer { id } sharePercent } } }
    services(pageSize: 50) { total items { id enterpriseId enterpriseName } }
    claims(pageSize: 50) { total items { id policyId enterpriseId enterpriseName } }
  }
}`;

describe('enterprise', () => {
  test('facts, co-insured policy, services and claims', async () => {
    const { data, errors } = await api.as('province', ENTERPRISE, { id: 'E02' });
    expect(errors).toBeUndefined();
    const enterprise = data!.enterprise;
    expect(enterprise).toMatchObject({
      id: 'E02', uscc: '91140105MA0GRC0023', name: '太原小店乙煤业有限公司', industry: 'COAL_MINE', highRisk: true, size: 'small', status: 'operating',
      riskLevel: 'high', standardizationGrade: '3', employees: 80, county: { code: '140105', name: '小店区' }, city: { code: '140100' }, mandatory: true,
    });
    expect(enterprise.policies).toEqual({
      total: 1, page: 1,
      items: [{
        id: 'P02', enterpriseId: 'E02', enterpriseName: '太原小店乙煤业有限公司', policyNo: 'AZX-2025-002', startDate: '2025-02-01', endDate: '2026-01-31', premium: '50000.00', premiumReceived: '45000.00',
        deathLimitPerPerson: '300000.00', insuredPersons: 80, cancelled: false,
        shares: [
          { insurer: { id: 'I1', name: '中国人民财产保险股份有限公司山西省分公司' }, sharePercent: '60.00' },
          { insurer: { id: 'I2', name: '中国平安财产保险股份有限公司山西分公司' }, sharePercent: '40.00' },
        ],
      }],
    });
    // Services for E02, latest first: S07 06-02, S06 06-01, S25 03-31 (through PV3), S05 03-01
    expect(enterprise.services.total).toBe(4);
    expect(enterprise.services.items.every((item: any) => item.enterpriseName === '太原小店乙煤业有限公司')).toBe(true);
    expect(enterprise.services.items.map((item: any) => [item.id, item.insurer.id, item.providerId, item.serviceDate])).toEqual([
      ['S07', 'I2', null, '2025-06-02'], ['S06', 'I2', null, '2025-06-01'], ['S25', 'I2', 'PV3', '2025-03-31'], ['S05', 'I1', null, '2025-03-01'],
    ]);
    // A third-party provider by its name from the register; the insurer's own team has none.
    expect(enterprise.services.items.map((item: any) => item.providerName)).toEqual([null, null, '山西某过期资质评价有限公司', null]);
    expect(enterprise.services.items[0]).toMatchObject({ kind: 'hazard_investigation', cost: '1000.00', hazardsFound: 2, hazardsRectified: 0 });
    // Claims on P02, latest reported first: C7 denied, C4 open
    expect(enterprise.claims.items).toEqual([
      { id: 'C7', enterpriseName: '太原小店乙煤业有限公司', policyId: 'P02', accidentDate: '2025-11-18', reportedOn: '2025-11-20', deaths: 0, injuries: 0, claimedAmount: '8000.00',
        paidAmount: null, status: 'denied', settledOn: '2026-01-08', denialReason: '免责条款约定的除外责任' },
      { id: 'C4', enterpriseName: '太原小店乙煤业有限公司', policyId: 'P02', accidentDate: '2025-08-01', reportedOn: '2025-08-02', deaths: 0, injuries: 1, claimedAmount: '30000.00',
        paidAmount: null, status: 'open', settledOn: null, denialReason: null },
    ]);
  });

  test('an industry outside the five high-risk ones has no Industry value and is not high-risk', async () => {
    const { data, errors } = await api.as('province', ENTERPRISE, { id: 'E07' });
    expect(errors).toBeUndefined();
    expect(data!.enterprise).toMatchObject({ id: 'E07', industry: null, highRisk: false, mandatory: false });
  });

  test('a closed enterprise is not mandatory; paging keeps the total past the end', async () => {
    const { data } = await api.as('province', ENTERPRISE, { id: 'E06' });
    expect(data!.enterprise).toMatchObject({ status: 'closed', mandatory: false, standardizationGrade: null, employees: null });
    const beyond = await api.as('province', ENTERPRISE, { id: 'E01', pageSize: 2, page: 3 });
    // E01: services S01 S02 S03 S04 S22 = 5 → page 3 of size 2 holds S01 alone; policies 1 and claims 1 → empty pages
    expect(beyond.data!.enterprise.services).toMatchObject({ total: 5, items: [{ id: 'S01' }] });
    expect(beyond.data!.enterprise.policies).toMatchObject({ total: 1, page: 3, items: [] });
    expect(beyond.data!.enterprise.claims).toMatchObject({ total: 1, items: [] });
  });

  test('an unknown id is NOT_FOUND', async () => {
    const answer = await api.as('province', ENTERPRISE, { id: 'E99' });
    expect(codeOf(answer)).toBe('NOT_FOUND');
    expect(answer.errors![0].message).toContain('"E99"');
  });
});

describe('insurer', () => {
  test('filing status against the deadline rule, and its books', async () => {
    const { data, errors } = await api.as('province', INSURER, { id: 'I3' });
    expect(errors).toBeUndefined();
    // Filed 2024-05-31, the deadline day itself: on time
    expect(data!.insurer).toMatchObject({
      id: 'I3', filedOn: '2024-05-31',
      filings: [{ deadline: '2024-05-31', status: 'ON_TIME', rule: { id: 'filing_deadline/2024', source: expect.stringContaining('晋应急发〔2024〕114号') } }],
    });
    // I3 shares P07 P09 P11 P12 P15; its services S14 S16 S18 S19 S21; claims on its policies C2 (P12), C3 (P11)
    expect(data!.insurer.policies.items.map((item: any) => item.id).sort()).toEqual(['P07', 'P09', 'P11', 'P12', 'P15']);
    expect(data!.insurer.policies.items.find((item: any) => item.id === 'P12').shares).toEqual([
      { insurer: { id: 'I2' }, sharePercent: '66.67' }, { insurer: { id: 'I3' }, sharePercent: '33.33' },
    ]);
    expect(data!.insurer.services.items.map((item: any) => item.id).sort()).toEqual(['S14', 'S16', 'S18', 'S19', 'S21']);
    expect(data!.insurer.claims.items.map((item: any) => item.id)).toEqual(['C3', 'C2']);
    // Names come with the rows, each the name of the row's own enterprise
    const policyNames = Object.fromEntries(data!.insurer.policies.items.map((item: any) => [item.id, [item.enterpriseId, item.enterpriseName]]));
    expect(policyNames.P12).toEqual(['E12', '大同平城乙矿业有限公司']);
    expect(policyNames.P11).toEqual(['E11', '大同新荣甲煤业有限公司']);
    expect(data!.insurer.claims.items.map((item: any) => [item.enterpriseId, item.enterpriseName])).toEqual([
      ['E11', '大同新荣甲煤业有限公司'], ['E12', '大同平城乙矿业有限公司'],
    ]);
    expect(data!.insurer.services.items.find((item: any) => item.id === 'S21')).toEqual({ id: 'S21', enterpriseId: 'E07', enterpriseName: '太原小店庚商贸有限公司' });

    const late = await api.as('province', INSURER, { id: 'I4' });
    expect(late.data!.insurer).toMatchObject({ filedOn: '2024-06-05', filings: [{ status: 'LATE' }], policies: { total: 0, items: [] } });
    const never = await api.as('province', INSURER, { id: 'I5' });
    expect(never.data!.insurer).toMatchObject({ filedOn: null, filings: [{ status: 'NOT_FILED' }] });
    const unknown = await api.as('province', INSURER, { id: 'I9' });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
  });
});

describe('the enterprise’s cover today', () => {
  const COVER = 'query ($id: ID!) { enterprise(id: $id) { cover { asOf insured history lastPolicyEnd } } }';

  test('insured, lapsed (脱保) or never insured (从未投保), as coverage counts it', async () => {
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-06-01T04:00:00Z'));
    try {
      const cover = async (id: string) => (await api.as('province', COVER, { id })).data!.enterprise.cover;
      expect(await cover('E02')).toEqual({ asOf: '2025-06-01', insured: true, history: null, lastPolicyEnd: '2026-01-31' });
      // P13 ended 2023-12-31
      expect(await cover('E13')).toEqual({ asOf: '2025-06-01', insured: false, history: 'LAPSED', lastPolicyEnd: '2023-12-31' });
      // E09's only policy was cancelled; E14's starts on 2025-07-01
      expect(await cover('E09')).toEqual({ asOf: '2025-06-01', insured: false, history: 'NEVER_INSURED', lastPolicyEnd: null });
      expect(await cover('E14')).toMatchObject({ insured: false, history: 'NEVER_INSURED' });
      // An insurer account sees only its own policies, so it is not told the enterprise's cover
      const insurer = await api.as('insurerI2', COVER, { id: 'E02' });
      expect(insurer.data!.enterprise.cover).toBeNull();
    } finally {
      clock.mockRestore();
    }
  });
});

describe('the lists of a year, up to today', () => {
  const LISTS = `query ($id: ID!, $year: Int) {
    insurer(id: $id) {
      policies(year: $year) { total items { id } }
      services(year: $year) { total items { id } }
      claims(year: $year) { total items { id } }
    }
  }`;
  const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id).sort();

  test('a year narrows each list as its indicator counts it: policies by start, services by date, claims by report', async () => {
    const [all, y2025, y2024] = await Promise.all([null, 2025, 2024].map((year) => api.as('province', LISTS, { id: 'I3', year })));
    expect(all.errors).toBeUndefined();
    expect(ids(all.data!.insurer.policies)).toEqual(['P07', 'P09', 'P11', 'P12', 'P15']);
    // 2025: P07 P09 P12 start in it (P11 P15 on 2024-11-30); S18 is dated 2024-12-15; C2 and C3 reported in 2025
    expect(ids(y2025.data!.insurer.policies)).toEqual(['P07', 'P09', 'P12']);
    expect(ids(y2025.data!.insurer.services)).toEqual(['S14', 'S16', 'S19', 'S21']);
    expect(ids(y2025.data!.insurer.claims)).toEqual(['C2', 'C3']);
    // Same start day: by id
    expect(y2024.data!.insurer).toEqual({
      policies: { total: 2, items: [{ id: 'P11' }, { id: 'P15' }] },
      services: { total: 1, items: [{ id: 'S18' }] },
      claims: { total: 0, items: [] },
    });
  });

  test('services and claims dated after today are not listed; a policy starting later is', async () => {
    // Noon of 2025-06-01 in Shanxi
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-06-01T04:00:00Z'));
    try {
      const { data, errors } = await api.as('province', ENTERPRISE, { id: 'E02' });
      expect(errors).toBeUndefined();
      // S07 (06-02) is after today, S06 (06-01) is today; claims C4 (08-02) and C7 (11-20) are reported later
      expect(data!.enterprise.services.items.map((item: any) => item.id)).toEqual(['S06', 'S25', 'S05']);
      expect(data!.enterprise.services.total).toBe(3);
      expect(data!.enterprise.claims).toMatchObject({ total: 0, items: [] });
      // P14 (I2's alone) starts on 2025-07-01
      const later = await api.as('province', LISTS, { id: 'I2', year: 2025 });
      expect(ids(later.data!.insurer.policies)).toContain('P14');
    } finally {
      clock.mockRestore();
    }
  });
});

describe('filing on every row of feeRatios', () => {
  /** A reader that records every query, so that a test can count what one response costs. */
  function spyReader(): { reader: WarehouseReader; sql: string[] } {
    const inner = warehouseReader(api.warehouse, api.env.config.warehouse.maxExecutionSeconds);
    const sql: string[] = [];
    return { sql, reader: { rows: (text, params) => { sql.push(text); return inner.rows(text, params); } } };
  }

  function contextAs(user: keyof typeof USERS, reader: WarehouseReader): ApiContext {
    const { username, role, scope } = USERS[user];
    return {
      viewer: { username, role, scope }, authFailure: null, clientAddress: '127.0.0.1', signIns: new SignInLimiter(),
      config: api.env.config, platform: api.platform, intake: null, warehouse: reader,
      lastRun: null, dataVersion: 0, rulebook: RULEBOOK, loaders: makeLoaders(reader), once: makeOnce(),
    };
  }

  const FEE_FILINGS = `{ feeRatios(year: 2025) { insurer { id } filing { filedOn verdicts { deadline status rule { id } } } } }`;

  test('the rows of feeRatios carry the verdict, read in one warehouse query for all insurers', async () => {
    const schema = await buildApiSchema();
    const spy = spyReader();
    const answer = await graphql({ schema, source: FEE_FILINGS, contextValue: contextAs('province', spy.reader) });
    expect(answer.errors).toBeUndefined();
    const verdict = (filedOn: string, status: string) => ({ filedOn, verdicts: [{ deadline: '2024-05-31', status, rule: { id: 'filing_deadline/2024' } }] });
    expect((answer.data as any).feeRatios).toEqual([
      { insurer: { id: 'I1' }, filing: verdict('2024-05-20', 'ON_TIME') },
      { insurer: { id: 'I2' }, filing: verdict('2024-05-28', 'ON_TIME') },
      { insurer: { id: 'I3' }, filing: verdict('2024-05-31', 'ON_TIME') },
    ]);
    // Three insurers, one query of the register for their filings
    expect(spy.sql.filter((text) => text.includes('filed_on'))).toHaveLength(1);
  });

  test('late, never filed and unregistered insurers, batched into one query', async () => {
    const spy = spyReader();
    const context = contextAs('province', spy.reader);
    const resolver = new FeeRatioFilingResolver();
    const filingOf = (id: string) => resolver.filing(Object.assign(new InsurerFeeRatio(), { insurer: Object.assign(new Insurer(), { id }) }), context);
    const [late, never, unknown] = await Promise.all([filingOf('I4'), filingOf('I5'), filingOf('I9')]);
    expect(late).toMatchObject({ filedOn: '2024-06-05', verdicts: [{ deadline: '2024-05-31', status: FilingStatus.LATE }] });
    expect(never).toMatchObject({ filedOn: null, verdicts: [{ deadline: '2024-05-31', status: FilingStatus.NOT_FILED }] });
    expect(unknown).toBeNull();
    expect(spy.sql).toHaveLength(1);
  });

  test('an insurer account sees its own row and filing only', async () => {
    const { data, errors } = await api.as('insurerI2', FEE_FILINGS);
    expect(errors).toBeUndefined();
    expect(data!.feeRatios).toEqual([{ insurer: { id: 'I2' }, filing: { filedOn: '2024-05-28', verdicts: [{ deadline: '2024-05-31', status: 'ON_TIME', rule: { id: 'filing_deadline/2024' } }] } }]);
  });
});

describe('scope', () => {
  test('a city user finds its own city’s enterprises; another city’s answer NOT_FOUND like unknown ids', async () => {
    const own = await api.as('taiyuan', ENTERPRISE, { id: 'E09' });
    expect(own.data!.enterprise).toMatchObject({ id: 'E09', county: { code: '140106' } });
    const foreign = await api.as('taiyuan', ENTERPRISE, { id: 'E11' });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const unknown = await api.as('taiyuan', ENTERPRISE, { id: 'E99' });
    expect(foreign.errors![0].message.replace('E11', 'E99')).toBe(unknown.errors![0].message);
  });

  test('a city user sees an insurer’s books within its city only', async () => {
    const { data } = await api.as('taiyuan', INSURER, { id: 'I3' });
    // I3 in 太原: P07 P15 (小店), P09 (迎泽); services S21 (E07); no claims on I3's 太原 policies
    expect(data!.insurer.policies.items.map((item: any) => item.id).sort()).toEqual(['P07', 'P09', 'P15']);
    expect(data!.insurer.policies.items.every((item: any) => item.county.code.startsWith('1401'))).toBe(true);
    expect(data!.insurer.services.items.map((item: any) => item.id)).toEqual(['S21']);
    expect(data!.insurer.claims).toEqual({ total: 0, items: [] });
  });

  test('an insurer user finds itself and the enterprises it insures, with its own records only', async () => {
    const own = await api.as('insurerI2', INSURER, { id: 'I2' });
    // I2 shares P02 P03 P05 P12 P14
    expect(own.data!.insurer.policies.items.map((item: any) => item.id).sort()).toEqual(['P02', 'P03', 'P05', 'P12', 'P14']);
    const other = await api.as('insurerI2', INSURER, { id: 'I3' });
    expect(codeOf(other)).toBe('NOT_FOUND');

    const insured = await api.as('insurerI2', ENTERPRISE, { id: 'E02' });
    // E02's P02 is shared (I1 60, I2 40): I2 sees the policy, its own services S07 S06 S25 (not I1's S05), both claims on P02
    expect(insured.data!.enterprise.services.items.map((item: any) => item.id)).toEqual(['S07', 'S06', 'S25']);
    expect(insured.data!.enterprise.policies.total).toBe(1);
    expect(insured.data!.enterprise.claims.total).toBe(2);
    const e12 = await api.as('insurerI2', ENTERPRISE, { id: 'E12' });
    // E12: P12 (I3 33.33, I2 66.67); I2's services S20 S23, not I3's S19
    expect(e12.data!.enterprise.services.items.map((item: any) => item.id)).toEqual(['S23', 'S20']);
    const notInsured = await api.as('insurerI2', ENTERPRISE, { id: 'E01' });
    expect(codeOf(notInsured)).toBe('NOT_FOUND');
  });
});

test('a page size too large is BAD_USER_INPUT', async () => {
  const answer = await api.as('province', ENTERPRISE, { id: 'E01', pageSize: 201 });
  expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  expect(answer.errors![0].message).toMatch(/pageSize must be at most 200/);
});

test.each([
  ['enterprise', '{ enterprise(id: "E01") { id } }'],
  ['insurer', '{ insurer(id: "I1") { id } }'],
  ['firstService', '{ firstService { judged } }'],
  ['firstServicePolicies', '{ firstServicePolicies { total } }'],
  ['deathLimitCompliance', '{ deathLimitCompliance(year: 2025) { judged } }'],
  ['deathLimitPolicies', '{ deathLimitPolicies(year: 2025) { total } }'],
  ['claims', '{ claims(year: 2025) { paid } }'],
  ['riskIndicators', '{ riskIndicators(year: 2025) { accidents } }'],
  ['premiumRates', '{ premiumRates(year: 2025) { total } }'],
  ['trends', '{ trends(from: "2025-01", to: "2025-03") { mandatory } }'],
  ['violations', '{ violations(year: 2025) { total } }'],
])('%s without a token is UNAUTHENTICATED', async (_name, query) => {
  const answer = await api.request(null, query);
  expect(codeOf(answer)).toBe('UNAUTHENTICATED');
  expect(answer.data ?? null).toBeNull();
});
