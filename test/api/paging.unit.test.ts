/**
 * api/common/paging.ts on its own: the window a page binds, the total of a page past the end, and
 * the count query. The list readers here are in memory; test/api/paging.test.ts walks every paged
 * field of the schema against the embedded warehouse.
 */
import 'reflect-metadata';
import { buildSchemaSync, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLObjectType } from 'graphql';
import { countRows, limitOffset, Page, type PageWindow, readPage } from '../../api/common/paging';
import type { WarehouseReader } from '../../api/common/warehouse';

/** A list of `count` rows read the way a page query does: `count() OVER ()` on each row, none past the end. */
function listOf(count: number) {
  const calls = { pages: [] as PageWindow[], counts: 0 };
  const rows = Array.from({ length: count }, (_, index) => ({ id: `R${index + 1}`, total: count }));
  return {
    calls,
    reader: {
      page: async (window: PageWindow) => {
        calls.pages.push(window);
        return rows.slice(window.offset, window.offset + window.limit);
      },
      count: async () => {
        calls.counts += 1;
        return count;
      },
    },
  };
}

test('the window of a page: pageSize rows after (page − 1) × pageSize', () => {
  expect(limitOffset({ page: 1, pageSize: 50 })).toEqual({ limit: 50, offset: 0 });
  expect(limitOffset({ page: 3, pageSize: 20 })).toEqual({ limit: 20, offset: 40 });
});

test('a page with rows takes its total from them, without a count query', async () => {
  const list = listOf(7);
  const page = await readPage({ page: 2, pageSize: 3 }, list.reader, (row) => row.id);
  expect(page).toEqual({ total: 7, page: 2, pageSize: 3, items: ['R4', 'R5', 'R6'] });
  expect(list.calls).toEqual({ pages: [{ limit: 3, offset: 3 }], counts: 0 });
});

test('a page past the end reports the same total as the first, from the count query', async () => {
  const list = listOf(7);
  const first = await readPage({ page: 1, pageSize: 3 }, list.reader, (row) => row.id);
  const past = await readPage({ page: 9999, pageSize: 3 }, list.reader, (row) => row.id);
  expect(past).toEqual({ total: first.total, page: 9999, pageSize: 3, items: [] });
  expect(list.calls.counts).toBe(1);
});

test('an empty list: total 0 on the first page without a count query', async () => {
  const list = listOf(0);
  expect(await readPage({ page: 1, pageSize: 10 }, list.reader, (row) => row.id)).toEqual({ total: 0, page: 1, pageSize: 10, items: [] });
  expect(list.calls.counts).toBe(0);
});

test('countRows counts the list with its own bound parameters, and settings after it', async () => {
  const seen: Array<{ sql: string; params?: Record<string, unknown> }> = [];
  const reader: WarehouseReader = {
    async rows<Row>(sql: string, params?: Record<string, unknown>): Promise<Row[]> {
      seen.push({ sql, params });
      return [{ total: 12 }] as Row[];
    },
  };
  expect(await countRows(reader, '(SELECT 1) WHERE x = {x:String}', { x: 'a' }, 'join_use_nulls = 1')).toBe(12);
  expect(seen).toEqual([{ sql: 'SELECT count() AS total FROM (SELECT 1) WHERE x = {x:String} SETTINGS join_use_nulls = 1', params: { x: 'a' } }]);
});

test('Page(Item) gives each named page type the four fields, and reaches the schema only through them', () => {
  @ObjectType()
  class Thing {
    @Field(() => ID) id!: string;
  }
  @ObjectType()
  class ThingPage extends Page(Thing, 'Things, by id') {}
  @Resolver()
  class ThingResolver {
    @Query(() => ThingPage)
    things(): ThingPage {
      return Object.assign(new ThingPage(), { total: 0, page: 1, pageSize: 1, items: [] });
    }
  }
  const schema = buildSchemaSync({ resolvers: [ThingResolver], validate: false });
  const page = schema.getType('ThingPage') as GraphQLObjectType;
  const fields = page.getFields();
  expect(Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, String(field.type)]))).toEqual({
    total: 'Int!', page: 'Int!', pageSize: 'Int!', items: '[Thing!]!',
  });
  expect(fields.items.description).toBe('Things, by id');
  expect(Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__')).sort()).toEqual(['Boolean', 'ID', 'Int', 'Query', 'String', 'Thing', 'ThingPage']);
});
