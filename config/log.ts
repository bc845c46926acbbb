/**
 * The log: one JSON line per event (pino), on stdout unless a destination is given, at LOG_LEVEL.
 * Lines name what happened and carry its figures as fields; they never carry a token, a password or a
 * request's variables (the sign-in mutation's variables are a password). The SQL of a failed
 * warehouse statement is written here and only here: the client gets a sentence (api/common/errors.ts).
 */
import pino from 'pino';
import type { LogConfig } from './config';

export type Log = pino.Logger;

/** `destination` receives each line as a string; tests pass one to read what was logged. */
export function createLog(config: LogConfig, destination?: pino.DestinationStream): Log {
  return pino({ level: config.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/**
 * What the log keeps of a failure: its message, its ClickHouse code and the statement's SQL when the
 * warehouse refused one (api/common/warehouse.ts `WarehouseQueryError` carries both), and its stack.
 */
export function failureFields(failure: Error): Record<string, unknown> {
  const { code, sql } = failure as { code?: unknown; sql?: unknown };
  return {
    error: failure.message,
    clickhouseCode: code === undefined ? undefined : String(code),
    sql: typeof sql === 'string' ? sql : undefined,
    stack: failure.stack,
  };
}
