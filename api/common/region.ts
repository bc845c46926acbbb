/**
 * Regions on the wire and in SQL. Codes come from the reference divisions (domain/regions.ts);
 * an unknown code is the caller's mistake (BAD_USER_INPUT). The SQL filter for a region is one of
 * three constant fragments, its code always a bound parameter.
 */
import { Field, ID, ObjectType } from 'type-graphql';
import { CITIES, countiesOf, PROVINCE_CODE, regionByCode, type Region as ReferenceRegion, type RegionLevel } from '../../domain/regions';
import { bind, ident, sql, type Sql } from '../../warehouse/sql';
import { badUserInput } from './errors';

@ObjectType({ description: 'The province, one of its 11 cities or one of its 117 county-level divisions' })
export class Region {
  @Field(() => ID) code!: string;
  @Field() name!: string;
  @Field({ description: 'province, city or county' }) level!: string;
}

export function regionOf(reference: ReferenceRegion): Region {
  return Object.assign(new Region(), { code: reference.code, name: reference.name, level: reference.level });
}

export function resolveRegion(code: string): ReferenceRegion {
  const region = regionByCode(code);
  if (!region) {
    throw badUserInput(
      `Unknown region code ${JSON.stringify(code)}: use ${PROVINCE_CODE} for the province, a city code such as 140100 (太原市) ` +
        'or a county code such as 140105 (小店区), as listed in the national division codes.',
    );
  }
  return region;
}

/** Which warehouse column holds a region of each level; the province needs no filter. */
const REGION_COLUMN: Record<RegionLevel, string | null> = { province: null, city: 'city_code', county: 'county_code' };

export interface SqlFilter {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * `city_code = {region_code:String}` and the like, for a table carrying city_code and county_code. A
 * county names its city too: the tables are ordered by city, then county, and a condition on the
 * second column alone lets the primary index skip far fewer granules than both do.
 */
export function regionFilter(region: ReferenceRegion, param = 'region_code'): SqlFilter {
  const column = REGION_COLUMN[region.level];
  if (column === null) return { sql: '1', params: {} };
  if (region.level === 'county' && region.parentCode !== null) {
    return { sql: `city_code = {${param}_city:String} AND county_code = {${param}:String}`, params: { [param]: region.code, [`${param}_city`]: region.parentCode } };
  }
  return { sql: `${column} = {${param}:String}`, params: { [param]: region.code } };
}

/** The same filter as a fragment of the `sql` template: the columns named, the codes bound. */
export function regionCondition(region: ReferenceRegion): Sql {
  const column = REGION_COLUMN[region.level];
  if (column === null) return sql`1`;
  if (region.level === 'county' && region.parentCode !== null) {
    return sql`${ident('city_code')} = ${bind(region.parentCode, 'String')} AND ${ident('county_code')} = ${bind(region.code, 'String')}`;
  }
  return sql`${ident(column)} = ${bind(region.code, 'String')}`;
}

/** Whether a county lies in a region (the province, its city, or the county itself). */
export function regionContains(region: ReferenceRegion, countyCode: string): boolean {
  if (region.level === 'province') return true;
  if (region.level === 'city') return regionByCode(countyCode)?.parentCode === region.code;
  return countyCode === region.code;
}

/** The regions one level down: cities of the province, counties of a city, none for a county. */
export function childRegions(region: ReferenceRegion): readonly ReferenceRegion[] {
  if (region.level === 'province') return CITIES;
  if (region.level === 'city') return countiesOf(region.code);
  return [];
}
