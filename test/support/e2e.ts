/**
 * What every browser test shares: the demo server started in its own process on a private DATA_DIR
 * (generated, loaded by the ETL, users added), Debian's Chromium, the API called as a user, and
 * readers for the files the dashboard downloads. Each `*.e2e.ts` file starts its own demo with
 * `startDemo` in `before` and closes it in `after`, on a data directory of its own.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fillDataDir } from './data-dir-cache';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'dashboard');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface DemoUser {
  username: string;
  password: string;
  role: 'province' | 'analyst' | 'city' | 'insurer';
  scope?: string;
}

export interface GraphqlAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A running demo: its server's address, the browser, and how to reach the API as a user. */
export interface Demo {
  baseUrl: string;
  dataDir: string;
  browser: Browser;
  api<T>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>>;
  tokenOf(user: { username: string; password: string }): Promise<string>;
  signIn(page: Page, user: { username: string; password: string }): Promise<void>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, [path.join(ROOT, 'dist', script), ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ process: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s; it printed: ${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API: (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`The server exited with code ${code} before listening: ${output}`)));
  });
}

const DEMO_ARGS = ['--seed', '42', '--scale', 'shanxi'];

/**
 * Generates the shanxi demo (seed 42) into a fresh DATA_DIR, loads it, adds the users, starts the
 * server (`cli/start.js`, as `npm run serve`) and Chromium. `env` is added to the server's environment.
 * Under `npm run test:e2e` (./e2e-run) the demo is generated and loaded once, and each file starts
 * from a copy of its own (./data-dir-cache).
 */
export async function startDemo(users: readonly DemoUser[], env: NodeJS.ProcessEnv = {}): Promise<Demo> {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  assert.ok(fs.existsSync(path.join(ROOT, 'dashboard', 'dist', 'index.html')), 'dashboard/dist is missing: npm run dashboard:build');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ansz-dashboard-e2e-'));
  const serverEnv = { ...process.env, ...env, DATA_DIR: dataDir, PORT: String(await freePort()) };
  await fillDataDir(dataDir, JSON.stringify({ demo: DEMO_ARGS, env }), async (into) => {
    runNode('cli/generate.js', DEMO_ARGS, { ...serverEnv, DATA_DIR: into });
    runNode('cli/etl.js', [], { ...serverEnv, DATA_DIR: into });
  });
  for (const user of users) {
    runNode('cli/user-add.js', ['--username', user.username, '--password', user.password, '--role', user.role, ...(user.scope ? ['--scope', user.scope] : [])], serverEnv);
  }
  const server = await startServer(serverEnv);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const baseUrl = server.url;

  async function api<T>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  return {
    baseUrl,
    dataDir,
    browser,
    api,
    async tokenOf(user) {
      const result = await api<{ login: { token: string } }>(null, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: user.username, p: user.password });
      assert.ok(result.data, `login of ${user.username} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    async signIn(page, user) {
      await page.goto(`${baseUrl}/`);
      await page.fill('input[name="username"]', user.username);
      await page.fill('input[name="password"]', user.password);
      await page.click('button[type="submit"]');
    },
    async close() {
      await browser.close();
      if (server.process.exitCode === null) {
        const exited = new Promise((resolve) => server.process.once('exit', resolve));
        server.process.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An RFC 4180 CSV as rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (char === '"') quoted = false; else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(field); field = ''; } else if (char === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += char;
  }
  return rows;
}

/** The cell texts of one sheet of an .xlsx (the first by default), row by row (inline and shared strings both read). */
export function readXlsx(file: Buffer, sheetNumber = 1): string[][] {
  const entries = unzipSync(new Uint8Array(file));
  const shared = entries['xl/sharedStrings.xml']
    ? [...strFromU8(entries['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
    : [];
  const sheet = strFromU8(entries[`xl/worksheets/sheet${sheetNumber}.xml`]);
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((cell) => {
      const attributes = cell[1];
      const body = cell[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      if (/t="s"/.test(attributes) && value !== undefined) return unescape(shared[Number(value)]);
      const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
      return unescape(inline ?? value ?? '');
    }),
  );
}

export function timed(label: string, started: number): void {
  console.log(`[measure] ${label}: ${(performance.now() - started).toFixed(0)} ms`);
}
