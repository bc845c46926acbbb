/**
 * How resolvers read the warehouse: bound parameters only, and ClickHouse's `max_execution_time` on
 * every query so that no dashboard request can hold the engine longer than configured. A failure keeps
 * its ClickHouse code for the log (see errors.ts); the client only learns that the request failed.
 *
 * The server reads through `WarehouseAccess`, which adds what one request must not do to the others:
 * - queries wait their turn in a queue per account, served in turn (fair-queue.ts), so that an account
 *   sending many requests at once is served one query at a time beside the others, not before them;
 * - a request whose client has gone (the HTTP connection closed before the answer) has its waiting
 *   queries dropped and its running one killed (`KILL QUERY`), instead of running on for nobody. A
 *   ClickHouse server stops a killed query; embedded chDB 3.4 marks it cancelled and answers at once,
 *   but its engine finishes the statement in the background, within `max_execution_time` (seen with
 *   system.processes; the queue's dropping of the rest is what frees the warehouse there).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ClickHouseSettings } from '@clickhouse/client';
import type { WarehouseConfig } from '../../config/config';
import { isEmbedded, openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { FairQueue, QueueAbandonedError } from './fair-queue';

/** A statement the warehouse refused: its ClickHouse code and SQL for the log (never for the client), the engine's error as `cause`. */
export class WarehouseQueryError extends Error {
  constructor(readonly code: string | undefined, message: string, readonly sql: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'WarehouseQueryError';
  }
}

/** The request's client went away: its warehouse work was dropped, and nobody reads the answer. */
export class RequestAbandonedError extends Error {
  constructor() {
    super('The client closed the request; its warehouse queries were cancelled.');
    this.name = 'RequestAbandonedError';
  }
}

export interface WarehouseReader {
  rows<Row>(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
}

function queryError(error: unknown, sql: string): WarehouseQueryError {
  const cause = error as { code?: unknown; message?: unknown };
  return new WarehouseQueryError(
    cause.code === undefined ? undefined : String(cause.code),
    typeof cause.message === 'string' ? cause.message : String(error),
    sql,
    { cause: error },
  );
}

export function warehouseReader(warehouse: Warehouse, maxExecutionSeconds: number): WarehouseReader {
  return {
    async rows<Row>(sql: string, params: Record<string, unknown> = {}): Promise<Row[]> {
      try {
        return await queryRows<Row>(warehouse, sql, params, { max_execution_time: maxExecutionSeconds });
      } catch (error) {
        throw queryError(error, sql);
      }
    },
  };
}

/** Sees every dashboard query before it runs: its SQL text and its bound parameters. */
export type WarehouseQueryHook = (query: { sql: string; params: Record<string, unknown>; account: string }) => void;

export interface WarehouseAccessOptions {
  maxExecutionSeconds: number;
  /**
   * A second session on the same warehouse, for `KILL QUERY`. The embedded engine runs one statement
   * at a time per session, so a kill sent on the session that runs the query would wait for it to end.
   */
  control: Warehouse;
  /** Queries of all accounts in the engine at once; the rest wait in the fair queue. */
  concurrency: number;
  onQuery?: WarehouseQueryHook;
}

/**
 * How many dashboard queries the server hands the warehouse at once. The embedded engine runs
 * parameterised statements one after another anyway (chdb's Node binding serialises them process-
 * wide, node_modules/chdb/index.js `runExclusiveParam`), so two keeps one query ready behind the
 * running one while the order of everything else stays ours; a ClickHouse server runs them in parallel.
 */
export const EMBEDDED_CONCURRENCY = 2;
export const SERVER_CONCURRENCY = 8;

/** The fair queue's account of the server's own ETL runs: a space is no letter of any username (api/auth/users.ts). */
export const ETL_ACCOUNT = 'etl run';

const NEVER_ABORTED = new AbortController().signal;

// Every query carries its own marker in `log_comment`, which system.processes shows under Settings.
const MARKER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class WarehouseAccess {
  private readonly queue: FairQueue;

  constructor(private readonly warehouse: Warehouse, private readonly options: WarehouseAccessOptions & { embedded: boolean }) {
    this.queue = new FairQueue(options.concurrency);
  }

  /** The queue's order of service so far, for tests: one account name per query started. */
  get served(): readonly string[] {
    return this.queue.served;
  }

  /** The reader of one request: its queries queue under `account` and stop when `signal` aborts. */
  forRequest(account: string, signal: AbortSignal): WarehouseReader {
    return {
      rows: async <Row>(sql: string, params: Record<string, unknown> = {}): Promise<Row[]> => {
        this.options.onQuery?.({ sql, params, account });
        try {
          await this.queue.enter(account, signal);
        } catch (error) {
          if (error instanceof QueueAbandonedError) throw new RequestAbandonedError();
          throw error;
        }
        try {
          return await this.run<Row>(sql, params, signal);
        } finally {
          this.queue.leave();
        }
      },
    };
  }

  /**
   * The warehouse as the server's own ETL runs see it: each statement waits its turn in the fair queue
   * as ETL_ACCOUNT, so that a run's statements alternate with the dashboard's queries instead of
   * running back to back ahead of them (the embedded engine takes one statement at a time, whoever
   * sends it). A refused statement keeps its SQL and ClickHouse code for the log.
   */
  forEtl(): Warehouse {
    const client = this.warehouse;
    const turn = async <T>(sql: string, statement: () => Promise<T>): Promise<T> => {
      await this.queue.enter(ETL_ACCOUNT, NEVER_ABORTED);
      try {
        return await statement();
      } catch (error) {
        throw queryError(error, sql);
      } finally {
        this.queue.leave();
      }
    };
    // The client's other methods (close, ping…) stay its own.
    const session = Object.create(client) as Warehouse;
    session.query = ((params: Parameters<Warehouse['query']>[0]) => turn(params.query, () => client.query(params))) as Warehouse['query'];
    session.command = (params) => turn(params.query, () => client.command(params));
    session.exec = (params) => turn(params.query, () => client.exec(params));
    session.insert = ((params: Parameters<Warehouse['insert']>[0]) => turn(`INSERT INTO ${params.table}`, () => client.insert(params))) as Warehouse['insert'];
    return session;
  }

  private async run<Row>(sql: string, params: Record<string, unknown>, signal: AbortSignal): Promise<Row[]> {
    if (signal.aborted) throw new RequestAbandonedError();
    const marker = randomUUID();
    const settings: ClickHouseSettings = { max_execution_time: this.options.maxExecutionSeconds, log_comment: marker };
    const kill = () => {
      this.kill(marker).catch(() => {
        // The query may have ended between the abort and the kill; nothing is left to stop then.
      });
    };
    signal.addEventListener('abort', kill, { once: true });
    try {
      const result = await this.warehouse.query({
        query: sql, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings,
        // Over HTTP the abort closes the connection as well. chDB's binding answers an abort by letting
        // go of the query without telling the engine; the kill at least marks it cancelled there.
        abort_signal: this.options.embedded ? undefined : signal,
      });
      return await result.json<Row>();
    } catch (error) {
      if (signal.aborted) throw new RequestAbandonedError();
      throw queryError(error, sql);
    } finally {
      signal.removeEventListener('abort', kill);
    }
  }

  private async kill(marker: string): Promise<void> {
    if (!MARKER.test(marker)) throw new Error(`not a query marker: ${marker}`);
    if (this.options.embedded) {
      // Bound parameters would queue the kill behind the very query it stops (see EMBEDDED_CONCURRENCY):
      // the marker is written inline, and it is a UUID made here, checked above, never client input.
      await this.options.control.command({ query: `KILL QUERY WHERE Settings['log_comment'] = '${marker}' ASYNC` });
    } else {
      await this.options.control.command({
        query: "KILL QUERY WHERE Settings['log_comment'] = {marker:String} ASYNC", query_params: { marker },
      });
    }
  }
}

/** The server's access: a control session beside the given one, and the concurrency that suits the engine. */
export async function openWarehouseAccess(
  config: WarehouseConfig, warehouse: Warehouse, options: { maxExecutionSeconds: number; onQuery?: WarehouseQueryHook },
): Promise<{ access: WarehouseAccess; close(): Promise<void> }> {
  const control = await openWarehouse(config);
  const embedded = isEmbedded(config);
  const access = new WarehouseAccess(warehouse, {
    ...options, control, embedded, concurrency: embedded ? EMBEDDED_CONCURRENCY : SERVER_CONCURRENCY,
  });
  return { access, close: () => control.close() };
}

/**
 * Aborts when the response's connection closes before the answer was written: the client gave up
 * (a closed tab, a timeout, a script that disconnects). A finished response never aborts it.
 */
export function abandonSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  // Each of the request's warehouse queries listens, waiting or running; the cost budget bounds how many.
  setMaxListeners(0, controller.signal);
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
