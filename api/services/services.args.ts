import { Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { MAX_YEAR, MIN_YEAR, PageArgs } from '../common/paging';
import { EnterpriseFilter } from './services.type';

@ArgsType()
export class ServiceComplianceArgs {
  @Field(() => Int)
  @Min(MIN_YEAR, { message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` })
  @Max(MAX_YEAR, { message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` })
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;
}

@ArgsType()
export class EnterpriseServiceArgs extends PageArgs {
  @Field(() => EnterpriseFilter, { defaultValue: 'ALL' })
  filter!: EnterpriseFilter;
}
