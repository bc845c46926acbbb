/**
 * What a client learns when its request is wrong: always JSON in GraphQL's error shape, never an HTML
 * page with a stack trace and server paths; a 4xx for its own mistakes, with a message saying what to
 * change, and no stack trace in the log for them. And the schema is for signed-in users only.
 * Fixture: test/fixtures/api.
 */
import zlib from 'node:zlib';
import { codeOf, startFixtureApi, type FixtureApi, type GraphQLAnswer } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-hardening');
});

afterAll(async () => {
  await api?.close();
});

interface RawAnswer {
  status: number;
  contentType: string | null;
  text: string;
  json: GraphQLAnswer;
}

async function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.province}`, ...headers },
    body,
  });
  const text = await response.text();
  let json: GraphQLAnswer;
  try {
    json = JSON.parse(text) as GraphQLAnswer;
  } catch {
    throw new Error(`HTTP ${response.status} answered with something else than JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

const operation = (query: string, variables?: Record<string, unknown>): string => JSON.stringify({ query, variables });

/** What must never reach a client: a stack frame, a path of this machine, a module's file. */
function expectNothingOfTheServer(answer: RawAnswer): void {
  expect(answer.text).not.toMatch(/\bat [\w.<>]+ \(|\/work\/|node_modules|\.js:\d+|stack/i);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.json.errors).toHaveLength(1);
  expect(answer.json.errors![0].message).toEqual(expect.any(String));
}

describe('a request Express refuses is answered in JSON with no stack or path', () => {
  const cases: Array<[string, () => Promise<RawAnswer>, number, RegExp]> = [
    ['malformed JSON', () => post('{"query": "{ me { username } }"'), 400, /not valid JSON/],
    ['a body over the limit', () => post(operation('{ me { username } }', { padding: 'x'.repeat(200 * 1024) })), 413, /over 100 kB/],
    ['an unknown content-encoding', () => post(operation('{ me { username } }'), { 'content-encoding': 'compress-9' }), 415, /Content-Encoding "compress-9"/],
    ['an unsupported charset', () => post(operation('{ me { username } }'), { 'content-type': 'application/json; charset=koi9' }), 415, /charset "koi9".*UTF-8/],
    ['a gzip body that is not gzip', () => post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }), 400, /could not be decompressed/],
  ];

  test.each(cases)('%s', async (_name, send, status, message) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expectNothingOfTheServer(answer);
    expect(answer.json.errors![0].extensions?.code).toBe('BAD_REQUEST');
    expect(answer.json.errors![0].message).toMatch(message);
  });

  test('a gzip body is still read', async () => {
    const answer = await post(zlib.gzipSync(operation('{ me { username } }')), { 'content-encoding': 'gzip' });
    expect(answer.json.data!.me.username).toBe('province');
  });

  test('a page that does not exist is a JSON 404', async () => {
    const response = await fetch(api.server.url.replace(/\/graphql$/, '/no-such-page'), { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as GraphQLAnswer).errors![0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a client mistake is a 4xx saying what to change, and logs no stack trace', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a missing required variable', operation('query ($y: Int!) { feeRatios(year: $y) { ratio } }'), /\$y.*Int!.*not provided/],
    ['null for a non-null variable', operation('query ($y: Int!) { feeRatios(year: $y) { ratio } }', { y: null }), /\$y.*must not be null/],
    ['null for a non-null argument', operation('{ feeRatios(year: null) { ratio } }'), /Int!.*null/],
    ['a variable of the wrong type', operation('query ($y: Int!) { feeRatios(year: $y) { ratio } }', { y: 'twenty' }), /\$y.*Int/],
    ['a query over the field limit', operation(`{ ${Array.from({ length: 700 }, (_, index) => `r${index}: rules { id kind value }`).join(' ')} }`), /at most 2000/],
    ['a month before the year 2000 in trends', operation('{ trends(from: "0000-01", to: "0000-12") { points { period } } }'), /from must be a month of the years 2000 to 2100/],
    ['a subscription', operation('subscription { rules { id } }'), /no subscriptions/],
  ];

  test.each(cases)('%s', async (_name, body, message) => {
    const logged = api.logged.length;
    const answer = await post(body);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expectNothingOfTheServer(answer);
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(answer.json));
    expect(answer.json.errors![0].message).toMatch(message);
    expect(api.logged.slice(logged)).toEqual([]);
  });
});

describe('introspection', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  test('without a token it is UNAUTHENTICATED', async () => {
    for (const token of [null, 'not-a-token']) {
      const answer = await api.request(token, INTROSPECTION);
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      expect(answer.data ?? null).toBeNull();
      const type = await api.request(token, '{ __type(name: "Query") { name } }');
      expect(codeOf(type)).toBe('UNAUTHENTICATED');
    }
  });

  test('with a token it answers', async () => {
    expect((await api.as('datong', INTROSPECTION)).data!.__schema.queryType.name).toBe('Query');
  });
});
