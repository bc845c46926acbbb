/**
 * `npm run etl [-- --mode pull|stream]`: copies the platform database's changes into the warehouse
 * and prints what it did. Exit codes: 0 done, 1 failed, 2 bad arguments or configuration, 3 another
 * run holds the lock.
 *
 * `--pause-after-table <table>` is for the crash test only (test/etl/etl-crash.test.ts): the run
 * stops after that table's rows are stored, before the watermark moves, prints
 * `paused after <table>` and waits to be killed.
 */
import { ConfigError, loadConfig } from '../config';
import { DATA_TABLES } from '../warehouse/schema';
import { EtlLockedError, formatRunSummary, runEtl, type EtlPath } from '../load/run';

interface Arguments {
  mode?: EtlPath;
  pauseAfterTable?: string;
}

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '--mode' && (value === 'pull' || value === 'stream')) parsed.mode = value;
    else if (name === '--pause-after-table' && DATA_TABLES.some((table) => table.name === value)) parsed.pauseAfterTable = value;
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
  const pauseAfterTable = args.pauseAfterTable;
  try {
    const summary = await runEtl(config, {
      mode: args.mode,
      log: (line) => console.log(line),
      progress: process.stdout.isTTY === true,
      onTableLoaded: pauseAfterTable
        ? async (table) => {
          if (table !== pauseAfterTable) return;
          console.log(`paused after ${table}`);
          // Keeps the process (and the lock) alive until it is killed.
          await new Promise(() => setInterval(() => undefined, 60_000));
        }
        : undefined,
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
