/**
 * How resolvers read the warehouse: bound parameters only, and ClickHouse's `max_execution_time` on
 * every query so that no dashboard request can hold the engine longer than configured. A failure keeps
 * its ClickHouse code for the log (see errors.ts); the client only learns that the request failed.
 */
import { queryRows, type Warehouse } from '../../etl/warehouse/client';

export class WarehouseQueryError extends Error {
  constructor(readonly code: string | undefined, message: string, readonly sql: string) {
    super(message);
    this.name = 'WarehouseQueryError';
  }
}

export interface WarehouseReader {
  rows<Row>(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
}

export function warehouseReader(warehouse: Warehouse, maxExecutionSeconds: number): WarehouseReader {
  return {
    async rows<Row>(sql: string, params: Record<string, unknown> = {}): Promise<Row[]> {
      try {
        return await queryRows<Row>(warehouse, sql, params, { max_execution_time: maxExecutionSeconds });
      } catch (error) {
        const cause = error as { code?: unknown; message?: unknown };
        throw new WarehouseQueryError(
          cause.code === undefined ? undefined : String(cause.code),
          typeof cause.message === 'string' ? cause.message : String(error),
          sql,
        );
      }
    },
  };
}
