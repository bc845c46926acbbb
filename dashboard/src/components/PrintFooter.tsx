/**
 * The printed overview's footer: which region, day and year the page shows, when it was printed, and
 * how fresh the data is (the last ETL run's watermark), so that a sheet on a meeting table says what it
 * is. Hidden on screen (print-overview.css); the freshness answer is the one the freshness card asked for.
 */
import { useQuery } from '@apollo/client/react';
import { formatTimestamp } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { DATA_FRESHNESS_QUERY } from './HeadlineCards';

export function PrintFooter({ regionName, asOf, year }: { regionName: string; asOf: string; year: number }) {
  const { t } = useI18n();
  const run = useQuery(DATA_FRESHNESS_QUERY).data?.dataFreshness.lastRun ?? null;
  return (
    <footer className="print-footer" data-print-footer>
      {t('printFooter', {
        region: regionName,
        asOf,
        year,
        printed: formatTimestamp(Date.now()),
        watermark: run ? formatTimestamp(run.watermarkAt) : '—',
        run: run ? formatTimestamp(run.finishedAt) : '—',
      })}
    </footer>
  );
}
