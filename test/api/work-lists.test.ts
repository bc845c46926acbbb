/**
 * The lists of the daily work, on the fixture (test/fixtures/api/README.md), every expected value worked
 * out by hand from its rows: the years with figures (dataYears), the policies about to lapse
 * (expiringPolicies) and the enterprise search (enterpriseSearch), each per account.
 */
import { runEtl } from '../../etl/load/run';
import { PolicyRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('work-lists');
}, 180_000);

afterAll(async () => {
  await api?.close();
});

describe('dataYears', () => {
  const query = '{ dataYears }';

  test('the years in which a policy was active, latest first, narrowed to the account', async () => {
    // P13 covers 2023; P03, P04, P11, P15 2024–2025; P02, P06, P12, P14 run into 2026; P09 is cancelled.
    expect((await api.as('province', query)).data!.dataYears).toEqual([2026, 2025, 2024, 2023]);
    // 太原: E01–E07 (P13 of 2023 is 大同's E13).
    expect((await api.as('taiyuan', query)).data!.dataYears).toEqual([2026, 2025, 2024]);
    expect((await api.as('datong', query)).data!.dataYears).toEqual([2026, 2025, 2024, 2023]);
    // I3 holds shares of P07, P11, P12 (into 2026), P15 and the cancelled P09; none of 2023.
    expect((await api.as('insurerI3', query)).data!.dataYears).toEqual([2026, 2025, 2024]);
  });
});

describe('expiringPolicies', () => {
  const query = `query ($region: ID, $asOf: Date, $within: Int, $sort: ExpiringSort, $direction: SortDirection) {
    expiringPolicies(region: $region, asOf: $asOf, withinDays: $within, sort: $sort, direction: $direction) {
      region { code } asOf withinDays total
      items { policyId policyNo enterpriseId uscc enterpriseName industry county { code } startDate endDate daysLeft insurers }
    }
  }`;
  const ids = (answer: Awaited<ReturnType<FixtureApi['as']>>) => answer.data!.expiringPolicies.items.map((item: { policyId: string }) => item.policyId);

  test('a policy ending on the day itself is in the window, with its insurers; one ended the day before is not', async () => {
    // Active on 2025-06-30 and ending by 2025-07-30: P03 (E03) ends that day; P04 (E04) ended on 06-29.
    const answer = await api.as('province', query, { asOf: '2025-06-30', within: 30 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.expiringPolicies).toEqual({
      region: { code: '140000' }, asOf: '2025-06-30', withinDays: 30, total: 1,
      items: [{
        policyId: 'P03', policyNo: 'AZX-2024-003', enterpriseId: 'E03', uscc: '91140105MA0GRC0036', enterpriseName: '太原小店丙化工有限公司',
        industry: 'HAZARDOUS_CHEMICALS', county: { code: '140105' }, startDate: '2024-07-01', endDate: '2025-06-30', daysLeft: 0,
        insurers: ['中国平安财产保险股份有限公司山西分公司'],
      }],
    });
  });

  test('30, 60 and 90 days from 2025-11-01: mandatory enterprises only, soonest first', async () => {
    // ≤ 12-01: P11 (E11, 11-29); P15 (E07) is not mandatory. ≤ 12-31: P01 (E01) and P05 (E05); P07 is E07's,
    // P09 cancelled, P06's E06 closed. ≤ 2026-01-30: P12 (E12, 01-14); P02 ends 01-31.
    expect(ids(await api.as('province', query, { asOf: '2025-11-01', within: 30 }))).toEqual(['P11']);
    expect(ids(await api.as('province', query, { asOf: '2025-11-01', within: 60 }))).toEqual(['P11', 'P01', 'P05']);
    const ninety = await api.as('province', query, { asOf: '2025-11-01', within: 90 });
    expect(ids(ninety)).toEqual(['P11', 'P01', 'P05', 'P12']);
    expect(ninety.data!.expiringPolicies.items[0]).toMatchObject({ daysLeft: 28, insurers: ['中国人民财产保险股份有限公司山西省分公司', '中国太平洋财产保险股份有限公司山西分公司'] });
    expect(ninety.data!.expiringPolicies.items[3]).toMatchObject({ daysLeft: 74, county: { code: '140213' } });
    expect(ids(await api.as('province', query, { asOf: '2025-11-01', within: 90, sort: 'END_DATE', direction: 'DESC' }))).toEqual(['P12', 'P01', 'P05', 'P11']);
    expect(ids(await api.as('province', query, { asOf: '2025-11-01', within: 90, sort: 'COUNTY', direction: 'ASC' }))).toEqual(['P01', 'P05', 'P11', 'P12']);
  });

  test('a city account sees its own city, and is refused another; an insurer account is refused', async () => {
    expect(ids(await api.as('taiyuan', query, { asOf: '2025-11-01', within: 90 }))).toEqual(['P01', 'P05']);
    expect(ids(await api.as('datong', query, { region: '140200', asOf: '2025-11-01', within: 90 }))).toEqual(['P11', 'P12']);
    expect(codeOf(await api.as('taiyuan', query, { region: '140212', asOf: '2025-11-01', within: 90 }))).toBe('FORBIDDEN');
    expect(codeOf(await api.as('insurerI2', query, { asOf: '2025-11-01', within: 90 }))).toBe('FORBIDDEN');
  });

  test('a window other than 30, 60 or 90 days is refused with its name', async () => {
    const answer = await api.as('province', query, { asOf: '2025-11-01', within: 45 });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(answer.errors)).toContain('withinDays must be one of 30, 60, 90');
  });

  test('a policy of the enterprise active on the day after the end is a renewal; a cancelled one is not', async () => {
    const p01 = await api.platform.getRepository(PolicyRow).findOneByOrFail({ id: 'P01' });
    const p05 = await api.platform.getRepository(PolicyRow).findOneByOrFail({ id: 'P05' });
    await upsertRows(api.platform, PolicyRow, [
      // Signed ahead and overlapping P01's last days: covers 2026-01-01, the day after P01 ends.
      { ...p01, id: 'P16', policyNo: 'AZX-2025-016', startDate: '2025-12-20', endDate: '2026-12-19' },
      // Would cover the day after P05 ends, but was cancelled.
      { ...p05, id: 'P17', policyNo: 'AZX-2026-017', startDate: '2026-01-01', endDate: '2026-12-31', cancelled: true },
    ]);
    await runEtl(api.env.config, { platform: api.platform, warehouse: api.warehouse });
    // P16 itself ends after the window, and P01 is renewed: 太原 keeps P05 only.
    expect(ids(await api.as('taiyuan', query, { asOf: '2025-11-01', within: 90 }))).toEqual(['P05']);
  }, 120_000);
});

describe('enterpriseSearch', () => {
  const query = `query ($text: String!) {
    enterpriseSearch(text: $text) { total items { id uscc name industry status mandatory county { code } } }
  }`;
  const found = async (user: Parameters<FixtureApi['as']>[0], text: string) => {
    const answer = await api.as(user, query, { text });
    expect(answer.errors).toBeUndefined();
    return answer.data!.enterpriseSearch.items.map((item: { id: string }) => item.id);
  };

  test('by part of the name, ordered by name, within the account’s scope', async () => {
    // 煤业 in E01, E02, E10 (太原) and E11 (大同); names in code-point order: 大 < 太, 乙 < 甲, 小 < 迎.
    expect(await found('province', '煤业')).toEqual(['E11', 'E02', 'E01', 'E10']);
    expect(await found('taiyuan', '煤业')).toEqual(['E02', 'E01', 'E10']);
    expect(await found('datong', '煤业')).toEqual(['E11']);
    // I2 insured E02, E03, E05, E12 and E14; I3 E07, E09, E11 and E12.
    expect(await found('insurerI2', '煤业')).toEqual(['E02']);
    expect(await found('insurerI3', '煤业')).toEqual(['E11']);
  });

  test('by the start of the 统一社会信用代码, in any case, with the enterprise’s state', async () => {
    // 新荣's E11 大同新荣甲煤业 and E14 大同新荣丁冶炼: 丁 (U+4E01) < 甲 (U+7532).
    expect(await found('province', '91140212')).toEqual(['E14', 'E11']);
    expect(await found('taiyuan', '91140212')).toEqual([]);
    const answer = await api.as('province', query, { text: '91140106ma0grc010c' });
    expect(answer.data!.enterpriseSearch).toEqual({
      total: 1,
      items: [{ id: 'E10', uscc: '91140106MA0GRC010C', name: '太原迎泽癸煤业有限公司', industry: 'COAL_MINE', status: 'suspended', mandatory: false, county: { code: '140106' } }],
    });
  });

  test('fewer than two characters is refused', async () => {
    expect(codeOf(await api.as('province', query, { text: '煤' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.as('province', query, { text: ' 煤 ' }))).toBe('BAD_USER_INPUT');
  });
});
