/**
 * The evaluation page (定期评估) end to end, in Debian's headless Chromium, against the real server on the
 * shanxi demo data (one demo start for this file, test/support/e2e.ts): the ranking and every score of the
 * first insurer's scorecard on screen equal the API's answer; the scoring is on the page, labelled as the
 * platform's own; a city account's page is its city's; the workbook downloaded holds the same totals; the
 * print layout at A4 width has no horizontal overflow (screenshots in test-artifacts/dashboard/).
 *
 * Run with `npm run test:e2e`. Timings are printed, never asserted.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ARTIFACTS, readXlsx, startDemo, timed, type Demo } from '../support/e2e';

const YEAR = 2025;
const USERS = {
  analyst: { username: 'e2e-eval-analyst', password: 'analyst-pass-1', role: 'analyst' },
  city: { username: 'e2e-eval-taiyuan', password: 'city-pass-1', role: 'city', scope: '140100' },
} as const;
/** A4 is 210 mm wide: 794 CSS pixels at 96 per inch. */
const A4_WIDTH = 794;

interface ApiEvaluation {
  region: { code: string; name: string };
  scopeNote: { zh: string } | null;
  insurers: Array<{
    rank: number; insurer: { id: string; name: string }; total: number;
    indicators: Array<{ code: string; score: number | null; notApplicable: string | null }>;
  }>;
  scorecard: { label: { zh: string }; indicators: Array<{ code: string; weight: number }>; cityFollowUp: { minPolicies: number; title: { zh: string } } };
  followUps: Array<{ insurer: { id: string }; city: { code: string } | null; policies: number }>;
  smallCityPairs: number | null;
}

const EVALUATION = `query ($year: Int!) { evaluation(year: $year) {
  region { code name } scopeNote { zh }
  insurers { rank insurer { id name } total indicators { code score notApplicable } }
  scorecard { label { zh } indicators { code weight } cityFollowUp { minPolicies title { zh } } }
  followUps { insurer { id } city { code } policies } smallCityPairs
} }`;

let demo: Demo;

async function evaluationOf(token: string): Promise<ApiEvaluation> {
  const started = performance.now();
  const answer = await demo.api<{ evaluation: ApiEvaluation }>(token, EVALUATION, { year: YEAR });
  timed(`evaluation ${YEAR} through the API (shanxi)`, started);
  assert.ok(answer.data, JSON.stringify(answer.errors));
  return answer.data.evaluation;
}

const points = (value: number | null) => (value === null ? '—' : value.toFixed(2));

async function openEvaluation(page: Page, user: { username: string; password: string }): Promise<void> {
  await demo.signIn(page, user);
  await page.waitForSelector('.app-nav');
  const started = performance.now();
  await page.goto(`${demo.baseUrl}/evaluation?year=${YEAR}`);
  await page.waitForSelector('main.document[data-document="evaluation"] [data-insurer]', { timeout: 120_000 });
  timed(`evaluation page ${YEAR} rendered (shanxi)`, started);
}

describe('the evaluation page', () => {
  before(async () => {
    demo = await startDemo(Object.values(USERS));
  });

  after(async () => {
    await demo?.close();
  });

  it('shows the API’s ranking and scores, the scoring labelled as the platform’s own, and prints at A4 width', async () => {
    const token = await demo.tokenOf(USERS.analyst);
    const expected = await evaluationOf(token);
    assert.ok(expected.insurers.length > 1, 'the demo has several insurers');
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openEvaluation(page, USERS.analyst);

    const ranking = await page.$$eval('[data-section="ranking"] tr[data-insurer]', (rows) => rows.map((row) => ({
      id: row.getAttribute('data-insurer'), rank: row.querySelector('[data-rank]')?.textContent, total: row.querySelector('[data-total]')?.textContent,
    })));
    assert.deepEqual(ranking, expected.insurers.map((row) => ({ id: row.insurer.id, rank: String(row.rank), total: points(row.total) })));

    const first = expected.insurers[0];
    const scores = await page.$$eval(`[data-scorecard="${first.insurer.id}"] tr[data-indicator]`, (rows) => rows.map((row) => ({
      code: row.getAttribute('data-indicator'), score: row.querySelector('[data-score]')?.textContent, notApplicable: row.getAttribute('data-not-applicable'),
    })));
    assert.deepEqual(scores, first.indicators.map((line) => ({ code: line.code, score: points(line.score), notApplicable: line.notApplicable })));

    assert.equal(await page.textContent('[data-own-scoring]'), expected.scorecard.label.zh);
    const weights = await page.$$eval('[data-scoring] tr[data-weight-of] td.num', (cells) => cells.map((cell) => Number(cell.textContent)));
    assert.deepEqual(weights, expected.scorecard.indicators.map((indicator) => indicator.weight));
    // The follow-ups: the API's rows, a city proposed only with the scorecard's minimum of policies there, the rest counted.
    const followUps = await page.$$eval('[data-section="follow-ups"] tr[data-follow-up]', (rows) => rows.map((row) => row.getAttribute('data-follow-up')));
    assert.deepEqual(followUps, expected.followUps.map((row) => `${row.insurer.id}-${row.city?.code ?? 'all'}`));
    const { minPolicies } = expected.scorecard.cityFollowUp;
    assert.ok(expected.followUps.every((row) => row.city === null || row.policies >= minPolicies));
    assert.ok(expected.followUps.some((row) => row.city !== null), 'some insurer has the business to be judged in a city');
    assert.ok((expected.smallCityPairs ?? 0) > 0, 'some insurer–city pairs are too small to judge');
    assert.equal(await page.getAttribute('[data-city-minimum]', 'data-city-minimum'), String(minPolicies));
    assert.ok((await page.textContent('[data-city-minimum]'))!.includes(expected.scorecard.cityFollowUp.title.zh));
    assert.equal(await page.getAttribute('[data-small-city-pairs]', 'data-small-city-pairs'), String(expected.smallCityPairs));
    await page.screenshot({ path: path.join(ARTIFACTS, 'evaluation-screen.png'), fullPage: true });

    await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.$eval('html', (root) => {
      const wide = [...root.querySelectorAll('main.document table')]
        .filter((table) => table.getBoundingClientRect().right > root.clientWidth + 1)
        .map((table) => table.closest('section')?.id ?? '?');
      return { page: root.scrollWidth - root.clientWidth, wide };
    });
    await page.screenshot({ path: path.join(ARTIFACTS, 'evaluation-print-a4.png'), fullPage: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'evaluation-print-a4-first-page.png') });
    assert.deepEqual(overflow, { page: 0, wide: [] });
    assert.equal(await page.isVisible('.app-nav'), false, 'the navigation is not printed');
    assert.equal(await page.isVisible('.document-actions'), false, 'the actions are not printed');
    await page.close();
  });

  it('gives a city account its city, and says so', async () => {
    const token = await demo.tokenOf(USERS.city);
    const expected = await evaluationOf(token);
    assert.equal(expected.region.code, '140100');
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openEvaluation(page, USERS.city);
    assert.equal(await page.textContent('[data-scope-note]'), expected.scopeNote?.zh);
    const totals = await page.$$eval('[data-section="ranking"] tr[data-insurer] [data-total]', (cells) => cells.map((cell) => cell.textContent));
    assert.deepEqual(totals, expected.insurers.map((row) => points(row.total)));
    await page.close();
  });

  it('downloads the workbook with the same ranking', async () => {
    const token = await demo.tokenOf(USERS.analyst);
    const expected = await evaluationOf(token);
    const started = performance.now();
    const response = await fetch(`${demo.baseUrl}/api/documents/evaluation.xlsx?year=${YEAR}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const workbook = Buffer.from(await response.arrayBuffer());
    timed(`evaluation ${YEAR} workbook downloaded (shanxi)`, started);
    // Sheet 2 is the ranking: title, headers, one row per insurer (rank, name, id, total …), then the notes.
    const ranking = readXlsx(workbook, 2).slice(2).filter((row) => /^\d+$/.test(row[0] ?? ''));
    assert.deepEqual(ranking.map((row) => [row[2], Number(row[3])]), expected.insurers.map((row) => [row.insurer.id, row.total]));
  });
});
