/**
 * Data freshness: the last ETL run that succeeded (the data every answer is from), and the latest
 * run since then that did not finish, so that users know when the figures stopped following the
 * platform. Row counts per table describe the whole province: only province and analyst accounts see them.
 */
import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { ApiContext } from '../common/context';
import { viewerOf } from '../common/context';
import { lastFailureAfter, type RunFailure } from './freshness.sql';

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
  @Field(() => [TableRows], {
    nullable: true,
    description: 'Rows loaded per table by that run, province-wide: null for city and insurer accounts',
  })
  rows!: TableRows[] | null;
}

export enum EtlFailureKind {
  FAILED = 'FAILED',
  ABANDONED = 'ABANDONED',
}
registerEnumType(EtlFailureKind, {
  name: 'EtlFailureKind',
  description: 'FAILED: the run stopped on an error; ABANDONED: its process stopped before it finished',
});

@ObjectType({ description: 'An ETL run that did not finish; the warehouse still holds the data of the last successful run' })
export class EtlFailure {
  @Field() runId!: string;
  @Field({ description: 'When it failed, or when a later run found it abandoned, ISO 8601 in UTC' }) failedAt!: string;
  @Field(() => EtlFailureKind) kind!: EtlFailureKind;
  @Field(() => String, { nullable: true, description: 'The warehouse table it was loading, when known' }) table!: string | null;
  @Field({ description: 'What happened, for users (the cause is in the server log)' }) reason!: string;
}

@ObjectType()
export class DataFreshness {
  @Field(() => EtlRun, { nullable: true, description: 'Null until the first ETL run succeeds' }) lastRun!: EtlRun | null;
  @Field(() => EtlFailure, { nullable: true, description: 'The latest run that failed after the last successful one; null when none did' })
  lastFailure!: EtlFailure | null;
}

function reasonOf(failure: RunFailure): string {
  const kept = 'the figures shown are those of the last successful update';
  if (failure.status === 'abandoned') return `The warehouse update was interrupted before it finished (its process stopped); ${kept}.`;
  const where = failure.table ? ` while loading ${failure.table}` : '';
  return `The warehouse update failed${where}; ${kept}. The server log has the cause.`;
}

@Resolver()
export class FreshnessResolver {
  @Authorized()
  @Query(() => DataFreshness, { description: 'How current the warehouse is' })
  async dataFreshness(@Ctx() context: ApiContext): Promise<DataFreshness> {
    const run = context.lastRun;
    const role = viewerOf(context).role;
    const failure = await lastFailureAfter(context.warehouse, run?.finishedAt ?? 0);
    return Object.assign(new DataFreshness(), {
      lastRun: run === null ? null : Object.assign(new EtlRun(), {
        runId: run.runId,
        finishedAt: new Date(run.finishedAt).toISOString(),
        watermark: run.watermarkTo,
        watermarkAt: new Date(run.watermarkTo).toISOString(),
        rows: role === 'province' || role === 'analyst'
          ? Object.entries(run.rowsByTable)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([table, rows]) => Object.assign(new TableRows(), { table, rows }))
          : null,
      }),
      lastFailure: failure === null ? null : Object.assign(new EtlFailure(), {
        runId: failure.runId,
        failedAt: new Date(failure.failedAt).toISOString(),
        kind: failure.status === 'abandoned' ? EtlFailureKind.ABANDONED : EtlFailureKind.FAILED,
        table: failure.table,
        reason: reasonOf(failure),
      }),
    });
  }
}
