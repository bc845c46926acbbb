/** The `year` argument shared by the indicator families, bounded like the fee and service years. */
import { Max, Min } from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from './paging';

export const YEAR_MESSAGE = `year must be between ${MIN_YEAR} and ${MAX_YEAR}`;

/** class-validator bounds for a year field (decorators compose: apply both). */
export const YearMin = (): PropertyDecorator => Min(MIN_YEAR, { message: YEAR_MESSAGE });
export const YearMax = (): PropertyDecorator => Max(MAX_YEAR, { message: YEAR_MESSAGE });
