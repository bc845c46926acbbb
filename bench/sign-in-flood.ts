/**
 * How long a trivial query (`{ me { username } }`) waits while wrong sign-ins pour in: a baseline,
 * then the same query every 50 ms during 2 × 25 concurrent wrong sign-ins. Prints p50 / p95 / max
 * and what the sign-ins were answered (401-like UNAUTHENTICATED, 429 RATE_LIMITED).
 *
 *   npm run build && DATA_DIR=/tmp/bench-flood node dist/bench/sign-in-flood.js [--addresses 50]
 *
 * `--addresses N` sends the sign-ins from N loopback addresses (127.0.0.2 …) under N usernames, so
 * that the limiter lets each through and what is measured is the cost of checking the passwords.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse } from '../warehouse/client';
import { migrateWarehouse } from '../warehouse/migrate';
import { addUser } from '../api/auth/users';
import { startServer } from '../api/server';

const PASSWORD = 'flood-bench-password';
const FLOOD = { usernames: 2, perUsername: 25 };

interface Answer { status: number; body: string }

function post(url: URL, body: object, headers: Record<string, string> = {}, localAddress?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(url, {
      method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
  return `n=${sorted.length} p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { addresses: { type: 'string', default: '1' } }, strict: true });
  const addresses = Number(values.addresses);
  const base = loadConfig();
  const config = { ...base, api: { ...base.api, port: 0 } };
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  await migrateWarehouse(warehouse, { database: config.warehouse.database });
  await addUser(platform, { username: 'reader', password: PASSWORD, role: 'province' });
  const server = await startServer(config, { platform, warehouse });
  const url = new URL(server.url);
  try {
    const login = await post(url, { query: `mutation { login(username: "reader", password: "${PASSWORD}") { token } }` });
    const token = (JSON.parse(login.body) as { data: { login: { token: string } } }).data.login.token;
    const trivial = async (): Promise<number> => {
      const started = performance.now();
      const answer = await post(url, { query: '{ me { username } }' }, { authorization: `Bearer ${token}` });
      if (!answer.body.includes('"reader"')) throw new Error(`the trivial query failed: ${answer.body}`);
      return performance.now() - started;
    };

    const baseline: number[] = [];
    for (let run = 0; run < 30; run += 1) baseline.push(await trivial());
    console.log(`trivial query alone:           ${summary(baseline)}`);

    const started = performance.now();
    const signIns = Array.from({ length: FLOOD.usernames * FLOOD.perUsername }, (_, index) => {
      const spread = addresses > 1 ? index % addresses : 0;
      const username = addresses > 1 ? `flood-${spread}` : `flood-${index % FLOOD.usernames}`;
      return post(url, { query: `mutation { login(username: "${username}", password: "wrong-password") { token } }` }, {},
        addresses > 1 ? `127.0.0.${2 + spread}` : undefined);
    });
    let flooding = true;
    const during: number[] = [];
    const sampler = (async () => {
      while (flooding) {
        during.push(await trivial());
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const answers = await Promise.all(signIns);
    const floodMs = performance.now() - started;
    flooding = false;
    await sampler;

    const byStatus = new Map<number, number>();
    for (const answer of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    console.log(`sign-ins: ${answers.length} from ${addresses} address(es), all answered in ${floodMs.toFixed(0)} ms; HTTP ${[...byStatus].map(([status, n]) => `${status}×${n}`).join(', ')}`);
    console.log(`trivial query during the flood: ${summary(during)}`);
  } finally {
    await server.close();
    await warehouse.close();
    await platform.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
