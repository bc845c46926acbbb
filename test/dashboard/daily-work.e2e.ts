/**
 * What the regulator's accounts reach for daily, end to end on the shanxi demo: the industry filter
 * across the region view (the trend's last point equals the filtered coverage card, the other cards
 * say they are of every industry), the exports of the lists (each file's rows equal the API's full
 * list), an enterprise's own breaches, services naming their provider, and the fee chart's limits.
 * One demo start for the file; screenshots in both languages go to test-artifacts/dashboard/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { ARTIFACTS, parseCsv, readXlsx, startDemo, type Demo } from '../support/e2e';

const USERS = {
  province: { username: 'daily-province', password: 'province-pass-1', role: 'province' },
  city: { username: 'daily-changzhi', password: 'city-pass-1', role: 'city', scope: '140400' },
} as const;
const YEAR = 2025;

let demo: Demo;

before(async () => {
  demo = await startDemo(Object.values(USERS));
});

after(async () => {
  await demo?.close();
});

async function ask<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await demo.api<T>(token, query, variables);
  assert.ok(answer.data, JSON.stringify(answer.errors));
  return answer.data;
}

async function waitUntil(page: Page, what: string, holds: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`waited 30 s for ${what}`);
    await page.waitForTimeout(100);
  }
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The CSV and the .xlsx a panel's export buttons download, as rows of cells (header first). */
async function exported(page: Page, panel: string, language: 'zh' | 'en' = 'zh'): Promise<{ csv: string[][]; xlsx: string[][] }> {
  const buttons = `[data-panel="${panel}"] .panel-actions [data-export]`;
  const click = async (label: string): Promise<Download> => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${buttons} button:has-text("${label}")`)]);
    return download;
  };
  const csvFile = await click(language === 'zh' ? '导出 CSV' : 'Export CSV');
  assert.match(csvFile.suggestedFilename(), /\.csv$/);
  const csv = parseCsv(fs.readFileSync(await csvFile.path()).toString('utf8').replace(/^\ufeff/, ''));
  const xlsxFile = await click(language === 'zh' ? '导出 Excel' : 'Export Excel');
  assert.match(xlsxFile.suggestedFilename(), /\.xlsx$/);
  return { csv, xlsx: readXlsx(fs.readFileSync(await xlsxFile.path())) };
}

/** Every page of a paged API list. */
async function everyPage<Item>(read: (page: number) => Promise<{ total: number; items: Item[] }>): Promise<Item[]> {
  const rows: Item[] = [];
  for (let page = 1; ; page += 1) {
    const { total, items } = await read(page);
    rows.push(...items);
    if (rows.length >= total || items.length === 0) return rows;
  }
}

interface ViolationRow { kind: string; day: string; enterpriseId: string | null; enterpriseName: string | null; insurers: Array<{ name: string }> }

const VIOLATIONS = `query($y: Int!, $r: ID!, $e: ID, $k: [ViolationRule!], $p: Int!) {
  violations(year: $y, region: $r, enterprise: $e, kinds: $k, page: $p, pageSize: 200) {
    total byKind { kind count } items { kind day enterpriseId enterpriseName insurers { name } }
  }
}`;

function violationsOf(token: string, variables: { r: string; e?: string; k?: string[] }): Promise<ViolationRow[]> {
  return everyPage(async (page) => (await ask<{ violations: { total: number; items: ViolationRow[] } }>(token, VIOLATIONS, { y: YEAR, ...variables, p: page })).violations);
}

/** A breach as the export and the API both name it: its day and its subject. */
const violationKey = (day: string, subject: string | null) => `${day} ${subject ?? ''}`;

describe('the daily work of the regulator', () => {
  it('the industry filter reaches every panel of the region view, or the panel says it does not', async () => {
    const token = await demo.tokenOf(USERS.province);
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await demo.signIn(page, USERS.province);
    await page.waitForURL(`${demo.baseUrl}/region/140000`);
    await page.goto(`${demo.baseUrl}/region/140000?industries=COAL_MINE`);
    await page.waitForSelector('[data-card="coverageRate"] .card-value');
    const coal = await ask<{ coverage: { rate: number | null; mandatory: number; children: Array<{ region: { name: string }; rate: number | null; insured: number; mandatory: number }> } }>(
      token, 'query { coverage(region: "140000", industries: [COAL_MINE]) { rate mandatory children { region { name } rate insured mandatory } } }',
    );
    assert.equal((await page.locator('[data-card="coverageRate"] .card-value').innerText()).trim(), percent(coal.coverage.rate));
    // The trend counts coal mines only: its last point is the card's figure.
    await page.waitForSelector('[data-panel="trend"] details table tbody tr', { state: 'attached' });
    const lastPoint = page.locator('[data-panel="trend"] details table tbody tr').last();
    await waitUntil(page, 'the trend of coal mines', async () => (await lastPoint.count()) > 0 && (await lastPoint.locator('td').nth(1).textContent()) === percent(coal.coverage.rate));
    // The yearly indicators are of every industry, and say so; the coverage cards carry no such note.
    assert.ok(await page.locator('[data-filter-note]').isVisible());
    for (const card of ['premiumReceived', 'feeRatio', 'serviceCompliance', 'deathLimit', 'firstService', 'claimsPaid']) {
      await page.waitForSelector(`[data-card="${card}"][data-all-industries="true"] [data-industry-note]`);
    }
    for (const card of ['coverageRate', 'mandatory', 'uninsured']) {
      assert.equal(await page.locator(`[data-card="${card}"] [data-industry-note]`).count(), 0, card);
    }
    // The cities' coverage of coal mines, exported, is the API's.
    await page.waitForSelector('path.map-region');
    const children = await exported(page, 'map');
    assert.deepEqual(children.csv[0], ['地区', '投保率', '已投保企业', '应投保企业', '应保未保企业']);
    assert.deepEqual(children.csv.slice(1), coal.coverage.children.map((child) => [child.region.name, percent(child.rate), String(child.insured), String(child.mandatory), String(child.mandatory - child.insured)]));
    assert.deepEqual(children.xlsx, children.csv);
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-1-region-coal.png'), fullPage: true });
    await page.click('button.language');
    await page.waitForSelector('[data-industry-note]:has-text("All industries")');
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-2-region-coal-english.png'), fullPage: true });
    await context.close();
  });

  it('the violations list exports every breach the API lists, and ticking a kind keeps the other kinds’ counts', async () => {
    const token = await demo.tokenOf(USERS.city);
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await demo.signIn(page, USERS.city);
    await page.waitForURL(`${demo.baseUrl}/region/140400`);
    await page.goto(`${demo.baseUrl}/violations?year=${YEAR}`);
    await page.waitForSelector('[data-panel="violations"] tbody tr');
    const expected = await violationsOf(token, { r: '140400' });
    assert.ok(expected.length > 0, 'the demo city should have breaches');
    assert.equal(await page.locator('[data-panel="violations"] table').getAttribute('data-total'), String(expected.length));
    const files = await exported(page, 'violations');
    assert.equal(files.csv[0][0], '规则');
    assert.equal(files.csv.length - 1, expected.length);
    const subjectOf = (row: ViolationRow) => row.enterpriseName ?? row.enterpriseId ?? row.insurers[0]?.name ?? null;
    assert.deepEqual(files.csv.slice(1).map((row) => violationKey(row[4], row[2] || null)).sort(), expected.map((row) => violationKey(row.day, subjectOf(row))).sort());
    assert.deepEqual(files.xlsx.length, files.csv.length);
    // 区县 and dates stay on one line at 1440 px.
    // The text of a cell that does not wrap lies on one line box (the row may be taller for its finding).
    const lines = await page.locator('[data-panel="violations"] tbody td.nowrap').evaluateAll((cells) => cells.map((cell) => {
      const range = (globalThis as unknown as { document: { createRange(): { selectNodeContents(node: unknown): void; getClientRects(): { length: number } } } }).document.createRange();
      range.selectNodeContents(cell);
      return range.getClientRects().length;
    }));
    assert.ok(lines.length > 0 && lines.every((count) => count === 1), `a 区县 or day cell wraps: ${lines.join(',')}`);
    // Ticking one kind narrows the list, not the counts beside the other kinds.
    const counts = await ask<{ violations: { byKind: Array<{ kind: string; count: number }> } }>(token, VIOLATIONS, { y: YEAR, r: '140400', p: 1 });
    const [ticked, other] = counts.violations.byKind.filter((entry) => entry.count > 0);
    assert.ok(ticked && other, 'the demo city should have breaches of two kinds');
    await page.check(`input[name="kinds"][value="${ticked.kind}"]`);
    await page.waitForSelector(`[data-panel="violations"] table[data-total="${ticked.count}"]`);
    const otherLabel = page.locator(`label.check:has(input[value="${other.kind}"])`);
    await waitUntil(page, `the count of ${other.kind}`, async () => ((await otherLabel.textContent()) ?? '').includes(`(${other.count.toLocaleString('en-US')})`));
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-3-violations.png'), fullPage: true });
    await page.click('button.language');
    await page.waitForSelector('h1:has-text("Rule breaches")');
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-4-violations-english.png'), fullPage: true });
    await context.close();
  });

  it('an enterprise page lists its own breaches, and each of its lists exports the API’s full list', async () => {
    const token = await demo.tokenOf(USERS.province);
    const deathLimits = await violationsOf(token, { r: '140000', k: ['DEATH_LIMIT_BELOW_FLOOR'] });
    const enterpriseId = deathLimits[0]?.enterpriseId;
    assert.ok(enterpriseId, 'the demo should have a death limit below the floor');
    const own = await violationsOf(token, { r: '140000', e: enterpriseId });
    assert.ok(own.some((row) => row.kind === 'DEATH_LIMIT_BELOW_FLOOR'));
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await demo.signIn(page, USERS.province);
    await page.waitForURL(`${demo.baseUrl}/region/140000`);
    await page.goto(`${demo.baseUrl}/enterprise/${enterpriseId}`);
    await page.selectOption('[data-panel="enterprise-violations"] select[name="year"]', String(YEAR));
    await page.waitForSelector(`[data-panel="enterprise-violations"] table[data-total="${own.length}"]`);
    assert.ok(await page.locator('[data-panel="enterprise-violations"] td.detail-cell:has-text("保单起期")').count() > 0);
    const violationFiles = await exported(page, 'enterprise-violations');
    assert.equal(violationFiles.csv.length - 1, own.length);

    const lists = await ask<{ enterprise: { name: string } }>(token, 'query($id: ID!) { enterprise(id: $id) { name } }', { id: enterpriseId });
    const services = await everyPage(async (p) => (await ask<{ enterprise: { services: { total: number; items: Array<{ serviceDate: string; providerId: string | null; providerName: string | null }> } } }>(
      token, 'query($id: ID!, $p: Int!) { enterprise(id: $id) { services(page: $p, pageSize: 200) { total items { serviceDate providerId providerName } } } }', { id: enterpriseId, p },
    )).enterprise.services);
    const policies = await everyPage(async (p) => (await ask<{ enterprise: { policies: { total: number; items: Array<{ policyNo: string }> } } }>(
      token, 'query($id: ID!, $p: Int!) { enterprise(id: $id) { policies(page: $p, pageSize: 200) { total items { policyNo } } } }', { id: enterpriseId, p },
    )).enterprise.policies);
    await page.waitForSelector(`[data-panel="policies"] table[data-total="${policies.length}"]`);
    const policyFiles = await exported(page, 'policies');
    assert.deepEqual(policyFiles.csv.slice(1).map((row) => row[0]).sort(), policies.map((row) => row.policyNo).sort());
    assert.ok(policyFiles.csv.slice(1).every((row) => row[1] === lists.enterprise.name));
    if (services.length > 0) {
      await page.waitForSelector(`[data-panel="services"] table[data-total="${services.length}"]`);
      const serviceFiles = await exported(page, 'services');
      assert.deepEqual(serviceFiles.csv.slice(1).map((row) => row[0]).sort(), services.map((row) => row.serviceDate).sort());
      // A provider shows by its name, never by its code, when the register has it.
      const named = services.filter((row) => row.providerName !== null).map((row) => row.providerName);
      assert.deepEqual(serviceFiles.csv.slice(1).map((row) => row[8]).filter((cell) => named.includes(cell)).sort(), [...named].sort());
      assert.equal(await page.locator('[data-panel="services"] td[data-provider]:text-matches("^PRV\\\\d+$")').count(), 0);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-5-enterprise.png'), fullPage: true });
    await page.click('button.language');
    await page.waitForSelector('h2:has-text("This enterprise’s breaches")');
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-6-enterprise-english.png'), fullPage: true });
    await context.close();
  });

  it('the fee chart of 2024 draws no cap, and the insurer page’s services name their providers', async () => {
    const token = await demo.tokenOf(USERS.province);
    const fees = await ask<{ feeRatios: Array<{ insurer: { id: string; name: string }; ratio: number | null; capRule: { value: string } | null; floorRule: { value: string } | null }> }>(
      token, 'query { feeRatios(year: 2024) { insurer { id name } ratio capRule { value } floorRule { value } } }',
    );
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await demo.signIn(page, USERS.province);
    await page.waitForURL(`${demo.baseUrl}/region/140000`);
    await page.goto(`${demo.baseUrl}/insurers?year=2024`);
    await page.waitForSelector('[data-panel="fee-chart"] .chart-key li');
    assert.equal(fees.feeRatios.some((row) => row.capRule !== null), false, 'no cap was in force in 2024');
    assert.equal(await page.locator('[data-panel="fee-chart"] [data-limit="cap"]').count(), 0);
    assert.ok(await page.locator('[data-panel="fee-chart"] [data-limit="no-cap"]').isVisible());
    assert.equal(await page.locator('[data-panel="fee-chart"] [data-limit="floor"]').innerText(), `下限 ${Number(fees.feeRatios[0].floorRule!.value)}%`);
    assert.equal(await page.locator('[data-panel="fee-chart"]').locator('text=21%').count(), 0);
    // The bars stand highest ratio first.
    await page.waitForSelector('[data-panel="fee-chart"] .recharts-bar-rectangle');
    // The category axis's ticks are the insurers' names; the value axis's end with %.
    const ticks = await page.locator('[data-panel="fee-chart"] svg text').evaluateAll((texts) => texts.map((text) => text.textContent ?? ''));
    const names = ticks.filter((text) => fees.feeRatios.some((row) => row.insurer.name === text.trim()));
    const sorted = [...fees.feeRatios].sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1) || a.insurer.name.localeCompare(b.insurer.name)).map((row) => row.insurer.name);
    assert.deepEqual(names.map((name) => name.trim()), sorted);
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-7-insurers-2024.png'), fullPage: true });
    await page.click('button.language');
    await page.waitForSelector('[data-limit="no-cap"]:has-text("No cap")');
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-8-insurers-2024-english.png'), fullPage: true });

    const insurer = fees.feeRatios[0].insurer;
    await page.goto(`${demo.baseUrl}/insurer/${encodeURIComponent(insurer.id)}?year=${YEAR}`);
    await page.waitForSelector('[data-panel="services"] table');
    await page.waitForSelector('[data-panel="filing"] tbody tr');
    assert.equal(await page.locator('[data-panel="services"] td[data-provider]:text-matches("^PRV\\\\d+$")').count(), 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-9-insurer-english.png'), fullPage: true });
    await page.click('button.language');
    await page.waitForSelector('[data-panel="filing"] h2:has-text("资料报送")');
    await page.screenshot({ path: path.join(ARTIFACTS, 'daily-10-insurer.png'), fullPage: true });
    await context.close();
  });
});
