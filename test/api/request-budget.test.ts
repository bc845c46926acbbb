/**
 * One request must not occupy the warehouse for everyone (issue 9, defect 6): what a request would
 * cost is counted before it runs and refused over the budget; a request whose client has gone has its
 * queries dropped and its running query killed; each account waits in its own queue, served in turn.
 * Fixture: test/fixtures/api (see its README); the disconnect test adds rows of its own (below).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema, getNamedType, isEnumType, isListType, isNonNullType, Kind, parse, typeFromAST,
  type DocumentNode, type GraphQLSchema, type NamedTypeNode, type OperationDefinitionNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { MAX_WAREHOUSE_COST, WAREHOUSE_COST, warehouseCost } from '../../api/common/cost';
import { buildApiSchema } from '../../api/schema';
import { openWarehouse, type Warehouse } from '../../warehouse/client';
import { SERVICES, storeTableName } from '../../warehouse/schema';
import { dashboardDocuments, operationDocuments } from '../../cli/dashboard-operations';
import { codeOf, startFixtureApi, type FixtureApi, type GraphQLAnswer } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMA_SDL = fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8');

let api: FixtureApi;
/** Every warehouse query the server was asked for, with the account it ran for. */
const queries: Array<{ sql: string; account: string }> = [];
/** How many queries had started when each of taiyuan's queries joined the queue. */
const taiyuanQueuedAt: number[] = [];

beforeAll(async () => {
  api = await startFixtureApi('api-request-budget', {
    onWarehouseQuery: ({ sql, account }) => {
      queries.push({ sql, account });
      if (account === 'taiyuan') taiyuanQueuedAt.push(api.server.warehouseAccess.served.length);
    },
  });
});

afterAll(async () => {
  await api?.close();
});

async function post(token: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; answer: GraphQLAnswer }> {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal,
  });
  return { status: response.status, answer: (await response.json()) as GraphQLAnswer };
}

describe('the cost of a request', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildApiSchema();
  });

  test('every Query field of schema.graphql has a cost entry', () => {
    const fields = Object.keys(buildSchema(SCHEMA_SDL).getQueryType()!.getFields());
    expect(fields.filter((field) => WAREHOUSE_COST[`Query.${field}`] === undefined)).toEqual([]);
  });

  test('every field resolver (a field that may read the warehouse for each parent) has a cost entry', () => {
    const resolvers = getMetadataStorage().fieldResolvers
      .filter((resolver) => resolver.kind === 'external')
      .map((resolver) => `${schemaNameOf(resolver.getObjectType?.())}.${resolver.schemaName}`);
    expect(resolvers.length).toBeGreaterThan(5);
    expect(resolvers.filter((coordinate) => WAREHOUSE_COST[coordinate] === undefined)).toEqual([]);
  });

  test('every operation of the dashboard stays within the budget, at the largest page size', () => {
    const operations = dashboardOperations();
    expect(operations.length).toBeGreaterThan(10);
    const over = operations
      .map(({ file, document }) => {
        return { file, cost: warehouseCost(schema, document, largestVariables(schema, document)) };
      })
      .filter(({ cost }) => cost > MAX_WAREHOUSE_COST);
    expect(over).toEqual([]);
  });

  test('a field under each child region or each listed row is charged once per child or row', () => {
    const one = warehouseCost(schema, parse('{ serviceCompliance(year: 2025) { enterprises(pageSize: 10) { total } } }'), {});
    const perChild = warehouseCost(schema, parse('{ serviceCompliance(year: 2025) { children { enterprises(pageSize: 10) { total } } } }'), {});
    expect(one).toBe(4);
    // At least the province's 11 cities, each charged its query and its ten rows.
    expect(perChild).toBeGreaterThanOrEqual(Math.ceil(1 + 11 * 1.1));
    // Insurer names come in one batch per request however many rows name an insurer.
    const names = warehouseCost(schema, parse('{ feeRatios(year: 2025) { insurer { name } } a: feeRatios(year: 2024) { insurer { name } } }'), {});
    expect(names).toBe(3);
  });
});

describe('requests over the budget are refused before they reach the warehouse', () => {
  const floods: Array<[string, string]> = [
    ['1,000 aliases of coverage { mandatory }', Array.from({ length: 1000 }, (_, i) => `c${i}: coverage(asOf: "2025-06-30") { mandatory }`).join(' ')],
    ['100 aliases of violations', Array.from({ length: 100 }, (_, i) => `v${i}: violations(year: 2025) { total }`).join(' ')],
    ['200 aliases of uninsured through a fragment', `${Array.from({ length: 200 }, (_, i) => `u${i}: uninsured { ...page }`).join(' ')}`],
    ['one page of 200 enterprises, each child region asking for its own', 'serviceCompliance(year: 2025) { children { children { enterprises(pageSize: 200) { total } } } }'],
  ];
  test.each(floods)('%s', async (_name, selection) => {
    const query = selection.includes('...page') ? `{ ${selection} } fragment page on UninsuredPage { total }` : `{ ${selection} }`;
    const before = queries.length;
    const { status, answer } = await post(api.tokens.province, { query });
    expect(status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(new RegExp(`would cost the warehouse \\d+ .*at most ${MAX_WAREHOUSE_COST} are allowed`));
    expect(answer.data ?? null).toBeNull();
    expect(queries.length).toBe(before);
    // The next ordinary request is answered.
    const next = await api.as('province', '{ coverage(asOf: "2025-06-30") { mandatory } }');
    expect(next.data!.coverage.mandatory).toBe(11);
  });

  test('a request within the budget is answered', async () => {
    const selection = Array.from({ length: 20 }, (_, i) => `c${i}: coverage(asOf: "2025-06-30") { mandatory }`).join(' ');
    const { status, answer } = await post(api.tokens.province, { query: `{ ${selection} }` });
    expect(status).toBe(200);
    expect(answer.data!.c19.mandatory).toBe(11);
  });
});

describe('each account gets its turn', () => {
  test('while one account floods the warehouse, another account is served next to it, not after it', async () => {
    // Ten requests of 40 coverage queries each, every one for another day so that none is shared or cached.
    const floodAnswers: Array<Promise<unknown>> = [];
    let floodDone = 0;
    for (let request = 0; request < 10; request += 1) {
      const aliases = Array.from({ length: 40 }, (_, i) => {
        const day = new Date(Date.UTC(2024, 0, 1 + request * 40 + i)).toISOString().slice(0, 10);
        return `d${i}: coverage(asOf: "${day}") { mandatory }`;
      }).join(' ');
      floodAnswers.push(post(api.tokens.analyst, { query: `{ ${aliases} }` }).then(() => { floodDone += 1; }));
    }
    await until('the flood reached the warehouse queue', () => queries.filter(({ account }) => account === 'analyst').length >= 300);
    const { answer } = await post(api.tokens.taiyuan, { query: '{ coverage(asOf: "2025-06-30") { mandatory } }' });
    const floodDoneWhenAnswered = floodDone;
    await Promise.all(floodAnswers);

    expect(answer.data!.coverage.mandatory).toBe(7);
    // taiyuan's one query started at the flood's next turn but one…
    expect(taiyuanQueuedAt).toHaveLength(1);
    const served = api.server.warehouseAccess.served.slice(taiyuanQueuedAt[0]);
    expect(served.indexOf('taiyuan')).toBeLessThanOrEqual(1);
    expect(served.slice(served.indexOf('taiyuan')).filter((account) => account === 'analyst').length).toBeGreaterThan(100);
    // …and its answer came back before the flood's requests, not after all of them.
    expect(floodDoneWhenAnswered).toBeLessThanOrEqual(2);
  });
});

describe('a request whose client has gone', () => {
  let control: Warehouse;

  beforeAll(async () => {
    // Another session on the same warehouse: the server's own one is busy with the queries watched.
    control = await openWarehouse(api.env.config.warehouse);
  });

  afterAll(async () => {
    await control?.close();
  });

  /**
   * The queries in the engine now whose text contains `marker` (a constant of this file). Without bound
   * parameters on purpose: chDB runs parameterised statements one at a time, so this look would wait
   * for the very query it looks for.
   */
  async function running(marker: 'required_each'): Promise<Array<{ is_cancelled: number }>> {
    const result = await control.query({
      query: `SELECT is_cancelled FROM system.processes WHERE position(query, '${marker}') > 0 AND position(query, 'system.processes') = 0`,
      format: 'JSONEachRow',
    });
    return result.json<{ is_cancelled: number }>();
  }

  test('over HTTP: its waiting queries never start, and the next request is answered', async () => {
    // 2,000,000 copies of one service: each service-frequency query then reads them all, and the
    // request asks for twenty such queries, one after another in the warehouse. The copies go into the
    // row versions behind the `services` view, tagged with the published run of the original, so the
    // view shows them.
    await api.warehouse.command({
      query: `INSERT INTO ${storeTableName(SERVICES)} SELECT * EXCEPT (number) REPLACE (concat(id, '-', toString(number)) AS id)
              FROM (SELECT * FROM ${storeTableName(SERVICES)} WHERE id = 'S01') AS service CROSS JOIN numbers(2000000) AS copies`,
    });
    api.server.cache.invalidate();
    const aliases = Array.from({ length: 20 }, (_, i) => `s${i}: serviceCompliance(year: 2025) { required }`).join(' ');
    const abort = new AbortController();
    const request = post(api.tokens.province, { query: `{ ${aliases} }` }, abort.signal).catch((error: unknown) => error);
    await until('a service-frequency query is running', async () => (await running('required_each')).length > 0);
    abort.abort();
    expect(((await request) as Error).name).toBe('AbortError');
    await until('the running query is gone', async () => (await running('required_each')).length === 0);
    // None of the other nineteen starts afterwards: twenty looks at the engine find none of them.
    for (let look = 0; look < 20; look += 1) {
      expect(await running('required_each')).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const next = await api.as('province', '{ coverage(asOf: "2025-06-30") { mandatory } }');
    expect(next.data!.coverage.mandatory).toBe(11);
  });
});

/** Waits for a condition, checking every 50 ms; fails naming it after 1,200 checks (a minute). */
async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let check = 0; check < 1200; check += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting until ${what}`);
}

function schemaNameOf(type: unknown): string {
  return typeof type === 'function' ? (getMetadataStorage().objectTypes.find((object) => object.target === type)?.name ?? type.name) : String(type);
}

/** The gql`…` documents of dashboard/src, each a whole operation. */
function dashboardOperations(): Array<{ file: string; document: DocumentNode }> {
  return operationDocuments(dashboardDocuments());
}

/** Values for an operation's required variables: the largest page the API allows, the province, a year. */
function largestVariables(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  for (const definition of operation?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as NamedTypeNode);
    if (!isNonNullType(type)) continue;
    const name = definition.variable.name.value;
    const base = getNamedType(type);
    if (isListType(type.ofType)) variables[name] = [];
    else if (isEnumType(base)) variables[name] = base.getValues()[0].value;
    else if (/pageSize/i.test(name)) variables[name] = 200;
    else if (base.name === 'Int') variables[name] = /page/i.test(name) ? 1 : 2025;
    else if (base.name === 'ID') variables[name] = /region/i.test(name) ? '140000' : 'E01';
    else if (base.name === 'Date') variables[name] = '2025-06-30';
    else variables[name] = '2025-01';
  }
  return variables;
}
