/**
 * npm run generate -- --seed 42 --scale shanxi [--years 2022-2025] [--until YYYY-MM-DD] [--csv <folder>] [--replace]
 *
 * Writes the deterministic demo dataset into the platform database of the configuration (DATA_DIR,
 * PLATFORM_DB_URL), or with --csv as the ten exchange-format CSV files into a folder. Prints rows
 * per table, premium totals and the time taken.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import {
  DEFAULT_YEARS, GenerateOptionsError, SCALES, formatSummary, generateToCsv, generateToDatabase, parseScale, parseSeed, parseUntil, parseYears,
  type GenerateOptions, type GenerateProgress,
} from '../etl/generate';
import { openPlatformDb } from '../platform/data-source';
import { todayInShanghai } from '../domain/today';

const USAGE = `usage: npm run generate -- [--seed N] [--scale ${SCALES.join('|')}] [--years YYYY-YYYY] [--until YYYY-MM-DD] [--csv <folder>] [--replace]
  --seed     whole number, default 42; the same seed gives the same data byte for byte
  --scale    tiny (about 300 enterprises), shanxi (default, about 6,000), national (about 600,000)
  --years    years in which policies start, default ${DEFAULT_YEARS.from}-${DEFAULT_YEARS.to}
  --until    the data's last day when that is inside the last year, default today (Asia/Shanghai):
             the import refuses facts dated after today
  --csv      write the exchange-format CSV files into this folder instead of the platform database
  --replace  delete the demo tables' rows in the platform database first`;

interface Arguments {
  options: GenerateOptions;
  csvFolder?: string;
  replace: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const options: GenerateOptions = { seed: 42, scale: 'shanxi', years: DEFAULT_YEARS, until: todayInShanghai() };
  let csvFolder: string | undefined;
  let replace = false;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--replace') {
      replace = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[i + 1];
    if (!['--seed', '--scale', '--years', '--until', '--csv'].includes(flag)) throw new GenerateOptionsError(`unknown argument "${flag}"\n${USAGE}`);
    if (value === undefined || value.startsWith('--')) throw new GenerateOptionsError(`${flag} needs a value\n${USAGE}`);
    i += 1;
    if (flag === '--seed') options.seed = parseSeed(value);
    else if (flag === '--scale') options.scale = parseScale(value);
    else if (flag === '--years') options.years = parseYears(value);
    else if (flag === '--until') options.until = parseUntil(value);
    else csvFolder = path.resolve(value);
  }
  if (replace && csvFolder !== undefined) throw new GenerateOptionsError('--replace applies to the platform database, not to --csv');
  return { options, csvFolder, replace };
}

/** A line per tenth of the enterprises: national scale takes minutes. */
function progressPrinter(): (progress: GenerateProgress) => void {
  let lastTenth = 0;
  return ({ enterprisesDone, enterprisesPlanned }) => {
    const tenth = Math.floor((enterprisesDone * 10) / Math.max(1, enterprisesPlanned));
    if (tenth > lastTenth && tenth < 10) {
      lastTenth = tenth;
      console.error(`  ${tenth * 10}% of ${enterprisesPlanned} enterprises`);
    }
  };
}

async function main(): Promise<void> {
  const { options, csvFolder, replace } = parseArguments(process.argv.slice(2));
  const onProgress = options.scale === 'national' ? progressPrinter() : undefined;
  if (csvFolder !== undefined) {
    console.log(formatSummary(await generateToCsv(csvFolder, { ...options, onProgress })));
    return;
  }
  const config = loadConfig();
  const dataSource = await openPlatformDb(config.platform);
  try {
    console.log(formatSummary(await generateToDatabase(dataSource, { ...options, replace, onProgress })));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof GenerateOptionsError || error instanceof ConfigError) console.error(error.message);
  else console.error('generate failed:', error);
  process.exitCode = 1;
});
