/** Shanxi's divisions, domain/regions.ts: 1 province, 11 cities, 117 county-level divisions, keyed by code. */
import { CITIES, cityOfCounty, COUNTIES, countiesOf, PROVINCE_CODE, regionByCode, REGIONS } from '../../domain/regions';

test('1 province, 11 cities and 117 county-level divisions, every code once', () => {
  expect(PROVINCE_CODE).toBe('140000');
  expect(CITIES).toHaveLength(11);
  expect(COUNTIES).toHaveLength(117);
  expect(REGIONS).toHaveLength(129);
  expect(new Set(REGIONS.map((region) => region.code)).size).toBe(129);
});

test('lookups by code', () => {
  expect(regionByCode('140000')).toEqual({ code: '140000', name: '山西省', level: 'province', parentCode: null });
  expect(regionByCode('140100')).toEqual({ code: '140100', name: '太原市', level: 'city', parentCode: '140000' });
  expect(regionByCode('140105')).toEqual({ code: '140105', name: '小店区', level: 'county', parentCode: '140100' });
  expect(regionByCode('149999')).toBeUndefined();
  expect(regionByCode('')).toBeUndefined();
});

test('one name, two counties: 城区 is 140302 in 阳泉 and 140502 in 晋城', () => {
  expect(regionByCode('140302')).toMatchObject({ name: '城区', parentCode: '140300' });
  expect(regionByCode('140502')).toMatchObject({ name: '城区', parentCode: '140500' });
});

test('the counties of a city, and the city of a county', () => {
  const taiyuan = countiesOf('140100');
  expect(taiyuan).toHaveLength(10);
  expect(taiyuan.every((county) => county.parentCode === '140100' && county.level === 'county')).toBe(true);
  expect(countiesOf('140105')).toEqual([]);
  expect(CITIES.reduce((sum, city) => sum + countiesOf(city.code).length, 0)).toBe(117);
  expect(cityOfCounty('140302')).toBe('140300');
  for (const county of COUNTIES) expect(cityOfCounty(county.code)).toBe(county.parentCode);
});
