/** Previous and next over a list paged on the server, with where the reader is and how much there is. */
import { formatCount } from '../lib/format';
import { useI18n } from '../lib/i18n';

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="pages">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>{t('previousPage')}</button>
      <span>{t('pageOf', { page, pages, total: formatCount(total) })}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>{t('nextPage')}</button>
    </nav>
  );
}
