/**
 * Imports a folder of platform CSV files (docs/definitions.md, exchange format) into the platform database.
 *
 * Any subset of the ten files may be sent; they are read in dependency order (FILE_NAMES), so a
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
 *
 * An upload from the dashboard (importUpload, ./submission.ts) goes through the same Submission with
 * the account's scope as rules beside these (./scope.ts), after every file's file-level rules were
 * checked first, so that a refused upload stores nothing.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { formatHundredths } from '../../domain/money';
import { EnterpriseRow, PolicyShareRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { todayInShanghai } from '../../domain/today';
import { CellProblem, CONTROL_CHARACTER, controlCharacterProblem } from './cells';
import { checkUtf8 } from './encoding';
import { FILE_NAMES, FILE_SPECS, FileName, FileSpec, REFERENCED_FILES } from './files';
import { readCsv } from './records';
import type { Reject } from './rejects';
import { rowProblems } from './row-rules';
import type { RuleName } from './rules';
import { describeSubmitter, type ScopeRules } from './scope';

export { writeRejectsCsv } from './rejects';
export type { Reject } from './rejects';
export { IMPORT_RULES, type RuleName } from './rules';

export interface FileReport {
  file: string;
  /** Data rows read (the header and empty lines not counted); always `stored + rejected`. */
  rows: number;
  stored: number;
  /** Rows not stored: those with at least one reject, or all rows of a refused file. */
  rejected: number;
}

/**
 * The rows of a file across several lines (a quoted cell holding line breaks): how many, and the
 * first one's lines. A stray quote can swallow whole lines into one cell; this says where to look.
 */
export interface SpanningRows {
  file: string;
  rows: number;
  firstLine: number;
  lastLine: number;
}

export interface ImportReport {
  files: FileReport[];
  rejects: Reject[];
  spanning: SpanningRows[];
}

export interface ImportOptions {
  /** The `updated_at` stamp of every stored row, instead of the clock at each batch. */
  now?: number;
  /** The day facts may not be after, YYYY-MM-DD; by default today in Asia/Shanghai. */
  today?: string;
}

/**
 * An upload: the account's scope as rules beside the import's own, and the whole submission checked
 * before anything is stored, so that a file-level problem in any file (its encoding, its header, a
 * file outside the scope, more rows than `maxRows` in all) refuses every file with nothing stored.
 */
export interface UploadOptions extends ImportOptions {
  scope: ScopeRules;
  maxRows: number;
}

export interface SubmittedFile {
  name: FileName;
  /** Where its CSV text is. */
  path: string;
  /** The name its rejects carry, as the submitter named it (policies.xlsx). */
  shownAs: string;
}

export interface UploadReport extends ImportReport {
  /** A file-level problem refused the whole submission; nothing was stored. */
  refused: boolean;
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
/** The longest cell a reject echoes whole: the longest column, denial_reason, holds 500. */
const REJECT_VALUE_CHARACTERS = 500;

const csvName = (name: FileName): string => `${name}.csv`;

export async function importFolder(dataSource: DataSource, folder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(error.code === 'ENOENT' ? `folder not found: ${folder}` : `cannot read folder ${folder}: ${error.message}`);
  });
  const csvEntries = entries.filter((entry) => entry.name.toLowerCase().endsWith('.csv') && entry.name !== REJECTS_FILE);
  const expected = FILE_NAMES.map(csvName);
  if (csvEntries.length === 0) {
    throw new ImportError(`no CSV files in ${folder}: expected any of ${expected.join(', ')}`);
  }

  const submission = new Submission(dataSource, options.now, options.today ?? todayInShanghai());
  const csvFiles: string[] = [];
  for (const entry of [...csvEntries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isSymbolicLink()) {
      const target = await fs.promises.readlink(path.join(folder, entry.name)).catch(() => 'an unreadable target');
      submission.refuse(entry.name, 'symlink', `is a symbolic link to ${target}; links are not followed: copy the file itself into the folder`);
    } else if (!entry.isFile()) {
      submission.refuse(entry.name, 'not_a_file', 'is not a regular file (a directory, device or pipe); not read');
    } else if (!expected.includes(entry.name)) {
      submission.refuse(entry.name, 'unknown_file', `not a platform file, not imported; expected any of ${expected.join(', ')}`);
    } else {
      csvFiles.push(entry.name);
    }
  }
  const files: FileReport[] = [];
  for (const name of FILE_NAMES) {
    if (csvFiles.includes(csvName(name))) {
      files.push(await submission.importFile(FILE_SPECS[name], { name, path: path.join(folder, csvName(name)), shownAs: csvName(name) }));
    }
  }
  return { files, rejects: submission.rejects, spanning: submission.spanning };
}

/**
 * Imports the files of an upload (at most one per platform file; the caller has matched their names)
 * through the same rules as a folder, with the account's scope, all or nothing at the file level.
 */
export async function importUpload(dataSource: DataSource, submitted: readonly SubmittedFile[], options: UploadOptions): Promise<UploadReport> {
  const submission = new Submission(dataSource, options.now, options.today ?? todayInShanghai(), options.scope);
  const ordered = FILE_NAMES.flatMap((name) => submitted.filter((file) => file.name === name));
  const checked = await submission.checkWholeFiles(ordered, options.maxRows);
  if (checked.refused) return { files: checked.files, rejects: submission.rejects, spanning: [], refused: true };
  const files: FileReport[] = [];
  for (const file of ordered) files.push(await submission.importFile(FILE_SPECS[file.name], file));
  return { files, rejects: submission.rejects, spanning: submission.spanning, refused: false };
}

/**
 * Opens a submitted file without following a link, should one have replaced the file since the
 * folder was listed.
 */
async function openSubmittedFile(filePath: string): Promise<FileHandle> {
  const handle = await fs.promises.open(filePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new ImportError(`${filePath} is no longer a regular file`);
  }
  return handle;
}

/** A problem of one row, before the file and line are added. */
interface RowReject {
  column: string | null;
  rule: RuleName;
  message: string;
  value: string | null;
}

/** What the rows read so far in a file hold, for the rules between rows. */
interface SeenInFile {
  /** The line of the first row with each key. */
  firstLines: Map<string, number>;
  /** For enterprises.csv: the first enterprise given each USCC, and its line. */
  usccOwners: Map<string, { id: string; line: number }>;
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
  readonly spanning: SpanningRows[] = [];
  /** Ids stored by this submission or found in the database. */
  private readonly known = new Map<FileName, Set<string>>();
  /** Ids whose rows this submission rejected, with the line of the rejected row. */
  private readonly rejectedIds = new Map<FileName, Map<string, number>>();
  /** For the policies in `known`: whose policy it is, to check the enterprise a service names. */
  private readonly policyEnterprise = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly fixedNow: number | undefined,
    private readonly today: string,
    private readonly scope?: ScopeRules,
  ) {}

  /** A file of the folder that is not read at all. */
  refuse(file: string, rule: RuleName, message: string): void {
    this.reject(file, 1, null, rule, message, null);
  }

  async importFile(spec: FileSpec, submitted: SubmittedFile): Promise<FileReport> {
    const handle = await openSubmittedFile(submitted.path);
    try {
      return await this.readFile(spec, handle, submitted.shownAs);
    } finally {
      await handle.close();
    }
  }

  /**
   * The file-level rules of every file, before any row is stored: the scope's files, the encoding,
   * the header, and the rows of the whole submission against `maxRows`. For an insurer, the
   * policies that policy_shares.csv gives it a share of are noted on the way.
   */
  async checkWholeFiles(files: readonly SubmittedFile[], maxRows: number): Promise<{ refused: boolean; files: FileReport[] }> {
    const reports: FileReport[] = [];
    let rowsSoFar = 0;
    let overLimit = false;
    for (const submitted of files) {
      const spec = FILE_SPECS[submitted.name];
      const file = submitted.shownAs;
      const report: FileReport = { file, rows: 0, stored: 0, rejected: 0 };
      reports.push(report);
      if (this.scope && !this.scope.permitsFile(submitted.name)) {
        this.refuse(file, 'file_out_of_scope', `${describeSubmitter(this.scope.submitter)} may not send ${csvName(submitted.name)}; the submission was refused`);
      }
      const handle = await openSubmittedFile(submitted.path);
      try {
        // As in readFile: a refused file's rows are still counted, so rows read = stored + rejected.
        const encodingProblem = await checkUtf8(handle);
        let fileRefused = encodingProblem !== undefined;
        if (encodingProblem) this.reject(file, encodingProblem.line, null, 'encoding', `${encodingProblem.message} (the submission was refused)`, null);
        let headerRead = false;
        let policyColumn = -1;
        let insurerColumn = -1;
        for await (const items of readCsv(handle)) {
          for (const item of items) {
            if (!headerRead) {
              headerRead = true;
              if (item.kind === 'broken') {
                if (!fileRefused) this.reject(file, item.line, null, item.rule, `${item.message} (the submission was refused)`, null);
                fileRefused = true;
                continue;
              }
              const problems = fileRefused ? [] : checkHeader(spec, item.cells);
              for (const problem of problems) this.reject(file, item.line, problem.column, problem.rule, problem.message, problem.value);
              const header = item.cells.map(headerName);
              policyColumn = header.indexOf('policy_id');
              insurerColumn = header.indexOf('insurer_id');
              continue;
            }
            report.rows += 1;
            rowsSoFar += 1;
            if (rowsSoFar > maxRows && !overLimit) {
              overLimit = true;
              this.reject(file, item.line, null, 'too_many_rows', `the submission holds more than ${maxRows} rows, the most one upload may; send it in parts`, null);
            }
            if (submitted.name === 'policy_shares' && item.kind === 'record' && policyColumn >= 0 && insurerColumn >= 0) {
              this.scope?.noteSubmittedShare(item.cells[policyColumn] ?? '', item.cells[insurerColumn] ?? '');
            }
          }
        }
        if (!headerRead && !fileRefused) {
          this.reject(file, 1, null, 'empty_file', `the file is empty; expected a header row: ${spec.columns.map((c) => c.column).join(', ')}`, null);
        }
      } finally {
        await handle.close();
      }
    }
    const refused = this.rejects.length > 0;
    if (refused) for (const report of reports) report.rejected = report.rows;
    return { refused, files: reports };
  }

  private async readFile(spec: FileSpec, handle: FileHandle, file: string): Promise<FileReport> {
    const report: FileReport = { file, rows: 0, stored: 0, rejected: 0 };
    const firstReject = this.rejects.length;
    const encodingProblem = await checkUtf8(handle);
    let refused = encodingProblem !== undefined;
    if (encodingProblem) {
      this.reject(file, encodingProblem.line, null, 'encoding', encodingProblem.message, null);
    }

    let columnIndex: Map<string, number> | undefined;
    let header: string[] = [];
    const shares = new Map<string, { rows: PendingShare[]; rejectedLines: number[] }>();
    const rejectRow = (line: number, row: Record<string, unknown>, problems: RowReject[]): void => {
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

    const seen: SeenInFile = { firstLines: new Map(), usccOwners: new Map() };
    let batch: ParsedRow[] = [];
    let headerRead = false;
    let spanning: SpanningRows | undefined;
    for await (const items of readCsv(handle)) {
      for (const item of items) {
        if (!headerRead) {
          headerRead = true;
          if (item.kind === 'broken') {
            if (!refused) this.reject(file, item.line, null, item.rule, `${item.message} (the whole file was refused)`, null);
            refused = true;
            continue;
          }
          header = item.cells.map(headerName);
          const headerProblems = checkHeader(spec, item.cells);
          if (!refused) {
            for (const problem of headerProblems) this.reject(file, item.line, problem.column, problem.rule, problem.message, problem.value);
          }
          refused ||= headerProblems.length > 0;
          columnIndex = new Map(header.map((name, index) => [name, index]));
          continue;
        }
        report.rows += 1;
        if (refused) continue;
        if (item.kind === 'broken') {
          this.reject(file, item.line, item.cellIndex === null ? null : header[item.cellIndex] ?? null, item.rule, item.message, null);
          report.rejected += 1;
          continue;
        }
        if (item.lastLine > item.line) {
          spanning ??= { file, rows: 0, firstLine: item.line, lastLine: item.lastLine };
          spanning.rows += 1;
        }
        const { row, problems } = readRow(spec, columnIndex!, item.cells, item.controlCharacters, seen, item.line, this.today);
        if (problems.length > 0) {
          rejectRow(item.line, row, problems);
          continue;
        }
        batch.push({ line: item.line, row, cells: item.cells });
        if (batch.length >= BATCH_ROWS) {
          await flush(batch);
          batch = [];
        }
      }
    }
    if (!headerRead && !refused) {
      this.reject(file, 1, null, 'empty_file', `the file is empty; expected a header row: ${spec.columns.map((c) => c.column).join(', ')}`, null);
    }
    if (refused) {
      report.rejected = report.rows;
      return report;
    }
    if (spanning) this.spanning.push(spanning);
    await flush(batch);
    if (spec.name === 'policy_shares') report.stored += await this.storeShares(file, shares, report);
    if (report.stored + report.rejected !== report.rows) {
      throw new Error(`${file}: ${report.rows} rows read but ${report.stored} stored and ${report.rejected} rejected`);
    }
    // References and sums are checked after a row is read, so its rejects arrive out of line order.
    const fileRejects = this.rejects.slice(firstReject).sort((a, b) => a.line - b.line);
    this.rejects.length = firstReject;
    for (const reject of fileRejects) this.rejects.push(reject);
    return report;
  }

  private reject(file: string, line: number, column: string | null, rule: RuleName, message: string, value: string | null): void {
    // Enough of the cell to find it; a 10 MB cell echoed whole would drown the console and rejects.csv.
    const shown = value !== null && value.length > REJECT_VALUE_CHARACTERS
      ? `${value.slice(0, REJECT_VALUE_CHARACTERS)}… (${value.length} characters)`
      : value;
    this.rejects.push({ file, line, column, rule, message, value: shown });
  }

  private noteRejected(spec: FileSpec, row: Record<string, unknown>, line: number): void {
    if (!REFERENCED_FILES.has(spec.name) || typeof row.id !== 'string') return;
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
    rejectRow: (line: number, row: Record<string, unknown>, problems: RowReject[]) => void,
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

    const usccHolders = spec.name === 'enterprises' ? await this.storedUsccHolders(batch) : undefined;
    const scopeProblems = this.scope ? await this.scope.problems(spec.name, batch.map((parsed) => parsed.row)) : undefined;

    const accepted: ParsedRow[] = [];
    for (const [index, parsed] of batch.entries()) {
      const problems: RowReject[] = [...(scopeProblems?.[index] ?? [])];
      const holder = usccHolders?.get(parsed.row.uscc as string)?.find((id) => id !== parsed.row.id);
      if (holder !== undefined) {
        problems.push({
          column: 'uscc', rule: 'duplicate_uscc', value: parsed.row.uscc as string,
          message: `unified social credit code ${parsed.row.uscc} is stored for enterprise "${holder}": one code, one enterprise`,
        });
      }
      for (const column of referenceColumns) {
        const id = parsed.row[column.field];
        if (typeof id !== 'string') continue;
        const target = column.references!;
        const rejectedLine = this.rejectedIds.get(target)?.get(id);
        if (rejectedLine !== undefined) {
          problems.push({
            column: column.column, rule: 'dangling_reference', value: id,
            message: `${FILE_SPECS[target].noun} "${id}" was rejected in ${csvName(target)} line ${rejectedLine}`,
          });
        } else if (!this.known.get(target)?.has(id)) {
          problems.push({
            column: column.column, rule: 'dangling_reference', value: id,
            message: `no ${FILE_SPECS[target].noun} "${id}" in the database or in ${csvName(target)} of this submission`,
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

  /**
   * The stored enterprises holding each USCC of the batch. One that the batch gives another code is
   * left out, as the batch's rows are stored together: two enterprises may swap codes in one file.
   */
  private async storedUsccHolders(batch: ParsedRow[]): Promise<Map<string, string[]>> {
    const usccOfBatchId = new Map(batch.map(({ row }) => [row.id as string, row.uscc as string]));
    const codes = [...new Set(usccOfBatchId.values())];
    const holders = new Map<string, string[]>();
    for (let start = 0; start < codes.length; start += LOOKUP_IDS) {
      const stored = await this.dataSource
        .createQueryBuilder()
        .select('stored.id', 'id')
        .addSelect('stored.uscc', 'uscc')
        .from(EnterpriseRow, 'stored')
        .where('stored.uscc IN (:...codes)', { codes: codes.slice(start, start + LOOKUP_IDS) })
        .getRawMany<{ id: string; uscc: string }>();
      for (const { id, uscc } of stored) {
        const newCode = usccOfBatchId.get(id);
        if (newCode === undefined || newCode === uscc) mapOfArrays(holders, uscc).push(id);
      }
    }
    return holders;
  }

  /** Adds to `known` those of `ids` the database holds. */
  private async lookUpStored(target: FileName, ids: string[]): Promise<void> {
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
    if (!REFERENCED_FILES.has(spec.name)) return;
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

function setOf<K, V>(sets: Map<K, Set<V>>, key: K): Set<V> {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  return set;
}

function mapOfArrays<K, V>(arrays: Map<K, V[]>, key: K): V[] {
  let array = arrays.get(key);
  if (!array) arrays.set(key, (array = []));
  return array;
}

function mapOf<K, K2, V>(maps: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}

/**
 * A header cell's column name: the cell without the spaces around it and without a note in
 * parentheses after the name, as the templates write it: `county_code（区县代码）`.
 */
function headerName(cell: string): string {
  return cell.trim().replace(/^([a-z_]+)\s*[（(][^()（）]*[)）]$/, '$1');
}

/** Columns in any order; all of the file's columns present, none other, none twice. */
function checkHeader(spec: FileSpec, header: string[]): RowReject[] {
  const expected = spec.columns.map((column) => column.column);
  const refused = ' (the whole file was refused)';
  const problems: RowReject[] = [];
  const seen = new Set<string>();
  for (const raw of header) {
    const name = headerName(raw);
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
  controlCharacters: boolean,
  seen: SeenInFile,
  line: number,
  today: string,
): { row: Record<string, unknown>; problems: RowReject[] } {
  const row: Record<string, unknown> = {};
  if (cells.length !== columnIndex.size) {
    return {
      row,
      problems: [{ column: null, rule: 'column_count', value: null, message: `the row has ${cells.length} cells, the header has ${columnIndex.size}` }],
    };
  }
  const problems: RowReject[] = [];
  for (const column of spec.columns) {
    const cell = cells[columnIndex.get(column.column)!];
    if (cell === '') {
      row[column.field] = null;
      if (column.required) problems.push({ column: column.column, rule: 'required', value: null, message: `${column.column} is required` });
      continue;
    }
    const control = controlCharacters ? CONTROL_CHARACTER.exec(cell) : null;
    const value = control ? controlCharacterProblem(control[0]) : column.read(cell);
    if (value instanceof CellProblem) {
      problems.push({ column: column.column, rule: value.rule, value: cell, message: value.message });
    } else {
      row[column.field] = value;
    }
  }

  const keyCells = spec.key.map((column) => cells[columnIndex.get(column)!]);
  if (keyCells.every((cell) => cell !== '')) {
    const key = keyCells.join('\u0000');
    const firstLine = seen.firstLines.get(key);
    if (firstLine === undefined) {
      seen.firstLines.set(key, line);
    } else {
      const keyColumn = spec.key[spec.key.length - 1];
      const what = spec.key.map((column, index) => `${column} "${keyCells[index]}"`).join(', ');
      problems.push({ column: keyColumn, rule: 'duplicate_id', value: keyCells[keyCells.length - 1], message: `${what} already on line ${firstLine} of this file` });
    }
  }
  if (spec.name === 'enterprises' && typeof row.uscc === 'string' && typeof row.id === 'string') {
    const owner = seen.usccOwners.get(row.uscc);
    if (owner === undefined) {
      seen.usccOwners.set(row.uscc, { id: row.id, line });
    } else if (owner.id !== row.id) {
      problems.push({
        column: 'uscc', rule: 'duplicate_uscc', value: row.uscc,
        message: `unified social credit code ${row.uscc} already belongs to enterprise "${owner.id}" on line ${owner.line}: one code, one enterprise`,
      });
    }
  }
  // Cells that failed are absent from the row, and the row rules pass over absent values.
  for (const problem of rowProblems(spec.name, row, today)) {
    const cell = cells[columnIndex.get(problem.column)!];
    problems.push({ ...problem, value: cell === '' ? null : cell });
  }
  return { row, problems };
}
