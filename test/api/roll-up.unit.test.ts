/**
 * api/common/roll-up.ts on its own: per-county rows summed into a region and its children. Rows:
 * 小店区 140105 (太原) 3 of 4, 迎泽区 140106 (太原) 1 of 1, 城区 140302 (阳泉) 0 of 2.
 */
import 'reflect-metadata';
import { rollUp, rowsIn, sumOf } from '../../api/common/roll-up';
import { ratio } from '../../api/common/ratio';
import { regionByCode, type Region } from '../../domain/regions';

const ROWS = [
  { county_code: '140105', insured: 3, mandatory: 4 },
  { county_code: '140106', insured: 1, mandatory: 1 },
  { county_code: '140302', insured: 0, mandatory: 2 },
];

const region = (code: string): Region => regionByCode(code)!;
const figures = (node: Region, own: typeof ROWS) => ({
  code: node.code, insured: sumOf(own, 'insured'), mandatory: sumOf(own, 'mandatory'), rate: ratio(sumOf(own, 'insured'), sumOf(own, 'mandatory')),
});

test('rowsIn: the rows of the counties a region contains', () => {
  expect(rowsIn(region('140000'), ROWS)).toHaveLength(3);
  expect(rowsIn(region('140100'), ROWS).map((row) => row.county_code)).toEqual(['140105', '140106']);
  expect(rowsIn(region('140106'), ROWS).map((row) => row.county_code)).toEqual(['140106']);
  expect(rowsIn(region('140200'), ROWS)).toEqual([]);
});

test('sumOf adds one column; of no rows, 0', () => {
  expect(sumOf(ROWS, 'mandatory')).toBe(7);
  expect(sumOf([] as typeof ROWS, 'mandatory')).toBe(0);
});

test('children: the province and its 11 cities, each summed from its own counties, a city without rows at 0 with no rate', () => {
  const province = rollUp(region('140000'), ROWS, figures, 'children');
  expect(province).toMatchObject({ code: '140000', insured: 4, mandatory: 7, rate: 4 / 7 });
  expect(province.children).toHaveLength(11);
  expect(province.children.find((child) => child.code === '140100')).toEqual({ code: '140100', insured: 4, mandatory: 5, rate: 0.8 });
  expect(province.children.find((child) => child.code === '140300')).toEqual({ code: '140300', insured: 0, mandatory: 2, rate: 0 });
  expect(province.children.find((child) => child.code === '140200')).toEqual({ code: '140200', insured: 0, mandatory: 0, rate: null });
  expect(province.children.every((child) => !('children' in child))).toBe(true);
});

test('tree: every node has its children, down to counties with none', () => {
  const city = rollUp(region('140100'), ROWS, figures, 'tree');
  expect(city).toMatchObject({ code: '140100', insured: 4, mandatory: 5 });
  const xiaodian = city.children.find((child) => child.code === '140105') as ReturnType<typeof figures> & { children: unknown[] };
  expect(xiaodian).toEqual({ code: '140105', insured: 3, mandatory: 4, rate: 0.75, children: [] });
  const province = rollUp(region('140000'), ROWS, figures, 'tree');
  const yangquan = province.children.find((child) => child.code === '140300') as ReturnType<typeof figures> & { children: Array<{ code: string }> };
  expect(yangquan.children.find((child) => child.code === '140302')).toMatchObject({ insured: 0, mandatory: 2, children: [] });
});
