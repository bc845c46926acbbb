import { IsOptional, Length } from 'class-validator';
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

/** What the enterprise search looks for: part of a name, or the start of a 统一社会信用代码. */
@ArgsType()
export class EnterpriseSearchArgs extends PageArgs {
  @Field({ description: 'Part of the name (any case), or the first characters of the 统一社会信用代码; 2 to 64 characters' })
  @Length(2, 64, { message: 'text must be 2 to 64 characters (part of a name, or the start of a 统一社会信用代码)' })
  text!: string;
}
