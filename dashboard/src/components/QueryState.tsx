/**
 * The same three states for every chart and table: loading, empty and error (with the server's
 * message and a retry). A FORBIDDEN answer says so plainly instead of a generic failure.
 */
import type { ReactNode } from 'react';
import { errorCode, errorMessage } from '../lib/apollo';
import { useI18n } from '../lib/i18n';

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
    const forbidden = errorCode(error) === 'FORBIDDEN';
    return (
      <div className="state state-error" role="alert" style={{ minHeight }} data-state="error">
        <p>{forbidden ? t('forbidden', { message: errorMessage(error) }) : t('error', { message: errorMessage(error) })}</p>
        {onRetry && !forbidden && <button type="button" onClick={onRetry}>{t('retry')}</button>}
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
