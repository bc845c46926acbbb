import { Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MAX_YEAR, MIN_YEAR } from '../common/paging';

@ArgsType()
export class FeeArgs {
  @Field(() => Int)
  @Min(MIN_YEAR, { message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` })
  @Max(MAX_YEAR, { message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` })
  year!: number;

  @Field(() => ID, { nullable: true, description: 'Region code; the province when left out (a city account: its city)' })
  region?: string | null;
}
