import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { type ApiContext, viewerOf } from '../common/context';
import { decimalOfFen, fenOf, fenOfYuanPercent } from '../common/money';
import { ratio } from '../common/ratio';
import { regionOf } from '../common/region';
import { insurerInScope, regionInScope } from '../common/scope';
import { monthEnd, monthIndex, monthStart, monthText, quarterText } from './months';
import { TrendArgs } from './trends.args';
import { insuredAtMonthEnds, mandatoryCount, monthlyFigures, type MonthRow } from './trends.sql';
import { TREND_GRAINS, TrendPoint, TrendSeries, TrendValues } from './trends.type';

const YEAR = 12;

@Resolver()
export class TrendsResolver {
  @Authorized()
  @Query(() => TrendSeries, { description: 'Trend series (coverage at period end, premium, prevention spending, claims paid, services) with 同比' })
  async trends(@Args() args: TrendArgs, @Ctx() context: ApiContext): Promise<TrendSeries> {
    const viewer = viewerOf(context);
    const region = regionInScope(viewer, args.region);
    const insurerId = insurerInScope(viewer);
    const first = monthIndex(args.from);
    const last = monthIndex(args.to);
    const months = Array.from({ length: last - first + 1 + YEAR }, (_, offset) => first - YEAR + offset);
    const query = {
      region, insurerId, spanStart: monthStart(first - YEAR), spanEnd: monthStart(last), monthEnds: months.map(monthEnd),
    };
    const [rows, insuredRows, mandatory] = await Promise.all([
      monthlyFigures(context.warehouse, query),
      insurerId === null ? insuredAtMonthEnds(context.warehouse, query) : Promise.resolve([]),
      insurerId === null ? mandatoryCount(context.warehouse, region) : Promise.resolve(null),
    ]);
    const byMonth = new Map<string, MonthRow>(rows.map((row) => [row.month, row]));
    const insuredOn = new Map(insuredRows.map((row) => [row.day, row.insured]));

    const values = (from: number, to: number): TrendValues => {
      const span = Array.from({ length: to - from + 1 }, (_, offset) => byMonth.get(monthStart(from + offset)));
      const sum = (pick: (row: MonthRow) => number): number => span.reduce((total, row) => total + (row ? pick(row) : 0), 0);
      const insured = mandatory === null ? null : insuredOn.get(monthEnd(to)) ?? 0;
      return Object.assign(new TrendValues(), {
        start: monthStart(from),
        end: monthEnd(to),
        insured,
        coverageRate: insured === null || mandatory === null ? null : ratio(insured, mandatory),
        premiumReceived: decimalOfFen(sum((row) => fenOfYuanPercent(row.premium_fen_exact))),
        preventionSpending: decimalOfFen(sum((row) => fenOf(row.spending))),
        claimsPaid: decimalOfFen(sum((row) => fenOfYuanPercent(row.claims_paid_fen_exact))),
        servicesDelivered: sum((row) => row.services),
      });
    };

    const step = TREND_GRAINS[args.grain];
    const points: TrendPoint[] = [];
    for (let start = first; start <= last; start += step) {
      const end = start + step - 1;
      points.push(Object.assign(new TrendPoint(), {
        period: step === 1 ? monthText(start) : quarterText(start),
        current: values(start, end),
        previousYear: values(start - YEAR, end - YEAR),
      }));
    }
    return Object.assign(new TrendSeries(), { region: regionOf(region), grain: args.grain, mandatory, points });
  }
}
