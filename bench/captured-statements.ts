/**
 * The API of DATA_DIR's data directory, started in this process for a benchmark, with a province
 * account of its own: each query sent through it comes back with the warehouse statements its
 * resolvers sent (the server's query hook), so that a benchmark can time them alone on the engine.
 */
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse, type Warehouse } from '../warehouse/client';
import { addUser } from '../api/auth/users';
import { startServer, type ApiServer } from '../api/server';

export interface Statement { sql: string; params: Record<string, unknown> }

export interface CapturingApi {
  warehouse: Warehouse;
  server: ApiServer;
  /** Sends a GraphQL query as the benchmark's account; fails on an answer with errors. */
  post(query: string): Promise<unknown>;
  /** Sends a query and returns the statements its resolvers sent to the warehouse. */
  capture(name: string, query: string): Promise<Statement[]>;
  close(): Promise<void>;
}

export async function openCapturingApi(): Promise<CapturingApi> {
  const config = loadConfig();
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  await addUser(platform, { username: 'bench', password: 'bench-password', role: 'province' });
  let captured: Statement[] | null = null;
  const server = await startServer({ ...config, api: { ...config.api, port: 0 } }, { platform, warehouse }, {
    onWarehouseQuery: ({ sql, params }) => captured?.push({ sql, params }),
  });
  const send = async (body: unknown, token?: string): Promise<any> => {
    const response = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
    });
    return response.json();
  };
  const close = async () => {
    await server.close();
    await warehouse.close();
    await platform.destroy();
  };
  let token: string;
  try {
    token = (await send({ query: 'mutation { login(username: "bench", password: "bench-password") { token } }' })).data.login.token;
  } catch (error) {
    await close();
    throw error;
  }
  const post = async (query: string, name = 'query'): Promise<unknown> => {
    const answer = await send({ query }, token);
    if (answer.errors) throw new Error(`${name}: ${JSON.stringify(answer.errors)}`);
    return answer;
  };
  return {
    warehouse,
    server,
    post: (query) => post(query),
    async capture(name, query) {
      captured = [];
      try {
        await post(query, name);
        return captured;
      } finally {
        captured = null;
      }
    },
    close,
  };
}
