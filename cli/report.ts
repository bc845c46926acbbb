/**
 * `npm run report -- --year 2024 --insurer <id> --out <file.xlsx>`: the annual report (年度报告) of one
 * insurer as a workbook, the same one `GET /api/documents/annual-report.xlsx` downloads.
 * `npm run report -- --year 2024 [--quarter 2] --evaluation [--city <code>] --out <file.xlsx>`: the
 * periodic evaluation (定期评估) of every insurer, of the province or of one city's business, the same
 * one `GET /api/documents/evaluation.xlsx` downloads.
 *
 * Each mode is a document of api/documents/registry.ts; the options given become its arguments by
 * name (`--year 2024` is `year=2024`), so a mode is chosen by a flag and reads its own options. The
 * command sees everything, like a province account: it is run by whoever runs the platform.
 *
 * With the embedded warehouse, one process at a time can open it: stop the server first (or point
 * CLICKHOUSE_URL at a ClickHouse server, which any number of processes share).
 * Exit codes: 0 written, 1 failed, 2 bad arguments or configuration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { RULEBOOK } from '../domain/rulebook';
import { openPlatformDb } from '../platform/data-source';
import { openWarehouse } from '../warehouse/client';
import { lastSuccessfulRun } from '../warehouse/run-log';
import { makeLoaders, makeOnce } from '../api/common/context';
import { warehouseReader } from '../api/common/warehouse';
import type { DocumentContext } from '../api/documents/documents';
import { DOCUMENTS } from '../api/documents/registry';
import { workbookBuffer } from '../api/documents/workbook';

const USAGE = 'usage: npm run report -- --year YYYY --insurer <id> --out <file.xlsx>\n'
  + '       npm run report -- --year YYYY [--quarter 1-4] --evaluation [--city <code>] --out <file.xlsx>';

/** The option values each mode takes, by their names on the command line. */
const OPTIONS = {
  year: { type: 'string' },
  insurer: { type: 'string' },
  evaluation: { type: 'boolean' },
  quarter: { type: 'string' },
  city: { type: 'string' },
  out: { type: 'string' },
} as const;

/**
 * Which document the flags ask for. A new mode adds its flag and options to OPTIONS, its branch here,
 * and its document to api/documents/registry.ts.
 */
function documentName(values: Record<string, string | boolean | undefined>): string {
  return values.evaluation === true ? 'evaluation.xlsx' : 'annual-report.xlsx';
}

/** The document's arguments: the options but `--out` and the mode flag; `--city` is the evaluation's region. */
function documentArguments(values: Record<string, string | boolean | undefined>): Map<string, string> {
  return new Map(Object.entries(values)
    .filter((entry): entry is [string, string] => entry[0] !== 'out' && typeof entry[1] === 'string')
    .map(([name, value]) => [name === 'city' ? 'region' : name, value]));
}

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let config;
  try {
    ({ values } = parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }));
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? `configuration: ${error.message}` : `${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const out = values.out;
  if (typeof out !== 'string' || !out.endsWith('.xlsx')) {
    console.error(`--out must name an .xlsx file\n${USAGE}`);
    return 2;
  }
  const name = documentName(values);
  const kind = DOCUMENTS[name];
  const args = documentArguments(values);

  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  try {
    const reader = warehouseReader(warehouse, config.warehouse.maxExecutionSeconds);
    const context: DocumentContext = {
      viewer: { username: 'npm run report', role: 'province', scope: null },
      warehouse: reader,
      rulebook: RULEBOOK,
      lastRun: await lastSuccessfulRun(warehouse),
      platform,
      loaders: makeLoaders(reader),
      once: makeOnce(),
    };
    const started = Date.now();
    const document = await kind.build(context, args);
    const workbook = await workbookBuffer(document);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, workbook);
    console.log(`${kind.title}: ${document.sheets.length} sheets, ${workbook.length} bytes in ${Date.now() - started} ms → ${out}`);
    return 0;
  } catch (error) {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    console.error(code === 'BAD_USER_INPUT' || code === 'NOT_FOUND' ? (error as Error).message : error);
    return code === 'BAD_USER_INPUT' ? 2 : 1;
  } finally {
    await warehouse.close();
    await platform.destroy();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
