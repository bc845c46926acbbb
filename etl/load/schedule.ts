/**
 * Runs the ETL on an interval inside a long-running process (the server). With the embedded
 * warehouse the server holds chDB's directory, so a separate `npm run etl` cannot open it; this is
 * how imports reach the dashboard then. Runs never overlap: the next waits for the previous one.
 * `runNow` (a submitter asking for its data to reach the dashboard at once) starts a run after the
 * one in progress, if any: that one may have read the platform database before the submission was
 * stored. Requests arriving while a run waits to start share it.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { Warehouse } from '../../warehouse/client';
import { EtlLockedError, runEtl, type EtlRunSummary } from './run';

export interface EtlSchedule {
  /** A run begun after this call, and its summary once it has published. */
  runNow(): Promise<EtlRunSummary>;
  stop(): Promise<void>;
}

export function scheduleEtl(
  config: Config,
  handles: { platform: DataSource; warehouse: Warehouse },
  events: { onFinished(summary: EtlRunSummary): void; onError(error: Error): void },
): EtlSchedule {
  const intervalMs = config.etl.intervalSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  /** A requested run that has not started yet. */
  let waiting: Promise<EtlRunSummary> | undefined;
  let stopped = false;

  const run = (): Promise<EtlRunSummary> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const result = running.then(() => {
      waiting = undefined;
      return runEtl(config, handles);
    });
    running = result
      .then((summary) => events.onFinished(summary))
      .catch((error: unknown) => {
        // Another process running the ETL (a server warehouse) is not a failure: the next tick retries.
        if (!(error instanceof EtlLockedError)) events.onError(error as Error);
      })
      .finally(() => {
        if (!stopped && intervalMs > 0 && waiting === undefined) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(tick, intervalMs);
        }
      });
    return result;
  };

  const tick = (): void => {
    run().catch(() => undefined);
  };

  if (intervalMs > 0) timer = setTimeout(tick, intervalMs);
  return {
    runNow() {
      if (stopped) return Promise.reject(new Error('the server is stopping; no new ETL run'));
      waiting ??= run();
      return waiting;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
