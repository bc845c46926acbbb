/**
 * Paging, the same for every list: the arguments (bounded so that no request can ask for the whole
 * warehouse), the page type on the wire, and how a page and the count of all pages are read.
 */
import { Max, Min } from 'class-validator';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { WarehouseReader } from './warehouse';

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

/** What a page query binds as {limit:UInt32} and {offset:UInt32}. */
export interface PageWindow {
  limit: number;
  offset: number;
}

export function limitOffset(args: PageArgs): PageWindow {
  return { limit: args.pageSize, offset: (args.page - 1) * args.pageSize };
}

/** One page of a list, as every paged field answers it. */
export interface Paged<Item> {
  total: number;
  page: number;
  pageSize: number;
  items: Item[];
}

/**
 * The page type of a list of `itemType`, one GraphQL type per list (`class ClaimPage extends
 * Page(ClaimRecord) {}`), so that the four fields are declared once. The class made here is never
 * returned by a field, so the schema holds only its named subclasses.
 */
export function Page<Item extends object>(itemType: ClassType<Item>, itemsDescription?: string) {
  @ObjectType()
  abstract class PageOf implements Paged<Item> {
    @Field(() => Int, { description: 'Rows in all pages: the same on every page, past the end included' }) total!: number;
    @Field(() => Int) page!: number;
    @Field(() => Int) pageSize!: number;
    @Field(() => [itemType], { description: itemsDescription }) items!: Item[];
  }
  return PageOf;
}

/** How one list is read: a page of rows (each may carry the count of all rows), and that count alone. */
export interface ListReader<Row> {
  page(window: PageWindow): Promise<Row[]>;
  count(): Promise<number>;
}

/**
 * Reads one page and the count of all pages. A page query's rows carry the count (`count() OVER ()`
 * is taken before LIMIT), but a page past the end has no row to carry it, so the list's own count
 * answers there; a first page without rows is an empty list. Either way the total does not depend on
 * the page asked for.
 */
export async function readPage<Row extends { total: number }, Item>(
  args: PageArgs, list: ListReader<Row>, item: (row: Row) => Item,
): Promise<Paged<Item>> {
  const window = limitOffset(args);
  const rows = await list.page(window);
  const total = rows[0]?.total ?? (window.offset > 0 ? await list.count() : 0);
  return { total, page: args.page, pageSize: args.pageSize, items: rows.map(item) };
}

/**
 * The rows of a list in all pages: `SELECT count() FROM <from>`, where `from` is the list's rows
 * (a subquery with its WHERE) and binds the same parameters as its page query.
 */
export async function countRows(reader: WarehouseReader, from: string, params: Record<string, unknown>, settings?: string): Promise<number> {
  const rows = await reader.rows<{ total: number }>(`SELECT count() AS total FROM ${from}${settings ? ` SETTINGS ${settings}` : ''}`, params);
  return rows[0]?.total ?? 0;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
