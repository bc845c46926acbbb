import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type ApiContext, viewerOf } from '../common/context';
import { badUserInput } from '../common/errors';
import { MAX_YEAR, MIN_YEAR } from '../common/paging';
import { insurerInScope } from '../common/scope';
import { INSURERS } from '../../warehouse/schema';
import { buildAnnualReport, submissionsOf, submitAnnualReport } from './annual-report';
import { AnnualReport, AnnualReportSubmission } from './annual-report.type';

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badUserInput(`year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
}

@Resolver()
export class AnnualReportResolver {
  @Authorized()
  @Query(() => AnnualReport, {
    description: '年度报告 of an insurer on a year; an insurer account opens only its own, a city account sees the insurer’s business in its city',
  })
  async annualReport(
    @Arg('insurer', () => ID) insurer: string, @Arg('year', () => Int) year: number, @Ctx() context: ApiContext,
  ): Promise<AnnualReport> {
    checkYear(year);
    return buildAnnualReport(context, insurer, year);
  }

  @Authorized()
  @Query(() => [AnnualReportSubmission], {
    description: 'Every insurer’s annual report on a year: submitted on time, late, missing after the deadline, or not yet due (an insurer account: its own)',
  })
  async annualReportSubmissions(@Arg('year', () => Int) year: number, @Ctx() context: ApiContext): Promise<AnnualReportSubmission[]> {
    checkYear(year);
    const own = insurerInScope(viewerOf(context));
    const ids = own !== null
      ? [own]
      : (await context.warehouse.rows<{ id: string }>(`SELECT DISTINCT id FROM ${INSURERS.name} ORDER BY id`)).map((row) => row.id);
    return submissionsOf(context.platform, context.rulebook, year, ids);
  }

  @Authorized()
  @Mutation(() => AnnualReportSubmission, {
    description: 'The signed-in insurer submits its annual report on a year, today; submitting again moves the day, never adds a row',
  })
  async submitAnnualReport(@Arg('year', () => Int) year: number, @Ctx() context: ApiContext): Promise<AnnualReportSubmission> {
    checkYear(year);
    return submitAnnualReport(context.platform, context.rulebook, viewerOf(context), year);
  }
}
