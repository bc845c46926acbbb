/**
 * The dashboard end to end, in Debian's headless Chromium, against the real server on the shanxi demo
 * data: demo data generated into a private DATA_DIR, loaded by the ETL, users added, the API and the
 * built dashboard served by `cli/start.js` (npm run serve) in its own process (libchdb allows one data directory
 * per process). Every figure checked on screen is compared with the API's answer for the same region.
 *
 * Run with `npm run test:e2e` (builds the server and the dashboard first). Screenshots go to
 * test-artifacts/dashboard/. Timings are printed, never asserted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, parseCsv, readXlsx, startDemo, timed, type Demo, type GraphqlAnswer } from '../support/e2e';

/** The demo data's policies start in 2022–2025; a day inside them gives a map with every class of colour. */
const AS_OF = '2025-06-30';
const YEAR = 2025;
const FILTERS = `asOf=${AS_OF}&year=${YEAR}`;
const USERS = {
  province: { username: 'e2e-province', password: 'province-pass-1', role: 'province' },
  city: { username: 'e2e-changzhi', password: 'city-pass-1', role: 'city', scope: '140400' },
  insurer: { username: 'e2e-picc', password: 'insurer-pass-1', role: 'insurer', scope: 'picc' },
} as const;

let demo: Demo;
let baseUrl: string;
let browser: Browser;

function api<T>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> {
  return demo.api<T>(token, query, variables);
}

function tokenOf(user: { username: string; password: string }): Promise<string> {
  return demo.tokenOf(user);
}

function signIn(page: Page, user: { username: string; password: string }): Promise<void> {
  return demo.signIn(page, user);
}

interface Coverage {
  region: { code: string; name: string };
  mandatory: number;
  insured: number;
  rate: number | null;
  children: Array<{ region: { code: string; name: string }; mandatory: number; insured: number; rate: number | null }>;
}

async function coverageOf(token: string, region: string): Promise<Coverage> {
  const result = await api<{ coverage: Coverage }>(
    token,
    'query($r: ID!, $d: Date) { coverage(region: $r, asOf: $d) { region { code name } mandatory insured rate children { region { code name } mandatory insured rate } } }',
    { r: region, d: AS_OF },
  );
  assert.ok(result.data, JSON.stringify(result.errors));
  return result.data.coverage;
}

interface UninsuredRow { uscc: string; name: string; lastPolicyEnd: string | null; history: string }

async function uninsuredOf(token: string, region: string): Promise<UninsuredRow[]> {
  const rows: UninsuredRow[] = [];
  for (let page = 1; ; page += 1) {
    const result = await api<{ uninsured: { total: number; items: UninsuredRow[] } }>(
      token,
      'query($r: ID!, $d: Date, $p: Int!) { uninsured(region: $r, asOf: $d, page: $p, pageSize: 200) { total items { uscc name lastPolicyEnd history } } }',
      { r: region, d: AS_OF, p: page },
    );
    assert.ok(result.data, JSON.stringify(result.errors));
    rows.push(...result.data.uninsured.items);
    if (rows.length >= result.data.uninsured.total || result.data.uninsured.items.length === 0) return rows;
  }
}

/** The dashboard's percentage: one decimal, a dash when undefined. */
function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

async function cardValue(page: Page, card: string): Promise<string> {
  return (await page.locator(`[data-card="${card}"] .card-value`).innerText()).trim();
}

/**
 * Waits until `holds` is true. Polled through locators, not `page.waitForFunction('…')`: a string
 * predicate is evaluated in the page, which the server's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
async function waitUntil(page: Page, what: string, holds: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`waited 30 s for ${what}`);
    await page.waitForTimeout(100);
  }
}

async function countIs(page: Page, selector: string, expected: number): Promise<void> {
  await waitUntil(page, `${expected} × ${selector}`, async () => (await page.locator(selector).count()) === expected);
}

/** The region view is fully rendered when the map, the cards and the uninsured table are all there. */
async function regionRendered(page: Page, code: string, mapRegions: number | null): Promise<void> {
  await page.waitForSelector(`main.region-view[data-region="${code}"] .region-title`);
  if (mapRegions !== null) {
    await countIs(page, 'path.map-region', mapRegions);
    await page.waitForSelector('.gap-chart .recharts-bar-rectangle');
  }
  await page.waitForSelector('[data-panel="uninsured"] table, [data-panel="uninsured"] [data-state="empty"]');
  await countIs(page, '.card[data-state="loading"]', 0);
}

/** 山西省 › 城市 › 区县, the separators being drawn by CSS. */
async function breadcrumbNames(page: Page): Promise<string[]> {
  return (await page.locator('.breadcrumb li').allInnerTexts()).map((name) => name.trim());
}

async function checkFigures(page: Page, coverage: Coverage): Promise<void> {
  assert.equal(await cardValue(page, 'coverageRate'), percent(coverage.rate));
  assert.equal(await cardValue(page, 'mandatory'), count(coverage.mandatory));
  assert.equal(await cardValue(page, 'uninsured'), count(coverage.mandatory - coverage.insured));
  for (const child of coverage.children) {
    const path = page.locator(`path.map-region[data-code="${child.region.code}"]`);
    assert.equal(await path.getAttribute('data-rate'), child.rate === null ? '' : String(child.rate), `map rate of ${child.region.name}`);
    assert.match((await path.getAttribute('aria-label')) ?? '', new RegExp(`${child.region.name} .*${percent(child.rate).replace('.', '\\.')}`));
  }
  if (coverage.children.length > 0) {
    const ranked = [...coverage.children]
      .sort((a, b) => b.mandatory - b.insured - (a.mandatory - a.insured) || a.region.code.localeCompare(b.region.code))
      .map((child) => child.region.code);
    assert.equal(await page.locator('.gap-chart').getAttribute('data-codes'), ranked.join(','));
  }
}

interface TrendPointFigures { period: string; current: { coverageRate: number | null }; previousYear: { coverageRate: number | null } }

/**
 * The trend shows the twelve months up to the as-of day beside the year before, equal to the API's
 * series; the death-limit, first-service and claims cards equal the API's and cite their rules.
 */
async function checkTrendAndVerdicts(page: Page, token: string, region: string): Promise<void> {
  await countIs(page, '.trend-chart path.recharts-line-curve', 2);
  const chart = page.locator('.trend-chart');
  assert.equal(await chart.getAttribute('data-from'), '2024-07');
  assert.equal(await chart.getAttribute('data-to'), AS_OF.slice(0, 7));
  const trends = await api<{ trends: { points: TrendPointFigures[] } }>(
    token,
    'query($r: ID!) { trends(region: $r, from: "2024-07", to: "2025-06") { points { period current { coverageRate } previousYear { coverageRate } } } }',
    { r: region },
  );
  assert.ok(trends.data, JSON.stringify(trends.errors));
  assert.equal(trends.data.trends.points.length, 12);
  assert.equal(await chart.getAttribute('data-points'), '12');
  for (const point of trends.data.trends.points) {
    const cells = await page.locator(`[data-panel="trend"] tr[data-period="${point.period}"] td`).allTextContents();
    assert.deepEqual(cells, [point.period, percent(point.current.coverageRate), percent(point.previousYear.coverageRate)], `trend of ${point.period}`);
  }
  const verdicts = await api<{
    deathLimitCompliance: { rate: number | null; rules: Array<{ id: string }> };
    firstService: { rate: number | null; rules: Array<{ id: string }> };
    claims: { claimsPaid: string };
  }>(
    token,
    `query($r: ID!, $y: Int!, $d: Date) {
      deathLimitCompliance(region: $r, year: $y) { rate rules { id } }
      firstService(region: $r, year: $y, asOf: $d) { rate rules { id } }
      claims(region: $r, year: $y) { claimsPaid }
    }`,
    { r: region, y: YEAR, d: AS_OF },
  );
  assert.ok(verdicts.data, JSON.stringify(verdicts.errors));
  const { deathLimitCompliance, firstService, claims } = verdicts.data;
  assert.equal(await cardValue(page, 'deathLimit'), percent(deathLimitCompliance.rate));
  assert.equal(await page.locator('[data-card="deathLimit"] .card-source').getAttribute('data-rules'), deathLimitCompliance.rules.map((rule) => rule.id).join(','));
  assert.match(await page.locator('[data-card="deathLimit"] .card-source').innerText(), /晋应急发〔2024〕114号/);
  assert.equal(await cardValue(page, 'firstService'), percent(firstService.rate));
  assert.equal(await page.locator('[data-card="firstService"] .card-source').getAttribute('data-rules'), firstService.rules.map((rule) => rule.id).join(','));
  const wan = (Number(claims.claimsPaid) / 1e4).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.equal(await cardValue(page, 'claimsPaid'), `${wan} 万元`);
}

/** Every insurer's loss ratio, service, first-service and death-limit rates and filing equal the API's. */
async function checkInsurerColumns(page: Page, token: string): Promise<void> {
  type Rated = { insurer: { id: string }; rate: number | null };
  const scores = await api<{
    serviceCompliance: { byInsurer: Rated[] };
    firstService: { byInsurer: Rated[] };
    deathLimitCompliance: { byInsurer: Rated[] };
    claims: { byInsurer: Array<{ insurer: { id: string }; lossRatio: number | null }> };
  }>(
    token,
    `query($y: Int!) {
      serviceCompliance(year: $y) { byInsurer { insurer { id } rate } }
      firstService(year: $y) { byInsurer { insurer { id } rate } }
      deathLimitCompliance(year: $y) { byInsurer { insurer { id } rate } }
      claims(year: $y) { byInsurer { insurer { id } lossRatio } }
    }`,
    { y: YEAR },
  );
  assert.ok(scores.data, JSON.stringify(scores.errors));
  const { serviceCompliance, firstService, deathLimitCompliance, claims } = scores.data;
  assert.ok(deathLimitCompliance.byInsurer.length > 5, 'the demo data should have insurers with judged policies');
  await page.waitForSelector('.scatter-chart .recharts-scatter-symbol');
  const cell = (id: string, column: string) => page.locator(`tr[data-insurer="${id}"] td[data-col="${column}"]`).innerText();
  for (const row of serviceCompliance.byInsurer) assert.equal(await cell(row.insurer.id, 'serviceCompliance'), percent(row.rate), `service of ${row.insurer.id}`);
  for (const row of firstService.byInsurer) assert.equal(await cell(row.insurer.id, 'firstService'), percent(row.rate), `first service of ${row.insurer.id}`);
  for (const row of deathLimitCompliance.byInsurer) assert.equal(await cell(row.insurer.id, 'deathLimit'), percent(row.rate), `death limit of ${row.insurer.id}`);
  for (const row of claims.byInsurer) assert.equal(await cell(row.insurer.id, 'lossRatio'), percent(row.lossRatio), `loss ratio of ${row.insurer.id}`);
  const placed = claims.byInsurer.filter((row) => row.lossRatio !== null).length;
  assert.equal(await page.locator('.scatter-chart').getAttribute('data-points'), String(placed));
  // The filing column follows the year of the table.
  const filing = await api<{ insurer: { yearFiling: { status: string } } }>(token, 'query($y: Int!) { insurer(id: "picc") { yearFiling(year: $y) { status } } }', { y: YEAR });
  await page.waitForSelector('tr[data-insurer="picc"] [data-year-filing]');
  assert.equal(await page.locator('tr[data-insurer="picc"] [data-year-filing]').getAttribute('data-year-filing'), filing.data!.insurer.yearFiling.status);
}

/**
 * One number everywhere: the trend's last month ends on the card's day, so its rate is the card's.
 * Checked on the view an account lands on, whose day is today.
 */
async function checkTrendEndsOnCard(page: Page): Promise<void> {
  // The table sits in a closed <details>: attached, not visible.
  await page.waitForSelector('[data-panel="trend"] tbody tr', { state: 'attached' });
  const last = page.locator('[data-panel="trend"] tbody tr').last();
  const cells = await last.locator('td').allTextContents();
  assert.equal(cells[1], await cardValue(page, 'coverageRate'), `the trend's last point ${cells[0]} against the card`);
  const detail = await page.locator('[data-card="coverageRate"] .card-detail').innerText();
  const day = /\d{4}-\d{2}-\d{2}/.exec(detail)![0];
  assert.ok(cells[0].startsWith(day.slice(0, 7)), `the last point ${cells[0]} is the month of ${day}`);
  const monthEnd = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);
  if (day !== monthEnd) assert.ok(cells[0].includes(day), `the last point ${cells[0]} says it ends on ${day}`);
}

before(async () => {
  demo = await startDemo(Object.values(USERS));
  baseUrl = demo.baseUrl;
  browser = demo.browser;
});

after(async () => {
  await demo?.close();
});

describe('dashboard in Chromium', () => {
  it('a province user drills province → city → county by map and bars, with the API’s numbers, exports and switches to English', async () => {
    const token = await tokenOf(USERS.province);
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, locale: 'zh-CN' });
    // The server's Content-Security-Policy must let the built dashboard do all of this: map, charts, exports.
    const policyViolations: string[] = [];
    await context.exposeFunction('reportPolicyViolation', (violation: string) => policyViolations.push(violation));
    await context.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (event) => window.reportPolicyViolation(`${event.violatedDirective} ${event.blockedURI}`));",
    });
    const page = await context.newPage();
    await signIn(page, USERS.province);
    await page.waitForURL(`${baseUrl}/region/140000`);
    await regionRendered(page, '140000', 11);
    await checkTrendEndsOnCard(page);

    let started = performance.now();
    await page.goto(`${baseUrl}/region/140000?${FILTERS}`);
    await regionRendered(page, '140000', 11);
    timed('navigation to province view rendered', started);
    const province = await coverageOf(token, '140000');
    await checkFigures(page, province);
    assert.deepEqual(await breadcrumbNames(page), ['山西省']);
    await checkTrendAndVerdicts(page, token, '140000');
    await page.screenshot({ path: path.join(ARTIFACTS, '1-province.png'), fullPage: true });

    // Drill into a city by clicking its outline on the map.
    const city = province.children.find((child) => child.region.code === '140400')!;
    started = performance.now();
    await page.click('path.map-region[data-code="140400"]');
    await page.waitForURL(`${baseUrl}/region/140400?${FILTERS}`);
    const cityCoverage = await coverageOf(token, '140400');
    await regionRendered(page, '140400', 12);
    timed('map click to city view rendered', started);
    await checkFigures(page, cityCoverage);
    assert.equal(cityCoverage.mandatory, city.mandatory);
    assert.deepEqual(await breadcrumbNames(page), ['山西省', '长治市']);
    await page.screenshot({ path: path.join(ARTIFACTS, '2-city.png'), fullPage: true });

    // Drill into the county with the largest gap by clicking the first bar.
    const [widest] = [...cityCoverage.children].sort((a, b) => b.mandatory - b.insured - (a.mandatory - a.insured) || a.region.code.localeCompare(b.region.code));
    started = performance.now();
    await page.locator('.gap-chart .recharts-bar-rectangle').first().click();
    await page.waitForURL(`${baseUrl}/region/${widest.region.code}?${FILTERS}`);
    await regionRendered(page, widest.region.code, null);
    timed('bar click to county view rendered', started);
    const county = await coverageOf(token, widest.region.code);
    await checkFigures(page, county);
    assert.deepEqual(await breadcrumbNames(page), ['山西省', '长治市', widest.region.name]);
    await page.screenshot({ path: path.join(ARTIFACTS, '3-county.png'), fullPage: true });

    // Export the county's uninsured list and compare the files' rows with the API's list.
    const expected = await uninsuredOf(token, widest.region.code);
    assert.ok(expected.length > 0, 'the demo county should have uninsured enterprises to export');
    assert.equal(await page.locator('[data-panel="uninsured"] table').getAttribute('data-total'), String(expected.length));
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-panel="uninsured"] button:has-text("导出 CSV")')]);
    const csv = parseCsv(fs.readFileSync(await csvDownload.path()).toString('utf8').replace(/^\ufeff/, ''));
    assert.deepEqual(csv[0], ['企业', '统一社会信用代码', '行业', '区县', '类型', '最近保单止期']);
    assert.deepEqual(csv.slice(1).map((row) => row[1]).sort(), expected.map((row) => row.uscc).sort());
    for (const row of csv.slice(1)) {
      const match = expected.find((candidate) => candidate.uscc === row[1])!;
      assert.equal(row[0], match.name);
      assert.equal(row[5], match.lastPolicyEnd ?? '');
      assert.equal(row[4], match.history === 'LAPSED' ? '脱保' : '从未投保');
    }
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-panel="uninsured"] button:has-text("导出 Excel")')]);
    assert.match(xlsxDownload.suggestedFilename(), /\.xlsx$/);
    const sheet = readXlsx(fs.readFileSync(await xlsxDownload.path()));
    assert.deepEqual(sheet[0], csv[0]);
    assert.deepEqual(sheet.slice(1).map((row) => row[1]).sort(), expected.map((row) => row.uscc).sort());

    // The list sorts on the server: by last policy end, descending, the first row has the latest date.
    await page.click('th button:has-text("最近保单止期")');
    await page.click('th button:has-text("最近保单止期")');
    await page.waitForSelector('th[aria-sort="descending"]');
    const latest = expected.map((row) => row.lastPolicyEnd ?? '').sort().reverse()[0];
    const latestCell = page.locator('[data-panel="uninsured"] tbody tr td:last-child').first();
    await waitUntil(page, `the latest policy end ${latest} first`, async () => (await latestCell.count()) > 0 && (await latestCell.textContent()) === (latest || '—'));
    // The order is in the URL: a reload shows the same rows.
    assert.match(page.url(), /sort=LAST_POLICY_END&direction=DESC/);
    await page.reload();
    await page.waitForSelector('[data-panel="uninsured"] th[aria-sort="descending"]');
    await waitUntil(page, `the latest policy end ${latest} first after a reload`, async () => (await latestCell.count()) > 0 && (await latestCell.textContent()) === (latest || '—'));

    // Back up by the breadcrumb, then English.
    await page.click('.breadcrumb a:has-text("长治市")');
    await regionRendered(page, '140400', 12);
    await page.click('button.language');
    await page.waitForSelector('[data-card="coverageRate"] .card-label:has-text("Coverage rate")');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await cardValue(page, 'coverageRate'), percent(cityCoverage.rate));
    assert.ok(await page.locator('h2:has-text("Mandatory enterprises without insurance")').isVisible());
    await page.screenshot({ path: path.join(ARTIFACTS, '4-city-english.png'), fullPage: true });

    await page.goto(`${baseUrl}/insurers?year=${YEAR}`);
    await page.waitForSelector('[data-panel="insurer-table"] tbody tr');
    await page.waitForSelector('.fee-chart .recharts-reference-line line', { state: 'attached' });
    const fees = await api<{ feeRatios: Array<{ insurer: { id: string }; ratio: number | null }> }>(token, 'query($y: Int!) { feeRatios(year: $y) { insurer { id } ratio } }', { y: YEAR });
    for (const row of fees.data!.feeRatios) {
      assert.equal(await page.locator(`tr[data-insurer="${row.insurer.id}"] td:nth-child(4)`).innerText(), percent(row.ratio));
    }
    await checkInsurerColumns(page, token);
    await page.screenshot({ path: path.join(ARTIFACTS, '5-insurers-english.png'), fullPage: true });
    assert.deepEqual(policyViolations, []);
    await context.close();
  });

  it('a province user follows a violation to its enterprise and policy, then to the insurer', async () => {
    const token = await tokenOf(USERS.province);
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, USERS.province);
    await page.waitForURL(`${baseUrl}/region/140000`);

    const query = `query($y: Int!, $r: ID!, $k: [ViolationRule!]) {
      violations(year: $y, region: $r, kinds: $k, pageSize: 1) { total byKind { kind count } items { enterpriseId policyId } }
    }`;
    const all = await api<{ violations: { total: number; byKind: Array<{ kind: string; count: number }> } }>(token, query, { y: YEAR, r: '140000' });
    assert.ok(all.data, JSON.stringify(all.errors));
    const started = performance.now();
    await page.goto(`${baseUrl}/violations?year=${YEAR}`);
    await page.waitForSelector('[data-panel="violations"] tbody tr');
    timed('navigation to violations view rendered', started);
    assert.equal(await page.locator('[data-panel="violations"] table').getAttribute('data-total'), String(all.data.violations.total));
    await page.screenshot({ path: path.join(ARTIFACTS, '9-violations.png'), fullPage: true });

    // Filter by rule and region through the form: the URL carries them, and the list equals the API's.
    await page.check('input[name="kinds"][value="DEATH_LIMIT_BELOW_FLOOR"]');
    await page.waitForURL(`${baseUrl}/violations?year=${YEAR}&kinds=DEATH_LIMIT_BELOW_FLOOR`);
    await page.selectOption('select[name="region"]', '140400');
    await page.waitForURL(`${baseUrl}/violations?year=${YEAR}&region=140400&kinds=DEATH_LIMIT_BELOW_FLOOR`);
    const filtered = await api<{ violations: { total: number; items: Array<{ enterpriseId: string; policyId: string }> } }>(token, query, { y: YEAR, r: '140400', k: ['DEATH_LIMIT_BELOW_FLOOR'] });
    assert.ok(filtered.data && filtered.data.violations.total > 0, 'the demo city should have death limits below the floor');
    await page.waitForSelector(`[data-panel="violations"] table[data-total="${filtered.data.violations.total}"]`);
    assert.equal(await page.locator('[data-panel="violations"] tbody tr[data-kind="DEATH_LIMIT_BELOW_FLOOR"]').count(), await page.locator('[data-panel="violations"] tbody tr').count());

    // The first row leads to its enterprise, at the policy that breached.
    const [first] = filtered.data.violations.items;
    await page.click('[data-panel="violations"] tbody tr:first-child a[data-subject="enterprise"]');
    await page.waitForURL(`${baseUrl}/enterprise/${first.enterpriseId}?policy=${first.policyId}`);
    await page.waitForSelector('[data-panel="policies"] table');
    const enterprise = await api<{ enterprise: { name: string; policies: { total: number }; services: { total: number }; claims: { total: number } } }>(
      token,
      'query($id: ID!) { enterprise(id: $id) { name policies { total } services { total } claims { total } } }',
      { id: first.enterpriseId },
    );
    assert.ok(enterprise.data, JSON.stringify(enterprise.errors));
    assert.equal(await page.locator('main.enterprise-view h1').innerText(), enterprise.data.enterprise.name);
    assert.equal(await page.locator('[data-panel="policies"] table').getAttribute('data-total'), String(enterprise.data.enterprise.policies.total));
    assert.equal(await page.locator('[data-panel="policies"] .panel-count').innerText(), count(enterprise.data.enterprise.policies.total));
    await page.waitForSelector(`[data-panel="policies"] tr.highlight[data-policy="${first.policyId}"]`);
    await page.waitForSelector('[data-panel="services"] table, [data-panel="services"] [data-state="empty"]');
    await page.waitForSelector('[data-panel="claims"] table, [data-panel="claims"] [data-state="empty"]');
    assert.equal(await page.locator('[data-panel="services"] .panel-count').innerText(), count(enterprise.data.enterprise.services.total));
    await page.screenshot({ path: path.join(ARTIFACTS, '10-enterprise.png'), fullPage: true });

    // From the policy's share to the insurer's page: scorecard, filing and its own lists.
    const share = page.locator(`[data-panel="policies"] tr[data-policy="${first.policyId}"] .shares a`).first();
    const insurerId = decodeURIComponent(new URL(`${baseUrl}${await share.getAttribute('href')}`).pathname.split('/')[2]);
    await share.click();
    await page.waitForURL(new RegExp(`/insurer/${insurerId}$`));
    await page.waitForSelector('[data-card="deathLimit"]');
    await page.waitForSelector('[data-panel="filing"] tbody tr');
    // The lists follow the page's year, as its cards do.
    const shownYear = Number(await page.locator('select[name="year"]').inputValue());
    const insurer = await api<{ insurer: { filings: Array<{ status: string }>; policies: { total: number } } }>(
      token, 'query($id: ID!, $y: Int) { insurer(id: $id) { filings { status } policies(year: $y) { total } } }', { id: insurerId, y: shownYear },
    );
    assert.deepEqual(await page.locator('[data-panel="filing"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-filing'))), insurer.data!.insurer.filings.map((f) => f.status));
    await page.waitForSelector(`[data-panel="policies"] .panel-count[data-total="${insurer.data!.insurer.policies.total}"]`);
    await page.screenshot({ path: path.join(ARTIFACTS, '11-insurer-page.png'), fullPage: true });
    await page.selectOption('select[name="year"]', String(YEAR));
    await page.waitForURL(new RegExp(`/insurer/${insurerId}\\?year=${YEAR}$`));
    const ofYear = await api<{ insurer: { policies: { total: number }; services: { total: number } } }>(
      token, 'query($id: ID!, $y: Int) { insurer(id: $id) { policies(year: $y) { total } services(year: $y) { total } } }', { id: insurerId, y: YEAR },
    );
    await page.waitForSelector(`[data-panel="policies"] .panel-count[data-total="${ofYear.data!.insurer.policies.total}"]`);
    await page.waitForSelector(`[data-panel="services"] .panel-count[data-total="${ofYear.data!.insurer.services.total}"]`);

    // The uninsured list names link to the enterprise page as well.
    await page.goto(`${baseUrl}/region/140403?${FILTERS}`);
    await regionRendered(page, '140403', null);
    const uninsuredLink = page.locator('[data-panel="uninsured"] tbody tr:first-child a');
    const href = (await uninsuredLink.getAttribute('href'))!;
    await uninsuredLink.click();
    await page.waitForURL(`${baseUrl}${href}`);
    await page.waitForSelector('main.enterprise-view h1');
    await context.close();
  });

  it('a city user stays in its city, by click and by URL', async () => {
    const token = await tokenOf(USERS.city);
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, USERS.city);
    await page.waitForURL(`${baseUrl}/region/140400`);
    await regionRendered(page, '140400', 12);
    await checkTrendEndsOnCard(page);
    // The province is shown in the breadcrumb but is not a link, and no other city is on screen.
    assert.equal(await page.locator('.breadcrumb a').count(), 0);
    assert.equal(await page.locator('path.map-region[data-code="140100"]').count(), 0);
    // The insurers comparison is in the navigation, narrowed to the city (views.e2e.ts checks its figures).
    assert.equal(await page.locator('.app-nav a[href="/insurers"]').count(), 1);
    await page.screenshot({ path: path.join(ARTIFACTS, '6-city-user.png'), fullPage: true });

    await page.goto(`${baseUrl}/region/140000?${FILTERS}`);
    await page.waitForURL(`${baseUrl}/region/140400`);
    for (const foreign of ['140100', '140105']) {
      await page.goto(`${baseUrl}/region/${foreign}?${FILTERS}`);
      await page.waitForSelector('[data-state="forbidden"]');
      assert.equal(await page.locator('.card').count(), 0);
      const refused = await api(token, 'query($r: ID!) { coverage(region: $r) { mandatory } }', { r: foreign });
      assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    }
    await page.screenshot({ path: path.join(ARTIFACTS, '7-city-user-refused.png'), fullPage: true });
    // The insurers comparison opens, saying that it shows the insurers' business in the city.
    await page.goto(`${baseUrl}/insurers?year=${YEAR}`);
    await page.waitForSelector('[data-insurers-scope]');

    // Violations: only its own city and counties are offered; a foreign region in the URL is not sent.
    await page.goto(`${baseUrl}/violations?year=${YEAR}&region=140100`);
    await page.waitForSelector('[data-panel="violations"] table');
    const offered = await page.locator('select[name="region"] option').evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''));
    assert.ok(offered.length > 1 && offered.every((code) => code.startsWith('1404')), `offered ${offered.join(',')}`);
    assert.equal(await page.locator('select[name="region"]').inputValue(), '140400');
    const own = await api<{ violations: { total: number } }>(token, 'query($y: Int!) { violations(year: $y) { total } }', { y: YEAR });
    assert.equal(await page.locator('[data-panel="violations"] table').getAttribute('data-total'), String(own.data!.violations.total));
    const listedEnterprise = await page.locator('[data-panel="violations"] a[data-subject="enterprise"]').first().getAttribute('href');
    const opened = await api<{ enterprise: { city: { code: string } } }>(token, 'query($id: ID!) { enterprise(id: $id) { city { code } } }', { id: listedEnterprise!.split('/')[2].split('?')[0] });
    assert.equal(opened.data!.enterprise.city.code, '140400');
    await page.screenshot({ path: path.join(ARTIFACTS, '12-city-violations.png'), fullPage: true });

    // An insurer's page shows its business in the city: every figure and list says so, in both languages.
    await page.goto(`${baseUrl}/insurer/picc?year=${YEAR}`);
    await page.waitForSelector('[data-scope-note]');
    assert.match(await page.locator('[data-scope-note]').innerText(), /长治市/);
    await page.waitForSelector('[data-card="feeRatio"][data-scope="长治市"]');
    assert.match(await page.locator('[data-panel="policies"] h2').innerText(), new RegExp(`${YEAR} 年 · 长治市`));
    await page.screenshot({ path: path.join(ARTIFACTS, '13-city-insurer.png'), fullPage: true });
    await page.click('button.language');
    await page.waitForSelector('[data-scope-note]:has-text("in 长治市 only")');
    await page.screenshot({ path: path.join(ARTIFACTS, '14-city-insurer-english.png'), fullPage: true });
    await page.click('button.language');
    await context.close();
  });

  it('an insurer user lands on its own scorecard', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, USERS.insurer);
    await page.waitForURL(`${baseUrl}/insurer/picc`);
    await page.goto(`${baseUrl}/insurer/picc?year=${YEAR}`);
    await page.waitForSelector('[data-card="feeRatio"]');
    await page.waitForSelector('[data-card="deathLimit"]');
    await page.waitForSelector('[data-panel="filing"] tbody tr');
    await page.waitForSelector('[data-panel="policies"] table');
    await page.screenshot({ path: path.join(ARTIFACTS, '8-insurer-scorecard.png'), fullPage: true });
    // Its violations are its own: no insurer filter is offered, and the count is the server's for it.
    await page.goto(`${baseUrl}/violations?year=${YEAR}`);
    await page.waitForSelector('[data-panel="violations"] table');
    assert.equal(await page.locator('select[name="insurer"]').count(), 0);
    const token = await tokenOf(USERS.insurer);
    const own = await api<{ violations: { total: number } }>(token, 'query($y: Int!) { violations(year: $y) { total } }', { y: YEAR });
    assert.equal(await page.locator('[data-panel="violations"] table').getAttribute('data-total'), String(own.data!.violations.total));
    await page.goto(`${baseUrl}/region/140000`);
    await page.waitForSelector('[data-state="forbidden"]');
    await context.close();
  });
});
