/**
 * The years the warehouse holds figures for, so that every year selector offers exactly those: the
 * calendar years in which a policy was active on at least one day (enterprise_years, derived by the
 * ETL with the definition of docs/definitions.md, definition 1), up to the current year (a policy
 * running into next year is a contract, not next year's figures). Narrowed like the figures: a city
 * account's years are its city's, an insurer account's those of the policies it holds a share of.
 */
import { Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { todayInShanghai } from '../../domain/today';
import { ENTERPRISE_YEARS } from '../../warehouse/schema';
import { type ApiContext, viewerOf } from '../common/context';
import { regionFilter } from '../common/region';
import { insurerInScope, regionInScope } from '../common/scope';
import type { WarehouseReader } from '../common/warehouse';
import type { Region } from '../../domain/regions';

export async function yearsWithPolicies(
  reader: WarehouseReader, query: { region: Region; insurerId: string | null; lastYear: number },
): Promise<number[]> {
  const region = regionFilter(query.region);
  const insurer = query.insurerId === null ? '1' : 'has(insurer_ids, {insurer_id:String})';
  const rows = await reader.rows<{ year: number }>(
    `SELECT DISTINCT year FROM ${ENTERPRISE_YEARS.name}
     WHERE ${region.sql} AND ${insurer} AND year <= {last_year:UInt16}
     ORDER BY year DESC`,
    { ...region.params, insurer_id: query.insurerId ?? '', last_year: query.lastYear },
  );
  return rows.map((row) => Number(row.year));
}

@Resolver()
export class DataYearsResolver {
  @Authorized()
  @Query(() => [Int], {
    description: 'Years with figures (a policy active on at least one day), latest first, up to this year; narrowed to the account’s scope',
  })
  async dataYears(@Ctx() context: ApiContext): Promise<number[]> {
    const viewer = viewerOf(context);
    return yearsWithPolicies(context.warehouse, {
      region: regionInScope(viewer, null),
      insurerId: insurerInScope(viewer),
      lastYear: Number(todayInShanghai().slice(0, 4)),
    });
  }
}
