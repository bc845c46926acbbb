/**
 * 数据报送: the templates of the files this account sends, the upload of one or several files (CSV or
 * .xlsx) with its progress, each file's rows read, stored and rejected, every rejected row with its
 * line, column, rule and message in the reader's language, the rejects to download, the request to
 * update the dashboard at once with when its figures were last updated, and the history (the
 * province sees everyone's, filterable by account). The upload goes to POST /api/submissions, not
 * through GraphQL: it is multipart, and its progress is the browser's upload progress.
 */
import { gql } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { EXCHANGE_COLUMN_TITLES, EXCHANGE_FILE_TITLES } from '../../../domain/exchange-columns';
import { FILES_SENT_BY, IMPORT_RULE_WORDS } from '../../../domain/import-rules';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { download } from '../lib/exportTable';
import { formatCount, formatTimestamp } from '../lib/format';
import { codeLabel, useI18n, type I18n, type Language } from '../lib/i18n';
import { useSession, type Viewer } from '../lib/session';

export const SUBMISSION_SUMMARY_FIELDS = gql`
  fragment SubmissionSummaryFields on Submission {
    id
    username
    receivedAt
    status
    files { name lines stored rejected }
    rejectCount
  }
`;

export const SUBMISSION_HISTORY_QUERY = gql`
  query SubmissionHistory($page: Int!, $pageSize: Int!, $username: String) {
    submissions(page: $page, pageSize: $pageSize, username: $username) {
      total
      page
      pageSize
      items { ...SubmissionSummaryFields }
    }
  }
  ${SUBMISSION_SUMMARY_FIELDS}
`;

export const DATA_UPDATED_QUERY = gql`
  query DataUpdated {
    dataFreshness { lastRun { finishedAt } }
  }
`;

export const REFRESH_DATA_MUTATION = gql`
  mutation RefreshData {
    refreshData { requestedAt finishedAt }
  }
`;

type Status = 'stored' | 'partly_stored' | 'refused' | 'running' | 'failed';

interface FileCounts { name: string; lines: number; stored: number; rejected: number }
interface Reject { file: string; line: number; column: string | null; rule: string; message: string; value: string | null }
interface UploadAnswer { id: string; status: Status; files: FileCounts[]; rejects: Reject[] }
interface SubmissionSummary { id: string; username: string; receivedAt: string; status: string; files: FileCounts[]; rejectCount: number }
interface HistoryResult { submissions: { total: number; page: number; pageSize: number; items: SubmissionSummary[] } }
interface DataUpdatedResult { dataFreshness: { lastRun: { finishedAt: string } | null } }
interface RefreshResult { refreshData: { requestedAt: string; finishedAt: string } }

const HISTORY_PAGE_SIZE = 20;
/** Rejected rows listed on the page; all of them are in the download. */
const REJECTS_SHOWN = 200;

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; percent: number }
  | { phase: 'storing' }
  | { phase: 'done'; answer: UploadAnswer }
  | { phase: 'error'; message: string };

/** Sends the files with XMLHttpRequest: fetch reports no upload progress. */
function sendFiles(files: File[], token: string, onProgress: (percent: number) => void): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/submissions');
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      try {
        resolve({ status: request.status, body: JSON.parse(request.responseText) });
      } catch {
        reject(new Error(`HTTP ${request.status}`));
      }
    };
    request.onerror = () => reject(new Error('network error'));
    request.send(form);
  });
}

function refusalOf(t: I18n['t'], status: number, body: any): string {
  const error = body?.errors?.[0];
  const message = String(error?.message ?? `HTTP ${status}`);
  if (status === 413) return t('uploadTooLarge', { message });
  if (error?.extensions?.code === 'SUBMISSION_IN_PROGRESS') return t('uploadBusy');
  return t('uploadFailed', { message });
}

/** The rejected cell's column with its Chinese title beside it, as the templates write it. */
function columnLabel(language: Language, file: string, column: string | null): string {
  if (column === null) return '—';
  const table = file.replace(/\.(csv|xlsx)$/, '');
  const title = EXCHANGE_COLUMN_TITLES[table]?.[column];
  return language === 'zh' && title ? `${column}（${title}）` : column;
}

/** In English the import's own sentence; in Chinese the rule's words and the cell as sent. */
function rejectMessage(t: I18n['t'], language: Language, reject: Reject): string {
  if (language === 'en') return reject.message;
  const words = (IMPORT_RULE_WORDS as Record<string, { zh: string } | undefined>)[reject.rule];
  if (!words) return reject.message;
  return reject.value === null ? words.zh : `${words.zh}${t('rejectValue', { value: reject.value })}`;
}

export function SubmissionsView({ viewer }: { viewer: Viewer }) {
  const { t, language } = useI18n();
  const { token } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<UploadState>({ phase: 'idle' });
  const [page, setPage] = useState(1);
  const [account, setAccount] = useState('');
  const history = useQuery<HistoryResult>(SUBMISSION_HISTORY_QUERY, {
    variables: { page, pageSize: HISTORY_PAGE_SIZE, username: viewer.role === 'province' && account !== '' ? account : null },
    fetchPolicy: 'network-only',
  });
  const updated = useQuery<DataUpdatedResult>(DATA_UPDATED_QUERY, { fetchPolicy: 'network-only' });
  const [refresh, refreshing] = useMutation<RefreshResult>(REFRESH_DATA_MUTATION);
  const files = FILES_SENT_BY[viewer.role === 'analyst' ? 'province' : viewer.role];

  async function send(): Promise<void> {
    const chosen = [...(input.current?.files ?? [])];
    if (chosen.length === 0 || token === null) {
      setUpload({ phase: 'error', message: t('uploadNoFiles') });
      return;
    }
    setUpload({ phase: 'sending', percent: 0 });
    try {
      const { status, body } = await sendFiles(chosen, token, (percent) => setUpload(percent < 100 ? { phase: 'sending', percent } : { phase: 'storing' }));
      setUpload(status === 200 ? { phase: 'done', answer: body as UploadAnswer } : { phase: 'error', message: refusalOf(t, status, body) });
    } catch (error) {
      setUpload({ phase: 'error', message: t('uploadFailed', { message: (error as Error).message }) });
    }
    void history.refetch();
  }

  async function downloadRejects(id: string): Promise<void> {
    const response = await fetch(`/api/submissions/${encodeURIComponent(id)}/rejects.csv`, { headers: { Authorization: `Bearer ${token}` } });
    download(await response.blob(), `rejects-${id}.csv`);
  }

  async function updateNow(): Promise<void> {
    await refresh();
    await updated.refetch();
  }

  const lastRun = updated.data?.dataFreshness.lastRun ?? null;
  return (
    <main className="view submissions-view">
      <h1>{t('submissionsTitle')}</h1>
      <p className="intro">{t('submissionsIntro')}</p>

      <Panel title={t('templatesTitle')} id="templates">
        <table className="table" data-table="templates">
          <thead><tr><th>{t('templateFile')}</th><th>CSV</th><th>Excel</th></tr></thead>
          <tbody>
            {files.map((name) => (
              <tr key={name}>
                <td>{language === 'zh' ? `${EXCHANGE_FILE_TITLES[name]} ${name}` : name}</td>
                <td><a href={`/api/templates/${name}.csv`} download>{name}.csv</a></td>
                <td><a href={`/api/templates/${name}.xlsx`} download>{name}.xlsx</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <Panel title={t('uploadTitle')} id="upload">
        <div className="upload-form">
          <label>
            {t('uploadChoose')}{' '}
            <input ref={input} type="file" name="files" multiple accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </label>
          <button type="button" onClick={() => void send()} disabled={upload.phase === 'sending' || upload.phase === 'storing'}>{t('uploadSend')}</button>
        </div>
        <UploadProgress state={upload} />
        {upload.phase === 'done' && <UploadResult answer={upload.answer} onDownload={() => void downloadRejects(upload.answer.id)} />}
      </Panel>

      <Panel title={t('refreshTitle')} id="refresh">
        <p data-field="last-updated">
          {lastRun ? t('refreshLastRun', { time: formatTimestamp(lastRun.finishedAt) }) : updated.loading ? t('loading') : t('refreshNever')}
        </p>
        <p className="hint">{t('refreshHint')}</p>
        <button type="button" onClick={() => void updateNow()} disabled={refreshing.loading} data-action="refresh">
          {refreshing.loading ? t('refreshRunning') : t('refreshNow')}
        </button>
        {refreshing.data && !refreshing.loading && (
          <p data-state="refreshed">{t('refreshDone', { time: formatTimestamp(refreshing.data.refreshData.finishedAt) })}</p>
        )}
        {refreshing.error && <p className="state-error" role="alert">{t('error', { message: refreshing.error.message })}</p>}
      </Panel>

      <Panel
        title={t('historyTitle')}
        id="history"
        actions={viewer.role === 'province' && (
          <label>
            {t('historyAccountFilter')}{' '}
            <input value={account} onChange={(event) => { setAccount(event.target.value.trim()); setPage(1); }} name="account" size={12} />
          </label>
        )}
      >
        <QueryState loading={history.loading} error={history.error} empty={(history.data?.submissions.items.length ?? 0) === 0} onRetry={() => void history.refetch()}>
          {history.data && (
            <>
              <table className="table" data-table="history">
                <thead>
                  <tr>
                    <th>{t('historyReceived')}</th>
                    {viewer.role === 'province' && <th>{t('historyAccount')}</th>}
                    <th>{t('historyFiles')}</th>
                    <th>{t('historyStatus')}</th>
                    <th className="num">{t('historyRejects')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.submissions.items.map((item) => (
                    <tr key={item.id} data-submission={item.id}>
                      <td>{formatTimestamp(item.receivedAt)}</td>
                      {viewer.role === 'province' && <td>{item.username}</td>}
                      <td>{item.files.map((file) => `${file.name} ${formatCount(file.stored)}/${formatCount(file.lines)}`).join(language === 'zh' ? '；' : '; ')}</td>
                      <td>{codeLabel(t, 'submissionStatus', item.status.toLowerCase())}</td>
                      <td className="num">
                        {item.rejectCount > 0
                          ? <button type="button" className="link" onClick={() => void downloadRejects(item.id)}>{formatCount(item.rejectCount)}</button>
                          : '0'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} pageSize={HISTORY_PAGE_SIZE} total={history.data.submissions.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Panel>
    </main>
  );
}

function UploadProgress({ state }: { state: UploadState }) {
  const { t } = useI18n();
  if (state.phase === 'sending') {
    return <p data-state="sending"><progress max={100} value={state.percent} /> {t('uploadSending', { percent: `${state.percent}%` })}</p>;
  }
  if (state.phase === 'storing') return <p data-state="storing"><progress /> {t('uploadStoring')}</p>;
  if (state.phase === 'error') return <p className="state-error" role="alert" data-state="upload-error">{state.message}</p>;
  return null;
}

function UploadResult({ answer, onDownload }: { answer: UploadAnswer; onDownload: () => void }) {
  const { t, language } = useI18n();
  return (
    <div className="upload-result" data-status={answer.status}>
      <p data-field="status">{t('submissionResult', { status: codeLabel(t, 'submissionStatus', answer.status) })}</p>
      <table className="table" data-table="files">
        <thead>
          <tr>
            <th>{t('templateFile')}</th><th className="num">{t('linesRead')}</th><th className="num">{t('linesStored')}</th>
            <th className="num">{t('linesRejected')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.files.map((file) => (
            <tr key={file.name} data-file={file.name}>
              <td>{file.name}</td><td className="num">{formatCount(file.lines)}</td><td className="num">{formatCount(file.stored)}</td>
              <td className="num">{formatCount(file.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.rejects.length > 0 && (
        <>
          <h3>{t('rejectsTitle', { count: formatCount(answer.rejects.length) })}</h3>
          <button type="button" onClick={onDownload} data-action="download-rejects">{t('rejectsDownload')}</button>
          {answer.rejects.length > REJECTS_SHOWN && <p className="hint">{t('rejectsShown', { shown: REJECTS_SHOWN })}</p>}
          <table className="table" data-table="rejects">
            <thead>
              <tr>
                <th>{t('templateFile')}</th><th className="num">{t('rejectLine')}</th><th>{t('rejectColumn')}</th><th>{t('rejectRule')}</th>
                <th>{t('rejectMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.rejects.slice(0, REJECTS_SHOWN).map((reject, index) => (
                <tr key={index} data-rule={reject.rule}>
                  <td>{reject.file}</td>
                  <td className="num">{reject.line}</td>
                  <td>{columnLabel(language, reject.file, reject.column)}</td>
                  <td><code>{reject.rule}</code></td>
                  <td title={reject.message}>{rejectMessage(t, language, reject)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
