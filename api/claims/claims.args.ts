import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { YearMax, YearMin } from '../common/year';

@ArgsType()
export class ClaimsArgs {
  @Field(() => Int, { description: 'Claims reported or decided in this year; premium of the policies starting in it' })
  @YearMin() @YearMax()
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;
}
