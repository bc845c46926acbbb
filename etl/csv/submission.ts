/**
 * Submissions from the dashboard (数据报送): the files of one upload matched to the exchange files,
 * spreadsheets read into CSV, imported through the import's own rules with the account's scope
 * (./import.ts importUpload, ./scope.ts), and recorded in the history with their rejects
 * (platform/submissions.ts). One submission at a time per account: a second one is answered "busy"
 * before its files are read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import {
  beginSubmission, failAbandonedSubmissions, finishSubmission, type SubmissionAccount, type SubmissionReject, type SubmissionStatus, type SubmittedFileCounts,
} from '../../platform/submissions';
import { FILE_NAMES, type FileName } from './files';
import { importUpload, type SubmittedFile } from './import';
import { ScopeRules, type Submitter } from './scope';
import { SpreadsheetError, xlsxToCsv } from './xlsx';

/** A file of an upload as received: the name the submitter gave it and where its bytes are. */
export interface UploadedFile {
  submittedName: string;
  path: string;
}

export interface SubmissionLimits {
  /** Data rows in all files of one submission. */
  maxRows: number;
  /** What an .xlsx may unpack to. */
  maxUnpackedBytes: number;
}

export interface SubmissionAnswer {
  id: string;
  status: Exclude<SubmissionStatus, 'running' | 'failed'>;
  files: SubmittedFileCounts[];
  rejects: SubmissionReject[];
}

/** The longest file name a reject repeats: the name is the submitter's own text. */
const SHOWN_NAME_CHARACTERS = 64;
const EXCHANGE_NAME = /^([a-z_]+)\.(csv|xlsx)$/;

export function submitterOf(account: SubmissionAccount): Submitter | undefined {
  if (account.role === 'province') return { role: 'province' };
  if (account.role === 'city' && account.scope) return { role: 'city', cityCode: account.scope };
  if (account.role === 'insurer' && account.scope) return { role: 'insurer', insurerId: account.scope };
  return undefined;
}

/** The name as a reject shows it: no control characters or path, at most 64 characters. */
function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > SHOWN_NAME_CHARACTERS ? `${printable.slice(0, SHOWN_NAME_CHARACTERS)}…` : printable || '(no name)';
}

export class SubmissionDesk {
  private readonly busy = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: SubmissionLimits,
    /** Where uploads are kept while they are read, under DATA_DIR. */
    private readonly workDir: string,
  ) {}

  /**
   * Ready for a server's start: uploads a stopped process was reading are deleted, and submissions
   * it left running are recorded as failed (what each stored before it stopped stays stored).
   */
  async open(): Promise<void> {
    await fs.promises.rm(this.workDir, { recursive: true, force: true });
    await failAbandonedSubmissions(this.dataSource);
  }

  /**
   * `receive` writes the upload's files into the folder it is given and lists them; it may throw
   * (too large, a broken request), and then nothing is recorded.
   */
  async submit(
    account: SubmissionAccount,
    receive: (folder: string) => Promise<UploadedFile[]>,
    options: { today?: string } = {},
  ): Promise<SubmissionAnswer | 'busy'> {
    const submitter = submitterOf(account);
    if (!submitter) throw new Error(`account "${account.username}" (${account.role}) may not submit`);
    if (this.busy.has(account.username)) return 'busy';
    this.busy.add(account.username);
    await fs.promises.mkdir(this.workDir, { recursive: true, mode: 0o700 });
    const folder = await fs.promises.mkdtemp(path.join(this.workDir, 'upload-'));
    try {
      const uploaded = await receive(folder);
      const id = await beginSubmission(this.dataSource, account);
      try {
        const answer = await this.importFiles(id, submitter, uploaded, folder, options.today);
        await finishSubmission(this.dataSource, id, answer);
        return answer;
      } catch (error) {
        await finishSubmission(this.dataSource, id, { status: 'failed', files: [], rejects: [], failure: (error as Error).message });
        throw error;
      }
    } finally {
      this.busy.delete(account.username);
      await fs.promises.rm(folder, { recursive: true, force: true });
    }
  }

  private async importFiles(
    id: string, submitter: Submitter, uploaded: readonly UploadedFile[], folder: string, today: string | undefined,
  ): Promise<SubmissionAnswer> {
    const rejects: SubmissionReject[] = [];
    const refuse = (file: string, rule: string, message: string): void => {
      rejects.push({ file, line: 1, column: null, rule, message: `${message}; the submission was refused`, value: null });
    };
    const expected = FILE_NAMES.map((name) => `${name}.csv`).join(', ');
    const files: SubmittedFile[] = [];
    const sheets = new Map<string, Map<number, number>>();
    for (const [index, upload] of uploaded.entries()) {
      const shown = shownName(upload.submittedName);
      const match = EXCHANGE_NAME.exec(upload.submittedName);
      const name = match && (FILE_NAMES as readonly string[]).includes(match[1]) ? (match[1] as FileName) : undefined;
      if (!name) {
        refuse(shown, 'unknown_file', `"${shown}" is not a platform file: name it as one of ${expected} (or .xlsx)`);
        continue;
      }
      if (files.some((file) => file.name === name)) {
        refuse(shown, 'duplicate_file', `${name} is sent twice in this upload`);
        continue;
      }
      let csvPath = upload.path;
      if (match![2] === 'xlsx') {
        csvPath = path.join(folder, `sheet-${index}.csv`);
        try {
          sheets.set(shown, (await xlsxToCsv(upload.path, csvPath, this.limits.maxUnpackedBytes)).sheetRowOfLine);
        } catch (error) {
          if (!(error instanceof SpreadsheetError)) throw error;
          refuse(shown, 'spreadsheet', error.message);
          continue;
        }
      }
      files.push({ name, path: csvPath, shownAs: shown });
    }
    if (uploaded.length === 0) refuse('(none)', 'empty_file', `the upload holds no file: send any of ${expected}`);
    if (rejects.length > 0) {
      return { id, status: 'refused', files: uploaded.map((upload) => ({ name: shownName(upload.submittedName), lines: 0, stored: 0, rejected: 0 })), rejects };
    }

    const report = await importUpload(this.dataSource, files, {
      scope: new ScopeRules(this.dataSource, submitter), maxRows: this.limits.maxRows, today,
    });
    const counts = report.files.map((file) => ({ name: file.file, lines: file.rows, stored: file.stored, rejected: file.rejected }));
    const shownRejects = report.rejects.map((reject) => ({ ...reject, line: sheets.get(reject.file)?.get(reject.line) ?? reject.line }));
    const status = report.refused ? 'refused' : counts.some((file) => file.rejected > 0) ? 'partly_stored' : 'stored';
    return { id, status, files: counts, rejects: shownRejects };
  }
}
