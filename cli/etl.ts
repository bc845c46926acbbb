/**
 * `npm run etl [-- --mode pull|stream]`: copies the platform database's changes into the warehouse
 * and prints what it did. Exit codes: 0 done, 1 failed, 2 bad arguments or configuration, 3 another
 * run holds the lock.
 *
 * `--fault-point <name>[@<table>]` is for the fault tests only (test/etl/etl-faults.test.ts): the run
 * stops at that named point (etl/fault-points.ts; the per-table ones at the named table, else at the
 * first), prints `fault point <name>[@<table>] reached` and waits to be killed.
 */
import { ConfigError, loadConfig } from '../config/config';
import { FAULT_POINTS, isFaultPoint, type FaultHook } from '../etl/fault-points';
import { DATA_TABLES } from '../warehouse/schema';
import { EtlLockedError, formatRunSummary, runEtl, type EtlPath } from '../etl/load/run';

interface Arguments {
  mode?: EtlPath;
  faultPoint?: { point: string; table?: string };
}

function parseFaultPoint(value: string | undefined): { point: string; table?: string } {
  const [point, table] = (value ?? '').split('@');
  if (!isFaultPoint(point)) throw new Error(`unknown fault point "${point}"; the fault points are: ${FAULT_POINTS.join(', ')}`);
  if (table !== undefined && !DATA_TABLES.some((candidate) => candidate.name === table)) throw new Error(`unknown table "${table}" in --fault-point`);
  return { point, table };
}

/** Stops the run at the named point until the process is killed. */
function stopAt(faultPoint: { point: string; table?: string }): FaultHook {
  return async (point, table) => {
    if (point !== faultPoint.point || (faultPoint.table !== undefined && table !== faultPoint.table)) return;
    console.log(`fault point ${point}${table === undefined ? '' : `@${table}`} reached`);
    // Keeps the process (and the lock) alive until it is killed.
    await new Promise(() => setInterval(() => undefined, 60_000));
  };
}

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '--mode' && (value === 'pull' || value === 'stream')) parsed.mode = value;
    else if (name === '--fault-point') parsed.faultPoint = parseFaultPoint(value);
    else throw new Error(`unknown argument "${name}${value === undefined ? '' : ` ${value}`}"; usage: npm run etl [-- --mode pull|stream]`);
    i += 1;
  }
  return parsed;
}

async function main(): Promise<number> {
  let args: Arguments;
  let config;
  try {
    args = parseArguments(process.argv.slice(2));
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).message);
    return 2;
  }
  try {
    const summary = await runEtl(config, {
      mode: args.mode,
      log: (line) => console.log(line),
      progress: process.stdout.isTTY === true,
      atFaultPoint: args.faultPoint && stopAt(args.faultPoint),
    });
    console.log(formatRunSummary(summary));
    return 0;
  } catch (error) {
    if (error instanceof EtlLockedError) {
      console.error(error.message);
      return 3;
    }
    console.error((error as Error).message);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
