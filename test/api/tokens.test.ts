/**
 * A token stands for its user as the user is now: every kind of bad token is UNAUTHENTICATED, a
 * password reset, a role or scope change and disabling end the user's tokens at once (made by the
 * CLIs, in another process than the server), answers cached for one user never reach another, and
 * failed sign-ins are limited per username and per address. Fixture: test/fixtures/api.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { tokenSecret } from '../../api/auth/tokens';
import { addUser } from '../../api/auth/users';
import { codeOf, PASSWORD, startFixtureApi, type FixtureApi, type GraphQLAnswer } from './harness';

const CLI_DIR = path.resolve(__dirname, '..', '..', 'cli');
const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const ME = '{ me { username role scope } }';
/** Only a province account sees 太原's figures beside the other cities': a city account is refused them. */
const TAIYUAN_AS_PROVINCE = '{ coverage(region: "140100", asOf: "2025-06-30") { mandatory } }';

let api: FixtureApi;

beforeAll(async () => {
  // Pulled, as the server does by default: the CLIs' writes in another process must still reach this
  // process's connection after the warehouse has read the platform database (it reads a snapshot).
  api = await startFixtureApi('api-tokens', { env: { ETL_MODE: 'pull' } });
});

afterAll(async () => {
  await api?.close();
});

/** Runs a CLI in its own process; asynchronously, so that the server in this process keeps answering meanwhile. */
function runCli(name: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(CLI_DIR, `${name}.js`), ...args], { env: { ...process.env, DATA_DIR: api.env.dataDir } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
}

async function answerOf(response: Response): Promise<GraphQLAnswer> {
  return (await response.json()) as GraphQLAnswer;
}

async function login(username: string, password = PASSWORD): Promise<Response> {
  return fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
  });
}

async function tokenOf(username: string, password = PASSWORD): Promise<string> {
  const answer = await answerOf(await login(username, password));
  if (!answer.data?.login?.token) throw new Error(`login of ${username} failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.login.token;
}

function signed(claims: Record<string, unknown>, options: jwt.SignOptions = {}, secret = tokenSecret(api.env.config)): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', ...options });
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('every token that does not stand for a current user is UNAUTHENTICATED', () => {
  const cases: Array<[string, () => string | null]> = [
    ['none', () => null],
    ['garbage', () => 'not-a-token'],
    ['a tampered payload', () => {
      const [header, , signature] = api.tokens.taiyuan.split('.');
      const payload = { ...(jwt.decode(api.tokens.taiyuan) as Record<string, unknown>), role: 'province', scope: null };
      return `${header}.${base64url(payload)}.${signature}`;
    }],
    ['alg none', () => {
      const payload = jwt.decode(api.tokens.province) as Record<string, unknown>;
      return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
    }],
    ['another secret', () => signed({ role: 'province', scope: null, ver: 0 }, { subject: 'province', expiresIn: 600 }, 'another-secret-of-32-characters!')],
    ['expired', () => api.expiredToken()],
    ['no exp', () => signed({ role: 'province', scope: null, ver: 0 }, { subject: 'province' })],
    ['an insurer token without a scope', () => signed({ role: 'insurer', scope: null, ver: 0 }, { subject: 'pingan', expiresIn: 600 })],
    ['a city token without a scope', () => signed({ role: 'city', ver: 0 }, { subject: 'taiyuan', expiresIn: 600 })],
    ['an unknown user', () => signed({ role: 'province', scope: null, ver: 0 }, { subject: 'nobody', expiresIn: 600 })],
    ['a role the user does not have', () => signed({ role: 'province', scope: null, ver: 0 }, { subject: 'taiyuan', expiresIn: 600 })],
  ];

  test.each(cases)('%s', async (_name, token) => {
    for (const query of [ME, TAIYUAN_AS_PROVINCE]) {
      const answer = await api.request(token(), query);
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      expect(answer.data ?? null).toBeNull();
    }
  });

  test('a token signed right now for the same user is accepted: the refusals above are about the token', async () => {
    const token = signed({ role: 'province', scope: null, ver: 0 }, { subject: 'province', expiresIn: 600 });
    expect((await api.request(token, ME)).data!.me).toEqual({ username: 'province', role: 'province', scope: null });
  });
});

describe('a change to the user ends its tokens at once', () => {
  test('a password reset by user:add', async () => {
    await addUser(api.platform, { username: 'reset', password: PASSWORD, role: 'province' });
    const token = await tokenOf('reset');
    expect((await api.request(token, ME)).data!.me.username).toBe('reset');

    const cli = await runCli('user-add', ['--username', 'reset', '--password', 'another-password', '--role', 'province']);
    expect(cli.status).toBe(0);
    const answer = await api.request(token, ME);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    expect(answer.errors![0].message).toMatch(/log in again/);
    expect((await api.request(await tokenOf('reset', 'another-password'), ME)).data!.me.username).toBe('reset');
  });

  test('a demotion from province to city 140200 by user:add', async () => {
    await addUser(api.platform, { username: 'demoted', password: PASSWORD, role: 'province' });
    const token = await tokenOf('demoted');
    expect((await api.request(token, TAIYUAN_AS_PROVINCE)).data!.coverage.mandatory).toBeGreaterThan(0);

    expect((await runCli('user-add', ['--username', 'demoted', '--password', PASSWORD, '--role', 'city', '--scope', '140200'])).status).toBe(0);
    const answer = await api.request(token, TAIYUAN_AS_PROVINCE);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    expect(answer.data ?? null).toBeNull();
    const asCity = await api.request(await tokenOf('demoted'), TAIYUAN_AS_PROVINCE);
    expect(codeOf(asCity)).toBe('FORBIDDEN');
  });

  test('user:disable: the token is refused, sign-in too, and user:add enables the user again', async () => {
    await addUser(api.platform, { username: 'leaver', password: PASSWORD, role: 'analyst' });
    const token = await tokenOf('leaver');
    const cli = await runCli('user-disable', ['--username', 'leaver']);
    expect(cli).toEqual({ status: 0, output: expect.stringContaining('disabled') });

    expect(codeOf(await api.request(token, ME))).toBe('UNAUTHENTICATED');
    expect(codeOf(await answerOf(await login('leaver')))).toBe('UNAUTHENTICATED');

    expect((await runCli('user-add', ['--username', 'leaver', '--password', 'new-password', '--role', 'analyst'])).status).toBe(0);
    expect((await api.request(await tokenOf('leaver', 'new-password'), ME)).data!.me.username).toBe('leaver');
    expect(codeOf(await api.request(token, ME))).toBe('UNAUTHENTICATED');
  });

  test('user:disable names an unknown user', async () => {
    const cli = await runCli('user-disable', ['--username', 'nobody-here']);
    expect(cli.status).toBe(1);
    expect(cli.output).toContain('no user named "nobody-here"');
  });
});

test('two users of the same role each get their own answer, never the other one\'s cached one', async () => {
  await addUser(api.platform, { username: 'alice', password: PASSWORD, role: 'province' });
  await addUser(api.platform, { username: 'bob', password: PASSWORD, role: 'province' });
  const alice = await api.request(await tokenOf('alice'), ME);
  const bob = await api.request(await tokenOf('bob'), ME);
  expect(alice.data!.me).toEqual({ username: 'alice', role: 'province', scope: null });
  expect(bob.data!.me).toEqual({ username: 'bob', role: 'province', scope: null });
});

describe('failed sign-ins', () => {
  test('past five failures for one username the answer is 429 with Retry-After, even for the right password', async () => {
    await addUser(api.platform, { username: 'guessed', password: PASSWORD, role: 'province' });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await login('guessed', `wrong-${attempt}`);
      expect(response.status).toBe(200);
      expect(codeOf(await answerOf(response))).toBe('UNAUTHENTICATED');
    }
    for (const password of ['wrong-6', PASSWORD]) {
      const response = await login('guessed', password);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const answer = await answerOf(response);
      expect(codeOf(answer)).toBe('RATE_LIMITED');
      expect(answer.errors![0].message).toMatch(/try again in \d+ s/);
      expect(answer.data ?? null).toBeNull();
    }
    // Another account from the same address is not held up by this one's failures.
    expect(await tokenOf('alice')).toEqual(expect.any(String));
  });
});
