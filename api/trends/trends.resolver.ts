import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { todayInShanghai } from '../../domain/today';
import { type ApiContext, viewerOf } from '../common/context';
import { decimalOfFen, fenOf, fenOfYuanPercent } from '../common/money';
import { industrySet } from '../common/industry';
import { ratio } from '../common/ratio';
import { regionOf } from '../common/region';
import { insurerInScope, regionInScope } from '../common/scope';
import { monthEnd, monthIndex, monthStart, monthText, quarterText, sameDayYearBefore } from './months';
import { TrendArgs } from './trends.args';
import { insuredOnPeriodEnds, mandatoryCount, periodFigures, type PeriodRow } from './trends.sql';
import { TREND_GRAINS, TrendPoint, TrendSeries, TrendValues } from './trends.type';

const YEAR = 12;

interface Period { start: string; end: string }

@Resolver()
export class TrendsResolver {
  @Authorized()
  @Query(() => TrendSeries, { description: 'Trend series (coverage at period end, premium, prevention spending, claims paid, services) with 同比' })
  async trends(@Args() args: TrendArgs, @Ctx() context: ApiContext): Promise<TrendSeries> {
    const viewer = viewerOf(context);
    const region = regionInScope(viewer, args.region);
    const insurerId = insurerInScope(viewer);
    const asOf = args.asOf ?? todayInShanghai();
    const industries = industrySet(args.industries);
    const step = TREND_GRAINS[args.grain];
    // The periods up to the one holding the evaluation day, which ends on it; a year earlier, the same days.
    const periods: Array<{ period: string; current: Period; previousYear: Period; complete: boolean }> = [];
    for (let start = monthIndex(args.from); start <= monthIndex(args.to) && monthStart(start) <= asOf; start += step) {
      const end = start + step - 1;
      const complete = monthEnd(end) <= asOf;
      periods.push({
        period: step === 1 ? monthText(start) : quarterText(start),
        current: { start: monthStart(start), end: complete ? monthEnd(end) : asOf },
        previousYear: { start: monthStart(start - YEAR), end: complete ? monthEnd(end - YEAR) : sameDayYearBefore(asOf) },
        complete,
      });
    }
    const read = periods.flatMap((point) => [point.current, point.previousYear]);
    const query = { region, insurerId, industries, periodStarts: read.map((period) => period.start), periodEnds: read.map((period) => period.end) };
    const [rows, insuredRows, mandatory] = await Promise.all([
      read.length === 0 ? Promise.resolve([]) : periodFigures(context.warehouse, query),
      insurerId === null && read.length > 0 ? insuredOnPeriodEnds(context.warehouse, query) : Promise.resolve([]),
      insurerId === null ? mandatoryCount(context.warehouse, region, industries) : Promise.resolve(null),
    ]);
    const byPeriod = new Map<number, PeriodRow>(rows.map((row) => [Number(row.period), row]));
    const insuredOn = new Map(insuredRows.map((row) => [row.day, Number(row.insured)]));

    const values = (period: Period, index: number): TrendValues => {
      const row = byPeriod.get(index + 1);
      const insured = mandatory === null ? null : insuredOn.get(period.end) ?? 0;
      return Object.assign(new TrendValues(), {
        start: period.start,
        end: period.end,
        insured,
        coverageRate: insured === null || mandatory === null ? null : ratio(insured, mandatory),
        premiumReceived: decimalOfFen(row ? fenOfYuanPercent(row.premium_fen_exact) : 0),
        preventionSpending: decimalOfFen(row ? fenOf(row.spending) : 0),
        claimsPaid: decimalOfFen(row ? fenOfYuanPercent(row.claims_paid_fen_exact) : 0),
        servicesDelivered: row ? Number(row.services) : 0,
      });
    };

    const points = periods.map((point, index) => Object.assign(new TrendPoint(), {
      period: point.period,
      complete: point.complete,
      current: values(point.current, 2 * index),
      previousYear: values(point.previousYear, 2 * index + 1),
    }));
    return Object.assign(new TrendSeries(), { region: regionOf(region), grain: args.grain, asOf, mandatory, points });
  }
}
