import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { PageArgs } from '../common/paging';
import { YearMax, YearMin } from '../common/year';

@ArgsType()
export class RiskArgs {
  @Field(() => Int)
  @YearMin() @YearMax()
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;
}

@ArgsType()
export class PremiumRateArgs extends PageArgs {
  @Field(() => Int, { description: 'Policies starting in this year' })
  @YearMin() @YearMax()
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region whose policies make the medians; a city account: its city' })
  region!: string;
}
