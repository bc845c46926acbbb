/**
 * Shanxi's administrative divisions: the province, its 11 prefecture-level cities and 117
 * county-level divisions, with their real codes (source line inside shanxi-divisions.json).
 * Regions are always keyed by code: 城区 is both 140302 (阳泉) and 140502 (晋城).
 */
import divisions from './shanxi-divisions.json';

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export const PROVINCE_CODE = divisions.province.code;

export const REGIONS: readonly Region[] = [
  { code: divisions.province.code, name: divisions.province.name, level: 'province', parentCode: null },
  ...divisions.cities.flatMap((city): Region[] => [
    { code: city.code, name: city.name, level: 'city', parentCode: divisions.province.code },
    ...city.counties.map((county): Region => ({
      code: county.code, name: county.name, level: 'county', parentCode: city.code,
    })),
  ]),
];

const byCode = new Map(REGIONS.map((region) => [region.code, region]));

export function regionByCode(code: string): Region | undefined {
  return byCode.get(code);
}

export const CITIES: readonly Region[] = REGIONS.filter((region) => region.level === 'city');
export const COUNTIES: readonly Region[] = REGIONS.filter((region) => region.level === 'county');

export function countiesOf(cityCode: string): Region[] {
  return COUNTIES.filter((county) => county.parentCode === cityCode);
}

/** The city a county-level code belongs to: 140302 → 140300. */
export function cityOfCounty(countyCode: string): string {
  return `${countyCode.slice(0, 4)}00`;
}
