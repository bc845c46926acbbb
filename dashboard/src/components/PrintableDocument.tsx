/**
 * A printable document page (the annual report, the periodic evaluation): the convention every such
 * page follows, so that one print stylesheet (styles.css, `@media print`) prints them all cleanly on A4.
 *
 *   <PrintableDocument name="annual-report" title=… subtitle=… actions=…>   → main.document[data-document]
 *     <DocumentSection id=… title=… note=…> <table className="table"> … </table> </DocumentSection>
 *   </PrintableDocument>
 *
 * - `actions` (download, submit, print) sit in `.document-actions`, which is not printed; nor is the
 *   shell's header and navigation.
 * - Each section is a `section.document-section` with an h2; a table's `thead` repeats on every page
 *   it breaks across, and a row never splits between pages.
 * - The footer (`.document-footer`) carries the day the page was printed and the data's freshness (the
 *   last ETL run); in print it stands at the foot of every page.
 */
import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { formatTimestamp } from '../lib/format';
import { useI18n } from '../lib/i18n';

export const DOCUMENT_FRESHNESS_QUERY = gql`
  query DocumentFreshness {
    dataFreshness { lastRun { runId finishedAt watermarkAt } }
  }
`;

interface DocumentFreshnessResult {
  dataFreshness: { lastRun: { runId: string; finishedAt: string; watermarkAt: string } | null };
}

export function PrintableDocument({ name, title, subtitle, actions, children }: {
  name: string; title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode;
}) {
  const { t } = useI18n();
  const freshness = useQuery<DocumentFreshnessResult>(DOCUMENT_FRESHNESS_QUERY);
  const run = freshness.data?.dataFreshness.lastRun ?? null;
  return (
    <main className="document" data-document={name}>
      <header className="document-header">
        <h1>{title}</h1>
        {subtitle && <div className="document-subtitle">{subtitle}</div>}
        {actions && <div className="document-actions">{actions}<button type="button" onClick={() => window.print()}>{t('print')}</button></div>}
      </header>
      {children}
      <footer className="document-footer" data-document-footer>
        <span>{t('printedOn', { time: formatTimestamp(Date.now()) })}</span>
        <span>{run ? t('dataAsOf', { time: formatTimestamp(run.finishedAt) }) : t('noEtlRun')}</span>
      </footer>
    </main>
  );
}

export function DocumentSection({ id, title, note, children }: { id: string; title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section className="document-section" id={id} data-section={id}>
      <h2>{title}</h2>
      {children}
      {note && <p className="hint">{note}</p>}
    </section>
  );
}
