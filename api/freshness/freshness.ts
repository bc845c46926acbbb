/** Data freshness: the last ETL run that succeeded, its watermark and the rows it loaded. */
import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context';

@ObjectType()
export class TableRows {
  @Field() table!: string;
  @Field(() => Int) rows!: number;
}

@ObjectType({ description: 'The last ETL run that succeeded' })
export class EtlRun {
  @Field() runId!: string;
  @Field({ description: 'When it finished, ISO 8601 in UTC' }) finishedAt!: string;
  @Field(() => Float, { description: 'Platform rows changed up to this instant (epoch milliseconds) are in the warehouse' })
  watermark!: number;
  @Field({ description: 'The watermark as ISO 8601 in UTC' }) watermarkAt!: string;
  @Field(() => [TableRows], { description: 'Rows loaded per table by that run' }) rows!: TableRows[];
}

@ObjectType()
export class DataFreshness {
  @Field(() => EtlRun, { nullable: true, description: 'Null until the first ETL run succeeds' }) lastRun!: EtlRun | null;
}

@Resolver()
export class FreshnessResolver {
  @Authorized()
  @Query(() => DataFreshness, { description: 'How current the warehouse is' })
  dataFreshness(@Ctx() context: ApiContext): DataFreshness {
    const run = context.lastRun;
    return Object.assign(new DataFreshness(), {
      lastRun: run === null ? null : Object.assign(new EtlRun(), {
        runId: run.runId,
        finishedAt: new Date(run.finishedAt).toISOString(),
        watermark: run.watermarkTo,
        watermarkAt: new Date(run.watermarkTo).toISOString(),
        rows: Object.entries(run.rowsByTable)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([table, rows]) => Object.assign(new TableRows(), { table, rows })),
      }),
    });
  }
}
