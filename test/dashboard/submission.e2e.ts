/**
 * 数据报送 in the browser, against the demo server (`cli/start.js` on the shanxi demo): an insurer
 * opens the page from the navigation, uploads its policies and shares with a mistake, sees the
 * rejected rows with line, column, rule and message (in Chinese, then English), downloads them,
 * corrects the file and sends it again as Excel, asks for the dashboard to be updated, and finds the
 * new policy's premium in its scorecard. Screenshots in test-artifacts/dashboard/submission-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ARTIFACTS, parseCsv, startDemo, timed, type Demo } from '../support/e2e';

// The package's types are those of its ES module; its CommonJS build has the same exports.
const writeXlsxFile = (require('write-excel-file/node') as typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } })).default;

const INSURER = { username: 'e2e-submit-picc', password: 'insurer-pass-2', role: 'insurer', scope: 'picc' } as const;
const YEAR = 2026;
const POLICY_HEADER = 'id,policy_no,enterprise_id,start_date,end_date,premium,premium_received,death_limit_per_person,insured_persons,cancelled';

let demo: Demo;
let page: Page;

before(async () => {
  const started = performance.now();
  demo = await startDemo([INSURER]);
  timed('demo start for the submission test', started);
  page = await demo.browser.newPage({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
});

after(async () => {
  await demo?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `submission-${name}.png`), fullPage: true });

async function premiumCard(): Promise<string> {
  await page.goto(`${demo.baseUrl}/insurer/picc?year=${YEAR}`);
  const card = page.locator('[data-card="premiumReceived"]:not(:has-text("加载中"))');
  await card.waitFor();
  return card.innerText();
}

it('an insurer uploads, sees its rejects, corrects and re-sends them, updates the dashboard and sees the new figure', async () => {
  const token = await demo.tokenOf(INSURER);
  const insured = await demo.api<{ insurer: { policies: { items: Array<{ enterpriseId: string }> } } }>(
    token, 'query { insurer(id: "picc") { policies(pageSize: 1) { items { enterpriseId } } } }',
  );
  const enterpriseId = insured.data!.insurer.policies.items[0].enterpriseId;

  await demo.signIn(page, INSURER);
  await page.waitForURL(`${demo.baseUrl}/insurer/picc`);
  const before = await premiumCard();
  await shot('1-scorecard-before');

  await page.click('nav.app-nav a:has-text("数据报送")');
  await page.waitForURL(`${demo.baseUrl}/submissions`);
  await page.waitForSelector('[data-table="templates"] a[href="/api/templates/policies.xlsx"]');
  assert.equal(await page.locator('[data-table="templates"] tbody tr').count(), 7, 'an insurer is offered its seven files');
  assert.equal(await page.locator('[data-table="templates"] a[href="/api/templates/enterprises.csv"]').count(), 0);

  // 30 June written as the 31st: the policy is rejected, and with it its share.
  const policyRow = (day: string) => `PE2E0001,PICC-E2E-0001,${enterpriseId},${YEAR}-${day},${YEAR + 1}-06-29,123456.78,123456.78,500000,40,false`;
  await page.setInputFiles('input[type="file"]', [
    { name: 'policies.csv', mimeType: 'text/csv', buffer: Buffer.from(`${POLICY_HEADER}\n${policyRow('06-31')}\n`) },
    { name: 'policy_shares.csv', mimeType: 'text/csv', buffer: Buffer.from('policy_id,insurer_id,share_percent\nPE2E0001,picc,100\n') },
  ]);
  await page.click('button:has-text("上传")');
  await page.waitForSelector('.upload-result[data-status="partly_stored"]');
  assert.equal(await page.locator('[data-table="files"] tr[data-file="policies.csv"] td').allInnerTexts().then((cells) => cells.join('|')), 'policies.csv|1|0|1');
  const rules = await page.locator('[data-table="rejects"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-rule')));
  assert.deepEqual(rules, ['date_invalid', 'dangling_reference']);
  const firstReject = await page.locator('[data-table="rejects"] tbody tr').first().locator('td').allInnerTexts();
  assert.deepEqual(firstReject.slice(0, 4), ['policies.csv', '2', 'start_date（保险起期）', 'date_invalid']);
  assert.match(firstReject[4], /日历上没有这一天（值：2026-06-31）/);
  await shot('2-rejects-zh');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-rejects"]')]);
  const rejects = parseCsv(fs.readFileSync(await download.path()).toString('utf8').replace(/^\ufeff/, ''));
  assert.deepEqual(rejects[0], ['file', 'line', 'column', 'rule', 'message', 'value']);
  assert.deepEqual(rejects.slice(1).filter((row) => row.length > 1).map((row) => `${row[0]}:${row[1]} ${row[2]} ${row[3]}`), [
    'policies.csv:2 start_date date_invalid', 'policy_shares.csv:2 policy_id dangling_reference',
  ]);

  await page.click('button.language');
  await page.waitForSelector('h3:has-text("Rejected rows (2)")');
  assert.match(await page.locator('[data-table="rejects"] tbody tr').first().locator('td').nth(4).innerText(), /no such day|2026-06-31/i);
  await shot('3-rejects-en');
  await page.click('button.language');

  // Corrected, and sent as Excel this time.
  const workbook = await writeXlsxFile([POLICY_HEADER.split(','), policyRow('06-30').split(',')].map((row) => row.map((value) => ({ value })))).toBuffer();
  await page.setInputFiles('input[type="file"]', [
    { name: 'policies.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook },
    { name: 'policy_shares.csv', mimeType: 'text/csv', buffer: Buffer.from('policy_id,insurer_id,share_percent\nPE2E0001,picc,100\n') },
  ]);
  await page.click('button:has-text("上传")');
  await page.waitForSelector('.upload-result[data-status="stored"]');
  assert.equal(await page.locator('[data-table="files"] tr[data-file="policies.xlsx"] td').allInnerTexts().then((cells) => cells.join('|')), 'policies.xlsx|1|1|0');
  // The history is asked for again once the answer is shown.
  await page.locator('[data-table="history"] tbody tr').nth(1).waitFor();
  assert.equal(await page.locator('[data-table="history"] tbody tr').count(), 2);
  await shot('4-stored');

  const updating = performance.now();
  await page.click('[data-action="refresh"]');
  await page.waitForSelector('[data-state="refreshed"]', { timeout: 120_000 });
  timed('ETL run on request after the submission', updating);
  assert.match(await page.locator('[data-field="last-updated"]').innerText(), /看板数据最近更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await shot('5-updated');

  const afterUpdate = await premiumCard();
  assert.notEqual(afterUpdate, before, 'the scorecard shows the submitted premium');
  const fees = await demo.api<{ feeRatios: Array<{ premiumReceived: string }> }>(token, `query { feeRatios(year: ${YEAR}) { premiumReceived } }`);
  const premium = Number(fees.data!.feeRatios[0].premiumReceived);
  assert.ok(premium >= 123456.78, `the insurer's ${YEAR} premium includes the new policy (${premium})`);
  await page.waitForSelector('text=PICC-E2E-0001');
  await shot('6-scorecard-after');
});
