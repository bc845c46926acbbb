/**
 * Hostile requests (issue 9, "Hostile requests"): each is refused or bounded, and the server answers
 * the next ordinary request. The fuzz run sends random argument values to every Query field of
 * schema.graphql (a fixed seed, so a failure is reproduced by running the file again) and checks,
 * through the warehouse hook, that no argument value ever changes the SQL text: the texts of a request
 * are the same when every free text in its arguments is replaced by another, and none contains one.
 * Fixture: test/fixtures/api (see its README).
 */
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLField, type GraphQLInputType, type GraphQLObjectType,
} from 'graphql';
import { startFixtureApi, type FixtureApi } from './harness';
import { random as seededRandom } from '../support/etl-seed';
import { SCHEMA, selectionOf } from './schema-walk';
const ORDINARY = '{ coverage(asOf: "2025-06-30") { mandatory } }';

let api: FixtureApi;
let captured: string[] = [];

beforeAll(async () => {
  api = await startFixtureApi('api-hostile', { onWarehouseQuery: ({ sql }) => captured.push(sql) });
});

afterAll(async () => {
  await api?.close();
});

async function raw(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(api.server.url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.province}`, ...headers }, body,
  });
  return { status: response.status, text: await response.text() };
}

async function expectOrdinaryAnswered(): Promise<void> {
  const answer = await api.as('province', ORDINARY);
  expect(answer.data!.coverage.mandatory).toBe(11);
}

describe('hostile shapes are refused, and the next request is answered', () => {
  // A client's request, however hostile, is the client's mistake: a 4xx in GraphQL's error shape.
  const cases: Array<[string, () => string]> = [
    ['a selection nested 40 deep', () => JSON.stringify({ query: `{ coverage { ${'children { '.repeat(40)}mandatory${' }'.repeat(40)} } }` })],
    ['2,000 aliases', () => JSON.stringify({ query: `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: rules { id }`).join(' ')} }` })],
    ['fragments spreading each other in a cycle', () => JSON.stringify({ query: '{ coverage { ...a } } fragment a on Coverage { ...b } fragment b on Coverage { ...a }' })],
    ['a fragment spread 500 times', () => JSON.stringify({ query: `{ ${Array.from({ length: 500 }, (_, i) => `c${i}: coverage { ...f }`).join(' ')} } fragment f on Coverage { mandatory }` })],
    ['a batch of 50 operations in one body', () => JSON.stringify(Array.from({ length: 50 }, () => ({ query: ORDINARY })))],
    ['a body over the 100 kB limit', () => JSON.stringify({ query: ORDINARY, variables: { padding: 'x'.repeat(200_000) } })],
  ];
  test.each(cases)('%s', async (_name, body) => {
    const answer = await raw(body());
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.text)).toEqual({ errors: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]) });
    expect(answer.text).not.toMatch(/"data":\{|\bat \/|node_modules/);
    await expectOrdinaryAnswered();
  });

  test('a 90 kB variable where a region code goes is refused naming the argument', async () => {
    const answer = await api.as('province', 'query ($r: ID!) { coverage(region: $r) { mandatory } }', { r: '1'.repeat(90_000) });
    expect(answer.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    await expectOrdinaryAnswered();
  });
});

/** Free text a client could send; `@@n@@` becomes a marker unique to the draw. */
const HOSTILE_TEXTS = [
  "@@n@@' OR 1=1 --", '@@n@@"; DROP TABLE policies; --', '@@n@@{region_code:String}', '@@n@@\\\'', '@@n@@) UNION ALL SELECT 1',
  '@@n@@%_*', '@@n@@\u0000', '@@n@@太原市', '@@n@@'.padEnd(300, 'x'),
];
/** Values the API accepts, so that the requests reach the warehouse too. */
const VALID: Record<string, string[]> = {
  region: ['140000', '140100', '140105', '140200', '140213'],
  insurer: ['I1', 'I2', 'I3'],
  id: ['E01', 'E12', 'I1', 'I2'],
  from: ['2024-01', '2025-01'],
  to: ['2025-06', '2025-12'],
  asOf: ['2025-06-30', '2024-12-31', '2026-01-01'],
  inForceOn: ['2025-06-30', '2020-01-01'],
};
const VALID_INTS: Record<string, number[]> = { year: [2025, 2024], page: [1, 2], pageSize: [1, 50, 200], withinDays: [30, 60, 90] };
const HOSTILE_INTS = [0, -1, 201, 1999, 2101, 2147483647, -2147483648];

interface Draw {
  /** The argument values, with `@@n@@` markers still in the free texts. */
  args: Record<string, unknown>;
}

/** `validShare`: how often a value is one the API accepts (the first draws of a field take only those). */
function drawArgs(field: GraphQLField<unknown, unknown>, random: () => number, validShare: number): Draw {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const args: Record<string, unknown> = {};
  for (const argument of field.args) {
    const required = isNonNullType(argument.type) && argument.defaultValue === undefined;
    if (!required && random() < 0.3) continue;
    args[argument.name] = valueFor(argument.name, argument.type, pick, random, validShare);
  }
  return { args };
}

function valueFor(name: string, type: GraphQLInputType, pick: <T>(values: readonly T[]) => T, random: () => number, validShare: number): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return Array.from({ length: (validShare === 1 ? 1 : 0) + Math.floor(random() * 3) }, () => valueFor(name, inner.ofType, pick, random, validShare));
  const named = getNamedType(inner);
  if (isEnumType(named)) return pick(named.getValues()).value;
  if (isInputObjectType(named)) throw new Error(`no generator for input object ${named.name}`);
  if (named.name === 'Int') return random() < validShare ? pick(VALID_INTS[name] ?? [1]) : pick(HOSTILE_INTS);
  if (named.name === 'Boolean') return random() < 0.5;
  const valid = VALID[name] ?? (named.name === 'Date' ? VALID.asOf : VALID.id);
  return random() < validShare ? pick(valid) : pick(HOSTILE_TEXTS);
}

/** Replaces each `@@n@@` marker by one unique to this draw and instance. */
function instantiate(value: unknown, marker: () => string): unknown {
  if (typeof value === 'string') return value.includes('@@n@@') ? value.replace('@@n@@', marker()) : value;
  if (Array.isArray(value)) return value.map((item) => instantiate(item, marker));
  return value;
}

function variableType(type: GraphQLInputType): string {
  return String(type);
}

/** Query fields that read nothing of the warehouse, and what they read instead. */
const OUTSIDE_THE_WAREHOUSE: Record<string, string> = {
  rules: 'the rulebook',
  submission: 'the submissions table of the platform database, through TypeORM with bound parameters',
  submissions: 'the submissions table of the platform database, through TypeORM with bound parameters',
};

describe('fuzz: random argument values over every Query field never change the SQL text', () => {
  const fields = Object.values(SCHEMA.getQueryType()!.getFields()).filter((field) => field.args.length > 0);
  const DRAWS_PER_FIELD = 16;

  test.each(fields.map((field) => [field.name, field] as const))('%s', async (_name, field) => {
    const random = seededRandom([...field.name].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7));
    const named = getNamedType(field.type) as GraphQLObjectType;
    // Only the arguments drawn are declared: a left-out one takes its default.
    const queryFor = (args: Record<string, unknown>): string => {
      const given = field.args.filter((argument) => argument.name in args);
      const declared = given.length === 0 ? '' : `(${given.map((argument) => `$${argument.name}: ${variableType(argument.type)}`).join(', ')})`;
      const passed = given.length === 0 ? '' : `(${given.map((argument) => `${argument.name}: $${argument.name}`).join(', ')})`;
      return `query ${declared} { ${field.name}${passed} { ${selectionOf(named)} } }`;
    };
    let reachedWarehouse = 0;
    for (let draw = 0; draw < DRAWS_PER_FIELD; draw += 1) {
      const { args } = drawArgs(field, random, draw < 2 ? 1 : 0.7);
      const texts: string[][] = [];
      const markers: string[] = [];
      for (const instance of ['a', 'b']) {
        let counter = 0;
        const variables = Object.fromEntries(Object.entries(args).map(([name, value]) => [name, instantiate(value, () => {
          const marker = `zq${instance}${draw}x${(counter += 1)}`;
          markers.push(marker);
          return marker;
        })]));
        captured = [];
        // Both instances must reach the resolvers: the second is not to be the first's cached answer.
        api.server.cache.invalidate();
        const answer = await api.as('province', queryFor(args), variables);
        // Whatever the answer (data, BAD_USER_INPUT, FORBIDDEN), no SQL or stack reaches the client.
        expect(JSON.stringify(answer)).not.toMatch(/node_modules|\.js:\d+|FROM (enterprises|policies|policy_shares|services|claims|fee_ledger)\b/);
        texts.push([...captured].sort());
      }
      // The same statements whatever the free texts were, and none of them carries a value.
      expect(texts[1]).toEqual(texts[0]);
      for (const text of texts.flat()) for (const marker of markers) expect(text.includes(marker)).toBe(false);
      if (texts[0].length > 0) reachedWarehouse += 1;
    }
    // The draws also reached the warehouse, not only the argument checks (except where the field reads none of it).
    if (!(field.name in OUTSIDE_THE_WAREHOUSE)) expect(reachedWarehouse).toBeGreaterThan(0);
    await expectOrdinaryAnswered();
  });
});
