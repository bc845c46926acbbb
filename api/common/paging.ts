/** Paging arguments shared by every list, bounded so that no request can ask for the whole warehouse. */
import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 1, description: 'Page number, from 1' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(100_000, { message: 'page must be at most 100000' })
  page!: number;

  @Field(() => Int, { defaultValue: 50, description: `Rows per page, 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize must be at most ${MAX_PAGE_SIZE}` })
  pageSize!: number;
}

export function limitOffset(args: PageArgs): { limit: number; offset: number } {
  return { limit: args.pageSize, offset: (args.page - 1) * args.pageSize };
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
