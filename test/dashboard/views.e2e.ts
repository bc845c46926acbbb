/**
 * The daily-work views end to end, in Chromium against the real server on the shanxi demo data (one demo
 * start for the file): for each account, every new view shows the API's numbers for that account — the
 * map's rates and the cards' 同比, the printed overview on one A4 page, the insurers table's order and
 * 同比 (a city's narrowed to its city), risk indicators, the premium-rate screen and its formula, the
 * policies about to lapse, the enterprise search, and the year selectors' years. Screenshots of every
 * view in both languages go to test-artifacts/dashboard/ (views-*.png).
 *
 * Run with `npm run test:e2e`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import fs from 'node:fs';
import { ARTIFACTS, parseCsv, readXlsx, startDemo, timed, type Demo } from '../support/e2e';

const AS_OF = '2025-06-30';
const YEAR = 2025;
const USERS = {
  province: { username: 'views-province', password: 'province-pass-1', role: 'province' },
  city: { username: 'views-changzhi', password: 'city-pass-1', role: 'city', scope: '140400' },
  insurer: { username: 'views-picc', password: 'insurer-pass-1', role: 'insurer', scope: 'picc' },
} as const;
type UserKey = keyof typeof USERS;

let demo: Demo;
const tokens = {} as Record<UserKey, string>;

async function api<T>(user: UserKey, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await demo.api<T>(tokens[user], query, variables);
  assert.ok(answer.data, JSON.stringify(answer.errors));
  return answer.data;
}

/** The dashboard's formats: one-decimal percentages, signed points and percents with a true minus sign. */
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
function points(current: number | null, previous: number | null, language: 'zh' | 'en'): string {
  if (current === null || previous === null) return '—';
  const change = (current - previous) * 100;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${Math.abs(change).toFixed(1)}${language === 'en' ? ' pp' : ' 个百分点'}`;
}
function percentChange(current: number, previous: number): string {
  if (previous === 0) return '—';
  const change = (current - previous) / previous;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${(Math.abs(change) * 100).toFixed(1)}%`;
}
const count = (value: number) => value.toLocaleString('en-US');

async function waitUntil(page: Page, what: string, holds: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`waited 30 s for ${what}`);
    await page.waitForTimeout(100);
  }
}

async function signedIn(user: UserKey, language: 'zh' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await demo.signIn(page, USERS[user]);
  await page.waitForSelector('.app-nav');
  if (language === 'en') {
    await page.click('button.language');
    await page.waitForSelector('html[lang="en"]');
  }
  return { context, page };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `views-${name}.png`), fullPage: true });
}

async function yearsOffered(page: Page): Promise<number[]> {
  await waitUntil(page, 'the years from the API', async () => (await page.locator('select[name="year"] option').count()) > 1);
  return (await page.locator('select[name="year"] option').allInnerTexts()).map(Number);
}

before(async () => {
  demo = await startDemo(Object.values(USERS));
  for (const user of Object.keys(USERS) as UserKey[]) tokens[user] = await demo.tokenOf(USERS[user]);
});

after(async () => {
  await demo?.close();
});

interface CoverageFigures { mandatory: number; insured: number; rate: number | null; children: Array<{ region: { code: string }; rate: number | null }> }
const COVERAGE = 'query($r: ID!, $d: Date) { coverage(region: $r, asOf: $d) { mandatory insured rate children { region { code } rate } } }';
const FEES = 'query($y: Int!, $r: ID) { regionFees(year: $y, region: $r) { premiumReceived ratio } }';

describe('the daily-work views in Chromium', () => {
  it('leadership: rates on the map, 同比 on the cards, one printed A4 page', async () => {
    for (const language of ['zh', 'en'] as const) {
      const { context, page } = await signedIn('province', language);
      const started = performance.now();
      await page.goto(`${demo.baseUrl}/region/140000?asOf=${AS_OF}&year=${YEAR}`);
      await page.waitForSelector('[data-card="coverageRate"] .card-yoy');
      await page.waitForSelector('[data-card="feeRatio"] .card-yoy');
      timed(`province view with 同比 (${language})`, started);
      const now = (await api<{ coverage: CoverageFigures }>('province', COVERAGE, { r: '140000', d: AS_OF })).coverage;
      const before = (await api<{ coverage: CoverageFigures }>('province', COVERAGE, { r: '140000', d: '2024-06-30' })).coverage;
      await waitUntil(page, 'the map’s rates', async () => (await page.locator('[data-map-rate]').count()) === now.children.length);
      for (const child of now.children) {
        assert.equal(await page.locator(`[data-map-rate="${child.region.code}"]`).textContent(), percent(child.rate), `rate on the map of ${child.region.code}`);
      }
      const yoyLabel = language === 'zh' ? `同比 ${points(now.rate, before.rate, 'zh')}（上年 ${percent(before.rate)}）` : `YoY ${points(now.rate, before.rate, 'en')} (last year ${percent(before.rate)})`;
      assert.equal(await page.locator('[data-card="coverageRate"] .card-yoy').textContent(), yoyLabel);
      const fees = await api<{ regionFees: { premiumReceived: string; ratio: number | null } }>('province', FEES, { y: YEAR, r: '140000' });
      const lastFees = await api<{ regionFees: { premiumReceived: string; ratio: number | null } }>('province', FEES, { y: YEAR - 1, r: '140000' });
      assert.match(await page.locator('[data-card="premiumReceived"] .card-yoy').textContent() ?? '', new RegExp(`^${language === 'zh' ? '同比' : 'YoY'} ${percentChange(Number(fees.regionFees.premiumReceived), Number(lastFees.regionFees.premiumReceived)).replace(/[+.]/g, '\\$&')}`));
      assert.match(await page.locator('[data-card="feeRatio"] .card-yoy').textContent() ?? '', new RegExp(points(fees.regionFees.ratio, lastFees.regionFees.ratio, language).replace(/[+.]/g, '\\$&')));
      await shoot(page, `overview-${language}`);

      // Printed: one A4 page, no navigation, the region, day and data freshness in the footer.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.app-header').isVisible(), false);
      assert.equal(await page.locator('.filters').isVisible(), false);
      const footer = await page.locator('[data-print-footer]').innerText();
      assert.ok(footer.includes(AS_OF) && footer.includes('山西省'), footer);
      assert.match(footer, language === 'zh' ? /数据更新至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/ : /data up to \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      assert.equal(pages, 1, `the printed overview has ${pages} pages`);
      await shoot(page, `overview-print-${language}`);
      await context.close();
    }
  });

  it('analysts: the insurers table sorts by every column with 同比; risk indicators; the premium screen with its formula', async () => {
    const fees = await api<{ feeRatios: Array<{ insurer: { id: string }; premiumReceived: string; ratio: number | null }> }>(
      'province', 'query($y: Int!) { feeRatios(year: $y) { insurer { id } premiumReceived ratio } }', { y: YEAR });
    const lastFees = await api<typeof fees>('province', 'query($y: Int!) { feeRatios(year: $y) { insurer { id } premiumReceived ratio } }', { y: YEAR - 1 });
    const dataYears = (await api<{ dataYears: number[] }>('province', '{ dataYears }')).dataYears;
    const risk = await api<{ riskIndicators: { accidents: number; deaths: number; rectificationRate: number | null } }>(
      'province', 'query($y: Int!) { riskIndicators(year: $y) { accidents deaths rectificationRate } }', { y: YEAR });
    const lastRisk = await api<typeof risk>('province', 'query($y: Int!) { riskIndicators(year: $y) { accidents deaths rectificationRate } }', { y: YEAR - 1 });
    const rates = await api<{ premiumRates: { screenShare: number | null; total: number; flaggedPolicies: Array<{ policyId: string; shareOfMedian: number }> } }>(
      'province', 'query($y: Int!) { premiumRates(year: $y, pageSize: 20) { screenShare total flaggedPolicies { policyId shareOfMedian } } }', { y: YEAR });
    for (const language of ['zh', 'en'] as const) {
      const { context, page } = await signedIn('province', language);
      await page.goto(`${demo.baseUrl}/insurers?year=${YEAR}`);
      await page.waitForSelector('tr[data-yoy-of] td[data-yoy-col="feeRatio"]:not(:empty)');
      assert.deepEqual(await yearsOffered(page), dataYears);
      // Every column sorts; by premium received, descending, the order is the API's premiums in that order.
      for (const column of ['insurer', 'premiumReceived', 'preventionSpending', 'feeRatio', 'compliant', 'claimsPaid', 'lossRatio', 'serviceCompliance', 'firstService', 'deathLimit']) {
        assert.equal(await page.locator(`th[data-sort-col="${column}"] button`).count(), 1, `sortable ${column}`);
      }
      await page.click('th[data-sort-col="premiumReceived"] button');
      await page.click('th[data-sort-col="premiumReceived"] button');
      await page.waitForURL(/sort=premiumReceived&direction=DESC/);
      const expected = [...fees.feeRatios].sort((a, b) => Number(b.premiumReceived) - Number(a.premiumReceived)).map((row) => row.insurer.id);
      const shown = await page.locator('tr[data-insurer]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-insurer')));
      assert.deepEqual(shown.slice(0, expected.length), expected);
      for (const row of fees.feeRatios) {
        const last = lastFees.feeRatios.find((candidate) => candidate.insurer.id === row.insurer.id);
        const cell = page.locator(`tr[data-yoy-of="${row.insurer.id}"] td[data-yoy-col="feeRatio"]`);
        assert.equal(await cell.textContent(), last ? points(row.ratio, last.ratio, language) : '—', `同比 of ${row.insurer.id}'s fee ratio`);
        assert.equal(await page.locator(`tr[data-yoy-of="${row.insurer.id}"] td[data-yoy-col="premiumReceived"]`).textContent(),
          last ? percentChange(Number(row.premiumReceived), Number(last.premiumReceived)) : '—');
      }
      await page.reload();
      await page.waitForSelector('th[data-sort-col="premiumReceived"][aria-sort="descending"]');
      await shoot(page, `insurers-${language}`);

      await page.goto(`${demo.baseUrl}/risk?year=${YEAR}`);
      await page.waitForSelector('[data-card="accidents"] .card-yoy');
      assert.equal(await page.locator('[data-card="accidents"] [data-value]').textContent(), count(risk.riskIndicators.accidents));
      assert.equal(await page.locator('[data-card="deaths"] [data-value]').textContent(), count(risk.riskIndicators.deaths));
      assert.equal(await page.locator('[data-card="rectificationRate"] [data-value]').textContent(), percent(risk.riskIndicators.rectificationRate));
      assert.match(await page.locator('[data-card="accidents"] .card-yoy').textContent() ?? '',
        new RegExp(percentChange(risk.riskIndicators.accidents, lastRisk.riskIndicators.accidents).replace(/[+.]/g, '\\$&')));
      await shoot(page, `risk-${language}`);

      await page.goto(`${demo.baseUrl}/premium-rates?year=${YEAR}`);
      await page.waitForSelector('[data-formula]');
      assert.equal(await page.locator('[data-formula]').getAttribute('data-screen-share'), String(rates.premiumRates.screenShare ?? ''));
      const share = `${rates.premiumRates.screenShare! * 100}%`;
      assert.ok((await page.locator('[data-formula] p').first().textContent())!.includes(`${share} × M`), 'the formula names the screening line');
      assert.equal(await page.locator('[data-panel="flagged-policies"] table').getAttribute('data-total'), String(rates.premiumRates.total));
      const first = rates.premiumRates.flaggedPolicies[0];
      assert.equal(await page.locator(`tr[data-policy="${first.policyId}"] td[data-col="shareOfMedian"]`).textContent(), percent(first.shareOfMedian));
      await shoot(page, `premium-rates-${language}`);
      if (language === 'zh') {
        // The exports hold the whole list, every page of it, as the API gives it.
        const flagged: string[] = [];
        for (let number = 1; ; number += 1) {
          const answer = await api<{ premiumRates: { total: number; flaggedPolicies: Array<{ policyNo: string }> } }>(
            'province', 'query($y: Int!, $p: Int!) { premiumRates(year: $y, page: $p, pageSize: 200) { total flaggedPolicies { policyNo } } }', { y: YEAR, p: number });
          flagged.push(...answer.premiumRates.flaggedPolicies.map((row) => row.policyNo));
          if (flagged.length >= answer.premiumRates.total || answer.premiumRates.flaggedPolicies.length === 0) break;
        }
        const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="flagged-policies"] button >> nth=0')]);
        const csv = parseCsv(fs.readFileSync(await csvDownload.path()).toString('utf8').replace(/^\ufeff/, '')).filter((row) => row.length > 1);
        assert.deepEqual(csv.slice(1).map((row) => row[0]), flagged, 'the flagged policies exported, in the API’s order');
        const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="premium-industries"] button >> nth=1')]);
        assert.equal(readXlsx(fs.readFileSync(await xlsxDownload.path())).length - 1, await page.locator('[data-panel="premium-industries"] tbody tr').count());
        await page.goto(`${demo.baseUrl}/risk?year=${YEAR}`);
        await page.waitForSelector('[data-panel="risk-regions"] tbody tr');
        const [riskDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="risk-regions"] button >> nth=0')]);
        const riskRows = parseCsv(fs.readFileSync(await riskDownload.path()).toString('utf8').replace(/^\ufeff/, '')).filter((row) => row.length > 1);
        assert.equal(riskRows.length - 1, await page.locator('[data-panel="risk-regions"] tbody tr').count(), 'one exported row per region');
      }
      await context.close();
    }
  });

  it('a city bureau: its expiring policies, its enterprises found, its insurers table, its years', async () => {
    const EXPIRING = 'query($r: ID, $d: Date, $w: Int) { expiringPolicies(region: $r, asOf: $d, withinDays: $w, pageSize: 200) { total items { policyId county { code } } } }';
    const mine = (await api<{ expiringPolicies: { total: number; items: Array<{ policyId: string; county: { code: string } }> } }>('city', EXPIRING, { d: AS_OF, w: 60 })).expiringPolicies;
    const provinceWide = (await api<typeof mine extends infer T ? { expiringPolicies: T } : never>('province', EXPIRING, { d: AS_OF, w: 60 })).expiringPolicies;
    assert.ok(mine.total > 0 && mine.total < provinceWide.total, `长治 ${mine.total} of ${provinceWide.total}`);
    assert.ok(mine.items.every((item) => item.county.code.startsWith('1404')));
    const refused = await demo.api(tokens.city, EXPIRING, { r: '140100', d: AS_OF, w: 60 });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const SEARCH = 'query($t: String!) { enterpriseSearch(text: $t, pageSize: 200) { total items { id county { code } } } }';
    const found = (await api<{ enterpriseSearch: { total: number; items: Array<{ id: string; county: { code: string } }> } }>('city', SEARCH, { t: '煤业' })).enterpriseSearch;
    const foundProvince = (await api<typeof found extends infer T ? { enterpriseSearch: T } : never>('province', SEARCH, { t: '煤业' })).enterpriseSearch;
    assert.ok(found.total > 0 && found.total < foundProvince.total && found.items.every((item) => item.county.code.startsWith('1404')));
    const cityFees = await api<{ feeRatios: Array<{ insurer: { id: string }; ratio: number | null }> }>('city', 'query($y: Int!) { feeRatios(year: $y) { insurer { id } ratio } }', { y: YEAR });
    const dataYears = (await api<{ dataYears: number[] }>('city', '{ dataYears }')).dataYears;

    for (const language of ['zh', 'en'] as const) {
      const { context, page } = await signedIn('city', language);
      assert.equal(await page.locator('.app-nav a[href="/expiring"]').count(), 1);
      assert.equal(await page.locator('.app-nav a[href="/insurers"]').count(), 1);
      await page.goto(`${demo.baseUrl}/expiring?asOf=${AS_OF}`);
      await page.waitForSelector('[data-panel="expiring"] table');
      await page.click('input[name="within"][value="60"]');
      await page.waitForURL(/within=60/);
      await waitUntil(page, 'the 60-day list', async () => (await page.locator('[data-panel="expiring"] table').getAttribute('data-total')) === String(mine.total));
      const shownPolicies = await page.locator('[data-panel="expiring"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-policy')));
      assert.deepEqual(shownPolicies, mine.items.slice(0, 20).map((item) => item.policyId));
      // The choice is in the URL: a reload shows the same list, sorted by name.
      await page.click('th button:has-text("' + (language === 'zh' ? '企业' : 'Enterprise') + '")');
      await page.waitForURL(/sort=NAME/);
      await page.reload();
      await page.waitForSelector('[data-panel="expiring"] th[aria-sort="ascending"]');
      assert.equal(await page.locator('[data-panel="expiring"] table').getAttribute('data-total'), String(mine.total));
      assert.equal(await page.locator('select[name="region"] option').first().getAttribute('value'), '140400');
      await shoot(page, `expiring-${language}`);
      if (language === 'zh') {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="expiring"] button >> nth=0')]);
        const rows = parseCsv(fs.readFileSync(await download.path()).toString('utf8').replace(/^\ufeff/, '')).filter((row) => row.length > 1);
        assert.equal(rows.length - 1, mine.total, 'every policy about to lapse is exported, not only the page on screen');
      }

      await page.goto(`${demo.baseUrl}/search`);
      await page.fill('input[name="q"]', '煤业');
      await page.click('form[role="search"] button[type="submit"]');
      await page.waitForURL(/\/search\?q=/);
      await page.waitForSelector('[data-panel="search"] table');
      assert.equal(await page.locator('[data-panel="search"] table').getAttribute('data-total'), String(found.total));
      if (language === 'zh') {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="search"] button >> nth=0')]);
        const rows = parseCsv(fs.readFileSync(await download.path()).toString('utf8').replace(/^\ufeff/, '')).filter((row) => row.length > 1);
        assert.equal(rows.length - 1, found.total, 'every enterprise found is exported, not only the page on screen');
      }
      await shoot(page, `search-${language}`);

      await page.goto(`${demo.baseUrl}/insurers?year=${YEAR}`);
      await page.waitForSelector('[data-insurers-scope]');
      await page.waitForSelector('tr[data-insurer]');
      for (const row of cityFees.feeRatios) {
        assert.equal(await page.locator(`tr[data-insurer="${row.insurer.id}"] td[data-col="feeRatio"]`).innerText(), percent(row.ratio), `长治 fee ratio of ${row.insurer.id}`);
      }
      assert.deepEqual(await yearsOffered(page), dataYears);
      await shoot(page, `insurers-city-${language}`);
      await context.close();
    }
  });

  it('an insurer: its own risk figures and flagged policies, no expiring list', async () => {
    const risk = await api<{ riskIndicators: { accidents: number; insuredEnterprises: number } }>('insurer', 'query($y: Int!) { riskIndicators(year: $y) { accidents insuredEnterprises } }', { y: YEAR });
    const all = await api<typeof risk>('province', 'query($y: Int!) { riskIndicators(year: $y) { accidents insuredEnterprises } }', { y: YEAR });
    assert.ok(risk.riskIndicators.insuredEnterprises < all.riskIndicators.insuredEnterprises);
    const rates = await api<{ premiumRates: { total: number } }>('insurer', 'query($y: Int!) { premiumRates(year: $y) { total } }', { y: YEAR });
    const { context, page } = await signedIn('insurer', 'zh');
    assert.equal(await page.locator('.app-nav a[href="/expiring"]').count(), 0);
    await page.goto(`${demo.baseUrl}/risk?year=${YEAR}`);
    await page.waitForSelector('[data-card="insuredEnterprises"] [data-value]');
    assert.equal(await page.locator('[data-card="insuredEnterprises"] [data-value]').textContent(), count(risk.riskIndicators.insuredEnterprises));
    assert.equal(await page.locator('[data-card="accidents"] [data-value]').textContent(), count(risk.riskIndicators.accidents));
    await shoot(page, 'risk-insurer-zh');
    await page.goto(`${demo.baseUrl}/premium-rates?year=${YEAR}`);
    await page.waitForSelector('[data-formula]');
    await waitUntil(page, 'the insurer’s flagged policies', async () => {
      const total = await page.locator('[data-panel="flagged-policies"] table').getAttribute('data-total').catch(() => null);
      return total === String(rates.premiumRates.total) || (rates.premiumRates.total === 0 && (await page.locator('[data-panel="flagged-policies"] [data-state="empty"]').count()) === 1);
    });
    await page.goto(`${demo.baseUrl}/expiring`);
    await page.waitForSelector('[data-state="forbidden"]');
    assert.equal(await page.locator('[data-state="forbidden"] a').count(), 1);
    await shoot(page, 'expiring-insurer-refused-zh');
    await context.close();
  });
});
