/**
 * A private database per test run on the machine's PostgreSQL and MariaDB servers, dropped afterwards,
 * so that test runs never see each other's rows.
 */
import mysql from 'mysql2/promise';
import { Client } from 'pg';

export interface ServerDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createPostgresDatabase(serverUrl: string, database: string): Promise<ServerDatabase> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, database),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        // FORCE: ClickHouse's postgresql() table function may still hold pooled connections.
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function createMariaDbDatabase(serverUrl: string, database: string): Promise<ServerDatabase> {
  const admin = await mysql.createConnection(serverUrl);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, database),
    async drop() {
      const client = await mysql.createConnection(serverUrl);
      try {
        await client.query(`DROP DATABASE IF EXISTS ${database}`);
      } finally {
        await client.end();
      }
    },
  };
}
