import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { PageArgs } from '../common/paging';
import { YearMax, YearMin } from '../common/year';
import { DeathLimitFilter } from './death-limit.type';

@ArgsType()
export class DeathLimitArgs {
  @Field(() => Int, { description: 'Policies starting in this year are judged' })
  @YearMin() @YearMax()
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;
}

@ArgsType()
export class DeathLimitPolicyArgs extends PageArgs {
  @Field(() => Int)
  @YearMin() @YearMax()
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE })
  region!: string;

  @Field(() => DeathLimitFilter, { defaultValue: 'NOT_COMPLIANT' })
  filter!: DeathLimitFilter;
}
