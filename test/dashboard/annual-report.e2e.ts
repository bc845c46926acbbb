/**
 * The annual report (年度报告) in headless Chromium on the shanxi demo: the insurer submits this year's
 * report from its page and the analyst sees it on time in the list of submissions; the report prints
 * on A4 without horizontal overflow (PDF and screenshots in test-artifacts/dashboard/); the workbook
 * downloaded from the page holds the API's figures. Timings are printed, never asserted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ARTIFACTS, readXlsx, startDemo, timed, type Demo } from '../support/e2e';

const USERS = {
  analyst: { username: 'e2e-report-analyst', password: 'analyst-pass-1', role: 'analyst' },
  insurer: { username: 'e2e-report-picc', password: 'insurer-pass-1', role: 'insurer', scope: 'picc' },
} as const;

/** A4 at 96 dpi: 210 mm wide. */
const A4 = { width: 794, height: 1123 };

let demo: Demo;

before(async () => {
  demo = await startDemo(Object.values(USERS));
});

after(async () => {
  await demo?.close();
});

const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

describe('the annual report', () => {
  it('is submitted by the insurer and seen on time by the analyst', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await demo.signIn(page, USERS.insurer);
    await page.waitForSelector('.app-nav');
    // The navigation of an insurer account leads to its own report.
    await page.click(`.app-nav a[href="/insurer/picc/report"]`);
    await page.waitForSelector('[data-document="annual-report"] [data-section="premium"]');
    await page.selectOption('select[name="year"]', String(thisYear));
    await page.waitForSelector(`[data-document="annual-report"] h1:has-text("${thisYear}")`);
    const started = performance.now();
    await page.click('button[data-action="submit"]');
    await page.waitForSelector('[data-submission="ON_TIME"]');
    timed('submit and show the annual report', started);
    await page.screenshot({ path: path.join(ARTIFACTS, 'annual-report-submitted.png'), fullPage: false });

    const token = await demo.tokenOf(USERS.analyst);
    const submissions = await demo.api<{ annualReportSubmissions: Array<{ insurer: { id: string }; status: string; submittedOn: string | null }> }>(
      token, 'query($y: Int!) { annualReportSubmissions(year: $y) { insurer { id } status submittedOn } }', { y: thisYear },
    );
    assert.equal(submissions.data!.annualReportSubmissions.find((row) => row.insurer.id === 'picc')?.status, 'ON_TIME');

    const analystContext = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const analystPage = await analystContext.newPage();
    await demo.signIn(analystPage, USERS.analyst);
    await analystPage.waitForSelector('.app-nav');
    await analystPage.goto(`${demo.baseUrl}/reports?year=${thisYear}`);
    await analystPage.waitForSelector('tr[data-insurer="picc"][data-submission="ON_TIME"]');
    // Every other insurer has not submitted this year's report, which is not due yet.
    const states = await analystPage.locator('tr[data-insurer]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-submission')));
    assert.deepEqual([...new Set(states)].sort(), ['NOT_DUE', 'ON_TIME']);
    await analystPage.screenshot({ path: path.join(ARTIFACTS, 'annual-reports-list.png') });
    await analystContext.close();
    await context.close();
  });

  it('prints on A4 without horizontal overflow, and its workbook holds the API’s figures', async () => {
    const year = thisYear - 1;
    const token = await demo.tokenOf(USERS.analyst);
    const answer = await demo.api<{ annualReport: { premiumReceived: string; policiesWritten: number; services: { shortTotal: number } } }>(
      token, 'query($y: Int!) { annualReport(insurer: "picc", year: $y) { premiumReceived policiesWritten services { shortTotal } } }', { y: year },
    );
    assert.ok(answer.data, JSON.stringify(answer.errors));
    const report = answer.data.annualReport;
    assert.ok(report.policiesWritten > 0, 'the demo insurer should have written policies last year');

    const context = await demo.browser.newContext({ viewport: A4, acceptDownloads: true });
    const page = await context.newPage();
    await demo.signIn(page, USERS.analyst);
    await page.waitForSelector('.app-nav');
    const started = performance.now();
    await page.goto(`${demo.baseUrl}/insurer/picc/report?year=${year}`);
    await page.waitForSelector('[data-document="annual-report"] [data-section="filing"]');
    timed(`open the annual report of picc on ${year}`, started);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action="download"]')]);
    const workbook = fs.readFileSync(await download.path());
    // Sheet 2 is the premium by city and industry; its last row the total.
    const total = readXlsx(workbook, 2).find((row) => row[0] === '合计');
    assert.ok(total, 'the premium sheet has a total row');
    assert.equal(Number(total.at(-1)), Number(report.premiumReceived));
    assert.equal(Number(total.at(-2)), report.policiesWritten);

    await page.emulateMedia({ media: 'print' });
    // Run in the page: the test's own compilation has no DOM types, so the page's globals are reached by name.
    const overflow = await page.evaluate(`(() => {
      const style = (element) => getComputedStyle(element);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        navigationShown: [...document.querySelectorAll('.app-header, .document-actions')].some((element) => style(element).display !== 'none'),
        headerRepeats: [...document.querySelectorAll('.document-section thead')].every((head) => style(head).display === 'table-header-group'),
        footer: document.querySelector('[data-document-footer]')?.textContent ?? '',
      };
    })()`) as { scrollWidth: number; clientWidth: number; navigationShown: boolean; headerRepeats: boolean; footer: string };
    assert.ok(overflow.scrollWidth <= overflow.clientWidth, `the printed page is ${overflow.scrollWidth} px wide for ${overflow.clientWidth}`);
    assert.equal(overflow.navigationShown, false);
    assert.equal(overflow.headerRepeats, true);
    assert.match(overflow.footer, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'annual-report-print-a4.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    fs.writeFileSync(path.join(ARTIFACTS, 'annual-report-a4.pdf'), pdf);
    assert.ok(pdf.length > 10_000);
    await context.close();
  });
});
