import { IsOptional } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { PageArgs } from '../common/paging';
import { DateScalar } from '../common/scalars';
import { YearMax, YearMin } from '../common/year';
import { FirstServiceFilter } from './first-service.type';

@ArgsType()
export class FirstServiceArgs {
  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The evaluation day: policies whose window ended before it are judged; today when left out' })
  asOf?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only policies starting in this year; all years when left out' })
  @IsOptional() @YearMin() @YearMax()
  year?: number | null;
}

@ArgsType()
export class FirstServicePolicyArgs extends PageArgs {
  @Field(() => ID, { defaultValue: PROVINCE_CODE })
  region!: string;

  @Field(() => DateScalar, { nullable: true })
  asOf?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional() @YearMin() @YearMax()
  year?: number | null;

  @Field(() => FirstServiceFilter, { defaultValue: 'LATE_OR_MISSING' })
  status!: FirstServiceFilter;
}
