import { IsIn } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { Industry } from '../common/industry';
import { PageArgs } from '../common/paging';
import { DateScalar } from '../common/scalars';
import { EXPIRING_WINDOWS } from './coverage.sql';
import { ExpiringSort, SortDirection, UninsuredSort } from './coverage.type';

@ArgsType()
export class CoverageArgs {
  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day judged; today in Asia/Shanghai when left out' })
  asOf?: string | null;

  @Field(() => [Industry], { nullable: true, description: 'High-risk industries counted; all five when left out' })
  industries?: Industry[] | null;
}

@ArgsType()
export class UninsuredArgs extends PageArgs {
  @Field(() => ID, { defaultValue: PROVINCE_CODE })
  region!: string;

  @Field(() => DateScalar, { nullable: true })
  asOf?: string | null;

  @Field(() => [Industry], { nullable: true })
  industries?: Industry[] | null;

  @Field(() => UninsuredSort, { defaultValue: 'NAME' })
  sort!: UninsuredSort;

  @Field(() => SortDirection, { defaultValue: 'ASC' })
  direction!: SortDirection;
}

@ArgsType()
export class ExpiringArgs extends PageArgs {
  @Field(() => ID, { defaultValue: PROVINCE_CODE })
  region!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the look-ahead starts; today in Asia/Shanghai when left out' })
  asOf?: string | null;

  @Field(() => Int, { defaultValue: 30, description: `Days ahead: ${EXPIRING_WINDOWS.join(', ')}` })
  @IsIn([...EXPIRING_WINDOWS], { message: `withinDays must be one of ${EXPIRING_WINDOWS.join(', ')}` })
  withinDays!: number;

  @Field(() => ExpiringSort, { defaultValue: 'END_DATE' })
  sort!: ExpiringSort;

  @Field(() => SortDirection, { defaultValue: 'ASC' })
  direction!: SortDirection;
}
