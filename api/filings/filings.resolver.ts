/**
 * The filing for a year beside each row of the insurers table (the row's own year) and on the insurer
 * page (the year asked for); the items of every insurer of a response are read in one query.
 */
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Rulebook } from '../../domain/rulebook';
import type { ApiContext } from '../common/context';
import { badUserInput } from '../common/errors';
import { MAX_YEAR, MIN_YEAR } from '../common/paging';
import { InsurerDetail } from '../entities/entities.type';
import { InsurerFeeRatio } from '../fees/fees.type';
import { ruleOf } from '../rules/rule.type';
import { judgeFiling } from './filings';
import type { FilingItemRow } from './filings.sql';
import { FilingItemReceived, YearFiling, YearFilingStatus } from './filings.type';

export function yearFilingOf(rulebook: Rulebook, year: number, items: readonly FilingItemRow[]): YearFiling {
  const verdict = judgeFiling(rulebook, year, items);
  return Object.assign(new YearFiling(), {
    year,
    status: verdict.status as YearFilingStatus,
    completeOn: verdict.completeOn,
    deadline: verdict.deadline,
    rule: ruleOf(verdict.ruleId === null ? undefined : rulebook.ruleById(verdict.ruleId)),
    received: verdict.received.map((entry) => Object.assign(new FilingItemReceived(), entry)),
    missing: verdict.missing,
  });
}

@Resolver(() => InsurerFeeRatio)
export class FeeRatioYearFilingResolver {
  @FieldResolver(() => YearFiling, { description: '资料报送 judged for the row’s year: on time, late or incomplete, with the missing items' })
  async yearFiling(@Root() row: InsurerFeeRatio, @Ctx() context: ApiContext): Promise<YearFiling> {
    return yearFilingOf(context.rulebook, row.year, await context.loaders.insurerFilingItems.load(row.insurer.id));
  }
}

@Resolver(() => InsurerDetail)
export class InsurerYearFilingResolver {
  @FieldResolver(() => YearFiling, { description: '资料报送 judged for a year: on time, late or incomplete, with the missing items' })
  async yearFiling(@Root() insurer: InsurerDetail, @Arg('year', () => Int) year: number, @Ctx() context: ApiContext): Promise<YearFiling> {
    if (year < MIN_YEAR || year > MAX_YEAR) throw badUserInput(`year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
    return yearFilingOf(context.rulebook, year, await context.loaders.insurerFilingItems.load(insurer.id));
  }
}
