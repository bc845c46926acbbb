/**
 * The history of uploads (数据报送): a submission is recorded as `running` when it begins and
 * finished with its counts and rejects in one transaction, so the history never shows a finished
 * submission without its rejects. The import writes the data rows through ./store; this module
 * writes only the history.
 */
import { randomUUID } from 'node:crypto';
import { Between, Not, type DataSource } from 'typeorm';
import { SubmissionRejectRow, SubmissionRow } from './entities';

export type SubmissionStatus = 'running' | 'stored' | 'partly_stored' | 'refused' | 'failed';

export interface SubmissionAccount {
  username: string;
  role: string;
  scope: string | null;
}

export interface SubmittedFileCounts {
  name: string;
  lines: number;
  stored: number;
  rejected: number;
}

export interface SubmissionReject {
  file: string;
  line: number;
  column: string | null;
  rule: string;
  message: string;
  value: string | null;
}

export interface SubmissionRecord extends SubmissionAccount {
  id: string;
  receivedAt: number;
  finishedAt: number | null;
  status: SubmissionStatus;
  files: SubmittedFileCounts[];
  lines: number;
  stored: number;
  rejected: number;
  rejectCount: number;
  failure: string | null;
}

/** Rows per INSERT of rejects: 7 parameters each, under every dialect's limit. */
const REJECT_BATCH = 500;

export async function beginSubmission(dataSource: DataSource, account: SubmissionAccount, now = Date.now()): Promise<string> {
  const id = randomUUID();
  await dataSource.getRepository(SubmissionRow).insert({
    id, username: account.username, role: account.role, scope: account.scope, receivedAt: now, finishedAt: null,
    status: 'running', files: '[]', lines: 0, stored: 0, rejected: 0, rejectCount: 0, failure: null,
  });
  return id;
}

export async function finishSubmission(
  dataSource: DataSource,
  id: string,
  outcome: { status: SubmissionStatus; files: SubmittedFileCounts[]; rejects: readonly SubmissionReject[]; failure?: string },
  now = Date.now(),
): Promise<void> {
  const total = (field: 'lines' | 'stored' | 'rejected'): number => outcome.files.reduce((sum, file) => sum + file[field], 0);
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < outcome.rejects.length; start += REJECT_BATCH) {
      await manager.insert(SubmissionRejectRow, outcome.rejects.slice(start, start + REJECT_BATCH).map((reject, index) => ({
        submissionId: id, seq: start + index + 1, ...reject,
      })));
    }
    await manager.update(SubmissionRow, { id }, {
      status: outcome.status, finishedAt: now, files: JSON.stringify(outcome.files),
      lines: total('lines'), stored: total('stored'), rejected: total('rejected'), rejectCount: outcome.rejects.length,
      failure: outcome.failure?.slice(0, 500) ?? null,
    });
  });
}

/**
 * A submission left `running` by a process that stopped mid-way (its rows stored so far stay: each
 * batch was a whole write): marked failed when the server starts again.
 */
export async function failAbandonedSubmissions(dataSource: DataSource, now = Date.now()): Promise<number> {
  const result = await dataSource.getRepository(SubmissionRow).update(
    { status: 'running' },
    { status: 'failed', finishedAt: now, failure: 'the server stopped while the submission was being stored; send it again' },
  );
  return result.affected ?? 0;
}

export interface SubmissionFilter {
  /** Only this account's; undefined: everyone's. */
  username?: string;
  status?: SubmissionStatus;
}

export async function listSubmissions(
  dataSource: DataSource, filter: SubmissionFilter, page: number, pageSize: number,
): Promise<{ total: number; items: SubmissionRecord[] }> {
  const where = { ...(filter.username === undefined ? {} : { username: filter.username }), ...(filter.status ? { status: filter.status } : {}) };
  const [rows, total] = await dataSource.getRepository(SubmissionRow).findAndCount({
    where, order: { receivedAt: 'DESC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize,
  });
  return { total, items: rows.map(toRecord) };
}

/** What one finished upload of an insurer account gave: its data rows stored and rejected. */
export interface InsurerUploadCounts {
  insurerId: string;
  receivedAt: number;
  stored: number;
  rejected: number;
}

/**
 * The finished uploads of insurer accounts (scoped to their insurer) received from `fromMs` to
 * `toMs`, both included: the rows each stored and rejected (the periodic evaluation's accepted share).
 */
export async function insurerUploadCounts(dataSource: DataSource, fromMs: number, toMs: number): Promise<InsurerUploadCounts[]> {
  const rows = await dataSource.getRepository(SubmissionRow).find({
    select: { scope: true, receivedAt: true, stored: true, rejected: true },
    where: { role: 'insurer', status: Not('running'), receivedAt: Between(fromMs, toMs) },
  });
  return rows.filter((row) => row.scope !== null)
    .map((row) => ({ insurerId: row.scope!, receivedAt: Number(row.receivedAt), stored: row.stored, rejected: row.rejected }));
}

export async function findSubmission(dataSource: DataSource, id: string): Promise<SubmissionRecord | undefined> {
  const row = await dataSource.getRepository(SubmissionRow).findOneBy({ id });
  return row ? toRecord(row) : undefined;
}

export async function submissionRejects(dataSource: DataSource, id: string, offset = 0, limit?: number): Promise<SubmissionReject[]> {
  const rows = await dataSource.getRepository(SubmissionRejectRow).find({
    where: { submissionId: id }, order: { seq: 'ASC' }, skip: offset, ...(limit === undefined ? {} : { take: limit }),
  });
  return rows.map(({ file, line, column, rule, message, value }) => ({ file, line, column, rule, message, value }));
}

function toRecord(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id, username: row.username, role: row.role, scope: row.scope, receivedAt: Number(row.receivedAt),
    finishedAt: row.finishedAt === null ? null : Number(row.finishedAt), status: row.status as SubmissionStatus,
    files: JSON.parse(row.files) as SubmittedFileCounts[], lines: row.lines, stored: row.stored, rejected: row.rejected,
    rejectCount: row.rejectCount, failure: row.failure,
  };
}
