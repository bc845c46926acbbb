/**
 * 导出 CSV / 导出 Excel beside a list or table. The table is built when the button is pressed, so a
 * paged list can fetch every page first (`allPages`): the file holds the whole list, not the page on
 * screen. A failed export says why under the buttons and leaves the view as it was.
 */
import { useState } from 'react';
import { errorMessage } from '../lib/apollo';
import { csvBlob, download, xlsxBlob, type ExportTable } from '../lib/exportTable';
import { useI18n } from '../lib/i18n';

/** The API's largest page: an export reads a list in pages of this size. */
export const EXPORT_PAGE_SIZE = 200;

/** Every row of a paged list, page after page until the total is reached. */
export async function allPages<Item>(read: (page: number, pageSize: number) => Promise<{ total: number; items: Item[] }>): Promise<Item[]> {
  const rows: Item[] = [];
  for (let page = 1; ; page += 1) {
    const { total, items } = await read(page, EXPORT_PAGE_SIZE);
    rows.push(...items);
    if (rows.length >= total || items.length === 0) return rows;
  }
}

export function ExportButtons({ name, fileName, sheet, table, disabled }: {
  /** Marks the buttons for tests and screen readers: which list they export. */
  name: string;
  fileName: string;
  sheet: string;
  table: () => ExportTable | Promise<ExportTable>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setFailure(null);
    try {
      const built = await table();
      if (format === 'csv') download(csvBlob(built), `${fileName}.csv`);
      else download(await xlsxBlob(built, sheet.slice(0, 31)), `${fileName}.xlsx`);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <span className="export-buttons" data-export={name}>
      <button type="button" onClick={() => run('csv')} disabled={disabled}>{t('exportCsv')}</button>
      <button type="button" onClick={() => run('xlsx')} disabled={disabled}>{t('exportExcel')}</button>
      {failure && <span role="alert" className="state-error">{t('error', { message: failure })}</span>}
    </span>
  );
}
