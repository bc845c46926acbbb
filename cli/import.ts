/**
 * `npm run import -- <folder> [--rejects <file>]`: imports the platform CSV files of a folder.
 * Exit code 0: every row stored; 1: some rows or files rejected (listed on the console and in
 * rejects.csv, `<folder>/rejects.csv` unless --rejects names another file); 2: nothing could be done
 * (bad arguments, folder missing, no CSV file, database unreachable).
 */
import path from 'node:path';
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { importFolder, ImportError, REJECTS_FILE, writeRejectsCsv } from '../etl/csv/import';
import { formatReject } from '../etl/csv/rejects';

const USAGE = 'usage: npm run import -- <folder> [--rejects <file>]';

class UsageError extends Error {}

function parseArgs(args: string[]): { folder: string; rejectsFile: string } {
  let folder: string | undefined;
  let rejectsFile: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--rejects') {
      rejectsFile = args[i + 1];
      if (rejectsFile === undefined) throw new UsageError('--rejects needs a file name');
      i += 1;
    } else if (args[i].startsWith('--')) {
      throw new UsageError(`unknown option ${args[i]}`);
    } else if (folder === undefined) {
      folder = args[i];
    } else {
      throw new UsageError(`one folder only, got "${folder}" and "${args[i]}"`);
    }
  }
  if (folder === undefined) throw new UsageError('which folder?');
  return { folder: path.resolve(folder), rejectsFile: path.resolve(rejectsFile ?? path.join(folder, REJECTS_FILE)) };
}

async function main(): Promise<number> {
  const { folder, rejectsFile } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const dataSource = await openPlatformDb(config.platform);
  try {
    const report = await importFolder(dataSource, folder);
    for (const file of report.files) {
      const across = report.spanning.find((spanning) => spanning.file === file.file);
      const spanning = across === undefined
        ? ''
        : `; ${across.rows} of them across several lines (quoted cells holding line breaks), the first on lines ${across.firstLine}–${across.lastLine}`;
      console.log(`${file.file}: ${file.rows} rows read = ${file.stored} stored + ${file.rejected} rejected${spanning}`);
    }
    if (report.rejects.length === 0) {
      console.log('no rejects');
      return 0;
    }
    console.log(`\n${report.rejects.length} rejects:`);
    for (const reject of report.rejects) console.log(formatReject(reject));
    await writeRejectsCsv(rejectsFile, report.rejects);
    console.log(`\nrejects written to ${rejectsFile}`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof ImportError) console.error(`import failed: ${error.message}`);
    else console.error('import failed:', error);
    process.exitCode = 2;
  },
);
