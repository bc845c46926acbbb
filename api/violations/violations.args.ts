import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { PageArgs } from '../common/paging';
import { DateScalar } from '../common/scalars';
import { YearMax, YearMin } from '../common/year';
import { ViolationRule } from './violations.type';

@ArgsType()
export class ViolationArgs extends PageArgs {
  @Field(() => Int, { description: 'The year judged' })
  @YearMin() @YearMax()
  year!: number;

  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;

  @Field(() => ID, { nullable: true, description: 'Only breaches of this insurer (an insurer account: always its own)' })
  insurer?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only breaches about this enterprise (uninsured, services, first service, death limit, provider), within the region and insurer the viewer may see',
  })
  enterprise?: string | null;

  @Field(() => [ViolationRule], { nullable: true, description: 'Only these kinds; every kind when left out' })
  kinds?: ViolationRule[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Evaluation day for UNINSURED (default: the year end, or today within the current year) and for first-service windows (default: today)',
  })
  asOf?: string | null;
}
