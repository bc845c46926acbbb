/**
 * The workbook writer's typed cells read back, and a filing judged per year: pure code, no database.
 */
import { RULEBOOK } from '../../domain/rulebook';
import { FILING_ITEMS } from '../../domain/vocabulary';
import { judgeFiling } from '../../api/filings/filings';
import { count, cutNote, date, money, ratio, ruleCells, text, workbookBuffer } from '../../api/documents/workbook';

// read-excel-file is an ES module with a CommonJS build; jest runs CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as {
  readSheet(input: Buffer, sheet: string, options?: { parseNumber?: (text: string) => unknown }): Promise<unknown[][]>;
};

describe('the workbook writer', () => {
  const sheet = {
    name: '测试',
    title: '标题',
    headers: ['文本', '数', '金额', '比例', '日期'],
    rows: [
      [text('=SUM(A1:A2)'), count(3), money('0.10'), ratio(0.1523), date('2025-02-28')],
      [text(null), count(null), money('1234567890.99'), ratio(null), date(null)],
    ],
    notes: ['说明'],
  };

  test('numbers stay numbers with their exact decimals, dates are dates, a formula-like text stays text', async () => {
    const workbook = await workbookBuffer({ sheets: [sheet] });
    const rows = await readSheet(workbook, '测试');
    expect(rows[0][0]).toBe('标题');
    expect(rows[1]).toEqual(['文本', '数', '金额', '比例', '日期']);
    expect(rows[2]).toEqual(['=SUM(A1:A2)', 3, 0.1, 0.1523, new Date(Date.UTC(2025, 1, 28))]);
    expect(rows[3]).toEqual([null, null, 1234567890.99, null, null]);
    expect(rows.at(-1)![0]).toBe('说明');
    const exact = await readSheet(workbook, '测试', { parseNumber: (value) => value });
    expect(exact[3][2]).toBe('1234567890.99');
  });

  test('refuses money with more than two places, a row of the wrong width and a bad sheet name', async () => {
    await expect(workbookBuffer({ sheets: [{ ...sheet, rows: [[text('a'), count(1), money('1.005'), ratio(0), date('2025-01-01')]] }] }))
      .rejects.toThrow('at most two places');
    await expect(workbookBuffer({ sheets: [{ ...sheet, rows: [[text('a')]] }] })).rejects.toThrow('row 1 has 1 cells for 5 headers');
    await expect(workbookBuffer({ sheets: [{ ...sheet, name: 'a/b' }] })).rejects.toThrow('sheet name');
    await expect(workbookBuffer({ sheets: [sheet, sheet] })).rejects.toThrow('used twice');
  });

  test('texts keep their XML characters, a character XML cannot hold is dropped, every sheet reads back in order', async () => {
    const second = { name: '第二 & <页>', title: 'a "b" & <c>', headers: ['名称'], rows: [[text('甲 & 乙 <丙> "丁"\u0001')]] };
    const workbook = await workbookBuffer({ sheets: [sheet, second] });
    const rows = await readSheet(workbook, '第二 & <页>');
    expect(rows).toEqual([['a "b" & <c>'], ['名称'], ['甲 & 乙 <丙> "丁"']]);
    expect((await readSheet(workbook, '测试'))[0][0]).toBe('标题');
  });

  test('refuses a count or ratio that is not a finite number', async () => {
    await expect(workbookBuffer({ sheets: [{ ...sheet, rows: [[text('a'), count(Number.NaN), money('1'), ratio(0), date(null)]] }] }))
      .rejects.toThrow('finite number');
    await expect(workbookBuffer({ sheets: [{ ...sheet, rows: [[text('a'), count(1), money('1'), ratio(Infinity), date(null)]] }] }))
      .rejects.toThrow('finite number');
  });

  test('a verdict row carries its rule and source in Chinese', () => {
    const [rule, source] = ruleCells(RULEBOOK.ruleById('fee_ratio_cap/2025'));
    expect(rule.value).toContain('fee_ratio_cap/2025');
    expect(rule.value).toContain('21');
    expect(source.value).toContain('应急〔2025〕27号');
  });
});

describe('a list the annual report workbook cuts', () => {
  it('says how many rows it lists of how many, and nothing when it lists them all', () => {
    expect(cutNote(100_000, 131_077)).toEqual(['本表列出前 100,000 行，共 131,077 行。']);
    expect(cutNote(12, 12)).toEqual([]);
  });
});

describe('a filing judged per year', () => {
  const all = (day: string, last?: string) => FILING_ITEMS.map((item, index) => ({ insurer_id: 'X', item, received_on: index === 0 && last ? last : day }));

  test('complete on the day of its last item: on time on the deadline itself, late a day after', () => {
    expect(judgeFiling(RULEBOOK, 2024, all('2024-05-01', '2024-05-31'))).toMatchObject({ status: 'on_time', completeOn: '2024-05-31', deadline: '2024-05-31' });
    expect(judgeFiling(RULEBOOK, 2024, all('2024-05-01', '2024-06-01'))).toMatchObject({ status: 'late', completeOn: '2024-06-01' });
  });

  test('incomplete in every year while an item is missing, naming it; complete without a deadline in a year no rule covers', () => {
    const missingOne = all('2024-05-01').filter((row) => row.item !== 'commitment_letter');
    expect(judgeFiling(RULEBOOK, 2024, missingOne)).toMatchObject({ status: 'incomplete', completeOn: null, missing: ['commitment_letter'] });
    expect(judgeFiling(RULEBOOK, 2025, missingOne)).toMatchObject({ status: 'incomplete', missing: ['commitment_letter'] });
    expect(judgeFiling(RULEBOOK, 2025, all('2024-05-01'))).toMatchObject({ status: 'no_deadline', completeOn: '2024-05-01', ruleId: null });
  });
});
