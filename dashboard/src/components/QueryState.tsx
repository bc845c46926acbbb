/**
 * The same three states for every chart and table: loading, empty and error (with the server's
 * message and a retry). An answer that asking again cannot change — outside the account's scope
 * (FORBIDDEN), not there for this account (NOT_FOUND) — says so in the reader's language, without a
 * retry, with the way back to the account's own start page; the server's sentence stays on hover.
 */
import type { ReactNode } from 'react';
import { errorCode, errorMessage } from '../lib/apollo';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link } from '../lib/router';

const FINAL_ANSWERS: Partial<Record<string, MessageKey>> = { FORBIDDEN: 'forbiddenQuery', NOT_FOUND: 'notFoundQuery' };

interface QueryStateProps {
  loading: boolean;
  error?: unknown;
  empty: boolean;
  onRetry?: () => void;
  /** Keeps the box the size of the content it stands for, so the page does not jump. */
  minHeight?: number;
  children: ReactNode;
}

export function QueryState({ loading, error, empty, onRetry, minHeight = 120, children }: QueryStateProps) {
  const { t } = useI18n();
  if (error) {
    const code = errorCode(error);
    const final = code === null ? undefined : FINAL_ANSWERS[code];
    if (final) {
      return (
        <div className="state state-error" role="alert" style={{ minHeight }} data-state="error" data-code={code} title={errorMessage(error)}>
          <p>{t(final)}</p>
          <Link href="/">{t('backHome')}</Link>
        </div>
      );
    }
    return (
      <div className="state state-error" role="alert" style={{ minHeight }} data-state="error">
        <p>{t('error', { message: errorMessage(error) })}</p>
        {onRetry && <button type="button" onClick={onRetry}>{t('retry')}</button>}
      </div>
    );
  }
  if (loading) {
    return <div className="state state-loading" aria-busy="true" style={{ minHeight }} data-state="loading">{t('loading')}</div>;
  }
  if (empty) {
    return <div className="state state-empty" style={{ minHeight }} data-state="empty">{t('empty')}</div>;
  }
  return <>{children}</>;
}

/** A titled panel around one chart or table. */
export function Panel({ title, actions, children, id }: { title: string; actions?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="panel" aria-labelledby={id ? `${id}-title` : undefined} data-panel={id}>
      <header className="panel-header">
        <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
