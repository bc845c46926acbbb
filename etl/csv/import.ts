/**
 * Imports a folder of platform CSV files (DOMAIN.md, exchange format) into the platform database.
 *
 * Any subset of the eight files may be sent; they are read in dependency order (FILE_NAMES), so a
 * row may refer to rows already in the database or to rows of the same submission. Every row is
 * either stored (re-sending a row updates it, by id) or rejected with its file, line, column and rule;
 * nothing is dropped without a word. A row referring to a row this submission rejected is rejected
 * too, even when the database holds an older version of that row: the submitter meant the new one.
 *
 * Co-insurance: the rows of policy_shares.csv for one policy are that policy's complete set of
 * shares. They must sum to 100% on their own; when they do, they replace the shares stored for the
 * policy (insurers absent from the new set are removed); when they do not, all of them are rejected
 * and the stored set is left as it was.
 *
 * Files are streamed and stored in batches; what is kept in memory per file is the ids seen (for
 * duplicates and references) and, for policy_shares.csv, the shares until their sums are known.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse';
import type { DataSource } from 'typeorm';
import { formatHundredths } from '../money';
import { PolicyShareRow } from '../platform/entities';
import { upsertRows } from '../platform/store';
import { CellProblem } from './cells';
import { checkUtf8 } from './encoding';
import { FILE_NAMES, FILE_SPECS, FileName, FileSpec, ReferencedFile } from './files';
import type { Reject } from './rejects';
import { rowProblems } from './row-rules';

export { writeRejectsCsv } from './rejects';
export type { Reject } from './rejects';

export interface FileReport {
  file: string;
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  stored: number;
  /** Rows not stored: those with at least one reject, or all rows of a refused file. */
  rejected: number;
}

export interface ImportReport {
  files: FileReport[];
  rejects: Reject[];
}

/** The folder cannot be imported at all (missing, or holding no CSV file). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The name the import command gives its own report; importing a folder never reads it back. */
export const REJECTS_FILE = 'rejects.csv';

/** Rows validated against the database and stored together. */
const BATCH_ROWS = 5000;
/** Ids per `IN (...)` lookup, well under every dialect's bound-parameter limit. */
const LOOKUP_IDS = 500;
const WHOLE_POLICY = 10_000;

const NOUN: Record<ReferencedFile, string> = {
  enterprises: 'enterprise', insurers: 'insurer', providers: 'provider', policies: 'policy', services: 'service',
};

const csvName = (name: FileName): string => `${name}.csv`;

export async function importFolder(
  dataSource: DataSource,
  folder: string,
  options: { now?: number } = {},
): Promise<ImportReport> {
  const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(error.code === 'ENOENT' ? `folder not found: ${folder}` : `cannot read folder ${folder}: ${error.message}`);
  });
  const csvFiles = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.csv') && entry.name !== REJECTS_FILE)
    .map((entry) => entry.name);
  const expected = FILE_NAMES.map(csvName);
  if (csvFiles.length === 0) {
    throw new ImportError(`no CSV files in ${folder}: expected any of ${expected.join(', ')}`);
  }

  const submission = new Submission(dataSource, options.now);
  for (const name of csvFiles.filter((file) => !expected.includes(file)).sort()) {
    submission.rejects.push({
      file: name, line: 1, column: null, rule: 'unknown_file', value: null,
      message: `not a platform file, not imported; expected any of ${expected.join(', ')}`,
    });
  }
  const files: FileReport[] = [];
  for (const name of FILE_NAMES) {
    if (csvFiles.includes(csvName(name))) {
      files.push(await submission.importFile(FILE_SPECS[name], path.join(folder, csvName(name))));
    }
  }
  return { files, rejects: submission.rejects };
}

interface ParsedRow {
  line: number;
  row: Record<string, unknown>;
  cells: string[];
}

/** One share row waiting for its policy's sum, with its share_percent as submitted. */
interface PendingShare extends ParsedRow {
  cell: string;
}

class Submission {
  readonly rejects: Reject[] = [];
  /** Ids stored by this submission or found in the database. */
  private readonly known = new Map<ReferencedFile, Set<string>>();
  /** Ids whose rows this submission rejected, with the line of the rejected row. */
  private readonly rejectedIds = new Map<ReferencedFile, Map<string, number>>();
  /** For the policies in `known`: whose policy it is, to check the enterprise a service names. */
  private readonly policyEnterprise = new Map<string, string>();

  constructor(private readonly dataSource: DataSource, private readonly fixedNow: number | undefined) {}

  async importFile(spec: FileSpec, filePath: string): Promise<FileReport> {
    const file = csvName(spec.name);
    const report: FileReport = { file, rows: 0, stored: 0, rejected: 0 };
    const firstReject = this.rejects.length;
    const encodingProblem = await checkUtf8(filePath);
    let refused = encodingProblem !== undefined;
    if (encodingProblem) {
      this.reject(file, encodingProblem.line, null, 'encoding', encodingProblem.message, null);
    }

    let columnIndex: Map<string, number> | undefined;
    const shares = new Map<string, { rows: PendingShare[]; rejectedLines: number[] }>();
    const rejectRow = (line: number, row: Record<string, unknown>, problems: Array<Omit<Reject, 'file' | 'line'>>): void => {
      for (const problem of problems) this.reject(file, line, problem.column, problem.rule, problem.message, problem.value);
      report.rejected += 1;
      // A duplicate leaves the first row with that id standing: rows referring to the id still may.
      if (!problems.some((problem) => problem.rule === 'duplicate_id')) this.noteRejected(spec, row, line);
      if (spec.name === 'policy_shares' && typeof row.policyId === 'string') this.sharesOf(shares, row.policyId).rejectedLines.push(line);
    };
    const flush = async (batch: ParsedRow[]): Promise<void> => {
      const accepted = await this.checkAgainstOthers(spec, batch, rejectRow);
      if (spec.name === 'policy_shares') {
        for (const parsed of accepted) {
          const cell = parsed.cells[columnIndex!.get('share_percent')!];
          this.sharesOf(shares, parsed.row.policyId as string).rows.push({ ...parsed, cell });
        }
      } else {
        await this.store(spec, accepted);
        report.stored += accepted.length;
      }
    };

    const firstLines = new Map<string, number>();
    let batch: ParsedRow[] = [];
    try {
      for await (const { line, cells } of readRecords(filePath)) {
        if (columnIndex === undefined) {
          const headerProblems = checkHeader(spec, cells);
          for (const problem of headerProblems) this.reject(file, line, problem.column, problem.rule, problem.message, problem.value);
          refused ||= headerProblems.length > 0;
          columnIndex = new Map(cells.map((cell, index) => [cell.trim(), index]));
          continue;
        }
        report.rows += 1;
        if (refused) continue;
        const { row, problems } = readRow(spec, columnIndex, cells, firstLines, line);
        if (problems.length > 0) {
          rejectRow(line, row, problems);
          continue;
        }
        batch.push({ line, row, cells });
        if (batch.length >= BATCH_ROWS) {
          await flush(batch);
          batch = [];
        }
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      if (!refused) {
        const line = (error as CsvError & { lines?: number }).lines ?? report.rows + 1;
        this.reject(file, line, null, 'csv_syntax', `${error.message}; the rest of the file was not read`, null);
      }
    }
    if (columnIndex === undefined && !refused) {
      this.reject(file, 1, null, 'empty_file', `the file is empty; expected a header row: ${spec.columns.map((c) => c.column).join(', ')}`, null);
    }
    if (refused) {
      report.rejected = report.rows;
      return report;
    }
    await flush(batch);
    if (spec.name === 'policy_shares') report.stored += await this.storeShares(file, shares, report);
    // References and sums are checked after a row is read, so its rejects arrive out of line order.
    const fileRejects = this.rejects.slice(firstReject).sort((a, b) => a.line - b.line);
    this.rejects.length = firstReject;
    for (const reject of fileRejects) this.rejects.push(reject);
    return report;
  }

  private reject(file: string, line: number, column: string | null, rule: string, message: string, value: string | null): void {
    this.rejects.push({ file, line, column, rule, message, value });
  }

  private noteRejected(spec: FileSpec, row: Record<string, unknown>, line: number): void {
    if (!isReferenced(spec.name) || typeof row.id !== 'string') return;
    const rejected = mapOf(this.rejectedIds, spec.name);
    if (!rejected.has(row.id) && !this.known.get(spec.name)?.has(row.id)) rejected.set(row.id, line);
  }

  private sharesOf(shares: Map<string, { rows: PendingShare[]; rejectedLines: number[] }>, policyId: string) {
    let set = shares.get(policyId);
    if (!set) shares.set(policyId, (set = { rows: [], rejectedLines: [] }));
    return set;
  }

  /**
   * References to other files (to this submission or the database), and the services rule that
   * needs the policy's enterprise. Returns the rows that pass; the others are rejected.
   */
  private async checkAgainstOthers(
    spec: FileSpec,
    batch: ParsedRow[],
    rejectRow: (line: number, row: Record<string, unknown>, problems: Array<Omit<Reject, 'file' | 'line'>>) => void,
  ): Promise<ParsedRow[]> {
    const referenceColumns = spec.columns.filter((column) => column.references !== undefined);
    for (const column of referenceColumns) {
      const target = column.references!;
      const unknownIds = new Set<string>();
      for (const { row } of batch) {
        const id = row[column.field];
        if (typeof id === 'string' && !this.known.get(target)?.has(id) && !this.rejectedIds.get(target)?.has(id)) unknownIds.add(id);
      }
      await this.lookUpStored(target, [...unknownIds]);
    }

    const accepted: ParsedRow[] = [];
    for (const parsed of batch) {
      const problems: Array<Omit<Reject, 'file' | 'line'>> = [];
      for (const column of referenceColumns) {
        const id = parsed.row[column.field];
        if (typeof id !== 'string') continue;
        const target = column.references!;
        const rejectedLine = this.rejectedIds.get(target)?.get(id);
        if (rejectedLine !== undefined) {
          problems.push({
            column: column.column, rule: 'dangling_reference', value: id,
            message: `${NOUN[target]} "${id}" was rejected in ${csvName(target)} line ${rejectedLine}`,
          });
        } else if (!this.known.get(target)?.has(id)) {
          problems.push({
            column: column.column, rule: 'dangling_reference', value: id,
            message: `no ${NOUN[target]} "${id}" in the database or in ${csvName(target)} of this submission`,
          });
        }
      }
      const { policyId, enterpriseId } = parsed.row;
      if (spec.name === 'services' && problems.length === 0 && typeof policyId === 'string') {
        const policyEnterprise = this.policyEnterprise.get(policyId);
        if (policyEnterprise !== enterpriseId) {
          problems.push({
            column: 'enterprise_id', rule: 'service_enterprise_mismatch', value: String(enterpriseId),
            message: `policy "${policyId}" insures enterprise "${policyEnterprise}", not "${enterpriseId}"`,
          });
        }
      }
      if (problems.length > 0) rejectRow(parsed.line, parsed.row, problems);
      else accepted.push(parsed);
    }
    return accepted;
  }

  /** Adds to `known` those of `ids` the database holds. */
  private async lookUpStored(target: ReferencedFile, ids: string[]): Promise<void> {
    const known = setOf(this.known, target);
    for (let start = 0; start < ids.length; start += LOOKUP_IDS) {
      const query = this.dataSource
        .createQueryBuilder()
        .select('stored.id', 'id')
        .from(FILE_SPECS[target].entity, 'stored')
        .where('stored.id IN (:...ids)', { ids: ids.slice(start, start + LOOKUP_IDS) });
      if (target === 'policies') query.addSelect('stored.enterpriseId', 'enterpriseId');
      for (const found of await query.getRawMany<{ id: string; enterpriseId?: string }>()) {
        known.add(found.id);
        if (found.enterpriseId !== undefined) this.policyEnterprise.set(found.id, found.enterpriseId);
      }
    }
  }

  private async store(spec: FileSpec, accepted: ParsedRow[]): Promise<void> {
    if (accepted.length === 0) return;
    await upsertRows(this.dataSource, spec.entity, accepted.map((parsed) => parsed.row) as never, this.now());
    if (!isReferenced(spec.name)) return;
    const known = setOf(this.known, spec.name);
    for (const { row } of accepted) {
      known.add(row.id as string);
      if (spec.name === 'policies') this.policyEnterprise.set(row.id as string, row.enterpriseId as string);
    }
  }

  /** Checks each policy's sum, stores the complete sets and removes the insurers they no longer name. */
  private async storeShares(
    file: string,
    shares: Map<string, { rows: PendingShare[]; rejectedLines: number[] }>,
    report: FileReport,
  ): Promise<number> {
    const complete: PendingShare[] = [];
    for (const [policyId, { rows, rejectedLines }] of shares) {
      if (rows.length === 0) continue;
      const sum = rows.reduce((total, share) => total + (share.row.shareHundredths as number), 0);
      if (sum === WHOLE_POLICY) {
        complete.push(...rows);
        continue;
      }
      const lines = rows.map((share) => share.line);
      const alsoRejected = rejectedLines.length > 0
        ? `, without its rejected rows (line ${rejectedLines.sort((x, y) => x - y).join(', ')})`
        : '';
      for (const share of rows) {
        this.reject(
          file, share.line, 'share_percent', 'shares_sum',
          `the shares of policy "${policyId}" (lines ${lines.join(', ')}) sum to ${formatHundredths(sum)}%, not 100%${alsoRejected}`,
          share.cell,
        );
        report.rejected += 1;
      }
    }
    for (let start = 0; start < complete.length; start += BATCH_ROWS) {
      await upsertRows(this.dataSource, PolicyShareRow, complete.slice(start, start + BATCH_ROWS).map((share) => share.row) as never, this.now());
    }
    await this.removeStaleShares(complete);
    return complete.length;
  }

  private async removeStaleShares(complete: PendingShare[]): Promise<void> {
    const insurersByPolicy = new Map<string, Set<string>>();
    for (const { row } of complete) setOf(insurersByPolicy, row.policyId as string).add(row.insurerId as string);
    const policyIds = [...insurersByPolicy.keys()];
    const stale: Array<{ policyId: string; insurerId: string }> = [];
    for (let start = 0; start < policyIds.length; start += LOOKUP_IDS) {
      const stored = await this.dataSource
        .createQueryBuilder()
        .select('share.policyId', 'policyId')
        .addSelect('share.insurerId', 'insurerId')
        .from(PolicyShareRow, 'share')
        .where('share.policyId IN (:...ids)', { ids: policyIds.slice(start, start + LOOKUP_IDS) })
        .getRawMany<{ policyId: string; insurerId: string }>();
      stale.push(...stored.filter((share) => !insurersByPolicy.get(share.policyId)!.has(share.insurerId)));
    }
    if (stale.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const share of stale) await manager.delete(PolicyShareRow, share);
    });
  }

  /**
   * Each batch is stamped when it is written, not once per submission: a long import stamped with
   * its start time could fall behind an ETL watermark taken while it ran.
   */
  private now(): number {
    return this.fixedNow ?? Date.now();
  }
}

function isReferenced(name: FileName): name is ReferencedFile {
  return name in NOUN;
}

function setOf<K, V>(sets: Map<K, Set<V>>, key: K): Set<V> {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  return set;
}

function mapOf<K, K2, V>(maps: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}

/** Records with the line they start on (a quoted cell may span lines). */
async function* readRecords(filePath: string): AsyncGenerator<{ line: number; cells: string[] }> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  fs.createReadStream(filePath).on('error', (error) => parser.destroy(error)).pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    // A spreadsheet saves rows it once formatted as ",,,,": they hold nothing to import.
    if (record.every((cell) => cell === '')) continue;
    const innerLineBreaks = record.reduce((total, cell) => total + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    yield { line: info.lines - innerLineBreaks, cells: record };
  }
}

interface HeaderProblem {
  column: string | null;
  rule: string;
  message: string;
  value: string | null;
}

/** Columns in any order; all of the file's columns present, none other, none twice. */
function checkHeader(spec: FileSpec, header: string[]): HeaderProblem[] {
  const expected = spec.columns.map((column) => column.column);
  const refused = ' (the whole file was refused)';
  const problems: HeaderProblem[] = [];
  const seen = new Set<string>();
  for (const raw of header) {
    const name = raw.trim();
    if (seen.has(name)) {
      problems.push({ column: name, rule: 'duplicate_column', value: raw, message: `column "${name}" appears twice in the header${refused}` });
    } else if (!expected.includes(name)) {
      problems.push({
        column: name, rule: 'unknown_column', value: raw,
        message: `unknown column "${name}"; ${csvName(spec.name)} has exactly: ${expected.join(', ')}${refused}`,
      });
    }
    seen.add(name);
  }
  for (const name of expected) {
    if (!seen.has(name)) {
      problems.push({ column: name, rule: 'missing_column', value: null, message: `the header lacks column "${name}"${refused}` });
    }
  }
  return problems;
}

/** Reads every cell of a data row and applies the rules within the row. */
function readRow(
  spec: FileSpec,
  columnIndex: Map<string, number>,
  cells: string[],
  firstLines: Map<string, number>,
  line: number,
): { row: Record<string, unknown>; problems: HeaderProblem[] } {
  const row: Record<string, unknown> = {};
  if (cells.length !== columnIndex.size) {
    return {
      row,
      problems: [{ column: null, rule: 'column_count', value: null, message: `the row has ${cells.length} cells, the header has ${columnIndex.size}` }],
    };
  }
  const problems: HeaderProblem[] = [];
  for (const column of spec.columns) {
    const cell = cells[columnIndex.get(column.column)!];
    if (cell === '') {
      row[column.field] = null;
      if (column.required) problems.push({ column: column.column, rule: 'required', value: null, message: `${column.column} is required` });
      continue;
    }
    const value = column.read(cell);
    if (value instanceof CellProblem) {
      problems.push({ column: column.column, rule: value.rule, value: cell, message: value.message });
    } else {
      row[column.field] = value;
    }
  }

  const keyCells = spec.key.map((column) => cells[columnIndex.get(column)!]);
  if (keyCells.every((cell) => cell !== '')) {
    const key = keyCells.join('\u0000');
    const firstLine = firstLines.get(key);
    if (firstLine === undefined) {
      firstLines.set(key, line);
    } else {
      const keyColumn = spec.key[spec.key.length - 1];
      const what = spec.key.map((column, index) => `${column} "${keyCells[index]}"`).join(', ');
      problems.push({ column: keyColumn, rule: 'duplicate_id', value: keyCells[keyCells.length - 1], message: `${what} already on line ${firstLine} of this file` });
    }
  }
  // Cells that failed are absent from the row, and the row rules pass over absent values.
  for (const problem of rowProblems(spec.name, row)) {
    const cell = cells[columnIndex.get(problem.column)!];
    problems.push({ ...problem, value: cell === '' ? null : cell });
  }
  return { row, problems };
}
