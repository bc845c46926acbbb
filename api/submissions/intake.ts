/**
 * What the server needs to take submissions, handed to it by the command that starts it (cli/): the
 * import with its rules lives in etl/, which the API does not import, and so does the ETL that a
 * submitter may ask to run at once.
 */
import type { SubmissionAccount, SubmissionReject, SubmissionStatus, SubmittedFileCounts } from '../../platform/submissions';

/** A file of an upload as received: the name the submitter gave it and where its bytes are. */
export interface UploadedFile {
  submittedName: string;
  path: string;
}

export interface SubmissionAnswer {
  id: string;
  status: Exclude<SubmissionStatus, 'running' | 'failed'>;
  files: SubmittedFileCounts[];
  rejects: SubmissionReject[];
}

export interface SubmissionIntake {
  /**
   * Takes one submission of the account: 'busy' at once while another of the same account runs;
   * otherwise `receive` writes the upload's files into the folder it is given (and may throw), and
   * the files are imported and recorded.
   */
  submit(account: SubmissionAccount, receive: (folder: string) => Promise<UploadedFile[]>): Promise<SubmissionAnswer | 'busy'>;
  /** Runs the ETL now (after a run in progress), resolving when its data is on the dashboard. */
  refreshData(): Promise<void>;
}

/** The roles that submit files; analysts read. */
export const SUBMITTING_ROLES: ReadonlySet<string> = new Set(['province', 'city', 'insurer']);
