import { IsOptional } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { PageArgs } from '../common/paging';
import { YearMax, YearMin } from '../common/year';

/** A page of a detail's list, for one year as the indicators of that year count it, or for every year. */
@ArgsType()
export class DetailListArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Only this year: policies starting, services dated, claims reported in it; every year when left out' })
  @IsOptional() @YearMin() @YearMax()
  year?: number | null;
}
