import { Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { YearMax, YearMin } from '../common/year';

@ArgsType()
export class EvaluationArgs {
  @Field(() => Int)
  @YearMin()
  @YearMax()
  year!: number;

  @Field(() => Int, { nullable: true, description: '1–4 for a quarter; the whole year when left out' })
  @Min(1, { message: 'quarter must be 1, 2, 3 or 4' })
  @Max(4, { message: 'quarter must be 1, 2, 3 or 4' })
  quarter?: number | null;

  @Field(() => ID, { nullable: true, description: 'Region code; the province when left out (a city account: its city)' })
  region?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The evaluation day, today in Asia/Shanghai when left out: an annual report not in by then is missing once its deadline has passed',
  })
  asOf?: string | null;
}
