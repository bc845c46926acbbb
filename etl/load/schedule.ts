/**
 * Runs the ETL on an interval inside a long-running process (the server). With the embedded
 * warehouse the server holds chDB's directory, so a separate `npm run etl` cannot open it; this is
 * how imports reach the dashboard then. Runs never overlap: the next waits for the previous one.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { Warehouse } from '../../warehouse/client';
import { EtlLockedError, runEtl, type EtlRunSummary } from './run';

export interface EtlSchedule {
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
  let stopped = false;

  const tick = (): void => {
    running = runEtl(config, handles)
      .then((summary) => events.onFinished(summary))
      .catch((error: unknown) => {
        // Another process running the ETL (a server warehouse) is not a failure: the next tick retries.
        if (!(error instanceof EtlLockedError)) events.onError(error as Error);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };

  if (intervalMs > 0) timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
