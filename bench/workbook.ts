/**
 * The time to write a document's workbook, without the warehouse: a document shaped like a national
 * annual report (lists of enterprises, policies and claims: names, counties, counts, money, dates),
 * `--rows` rows in all over five sheets, written `--runs` times; prints the p50, the bytes and the
 * cells written per second.
 *
 *   npm run build && node dist/bench/workbook.js [--rows 200000] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { count, date, money, ratio, text, workbookBuffer, type DocumentSheet } from '../api/documents/workbook';
import { percentile } from './percentile';

function listSheet(name: string, rows: number, seed: number): DocumentSheet {
  return {
    name,
    title: `${name}（合成数据）`,
    headers: ['企业编号', '企业名称', '区县', '人数', '金额', '比例', '日期'],
    rows: Array.from({ length: rows }, (_, index) => {
      const n = index * 7919 + seed;
      return [
        text(`E${String(n % 600_000).padStart(7, '0')}`), text(`山西某某${n % 997}号煤业有限公司`), text(`1401${String(n % 90).padStart(2, '0')}`),
        count(n % 5000), money(`${n % 100000}.${String(n % 100).padStart(2, '0')}`), ratio((n % 10000) / 10000),
        date(`2024-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`),
      ];
    }),
    notes: ['合成数据，仅用于计时。'],
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, runs: { type: 'string', default: '5' } } });
  const rows = Number(values.rows);
  const runs = Number(values.runs);
  const shares = [0.5, 0.3, 0.1, 0.06, 0.04];
  const sheets = shares.map((share, index) => listSheet(`清单${index + 1}`, Math.round(rows * share), index));
  const cells = sheets.reduce((sum, sheet) => sum + sheet.rows.length * sheet.headers.length, 0);
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    bytes = (await workbookBuffer({ sheets })).length;
    times.push(performance.now() - start);
  }
  const p50 = percentile([...times].sort((a, b) => a - b), 50);
  console.log(`${rows.toLocaleString('en')} rows, ${cells.toLocaleString('en')} cells: p50 ${p50.toFixed(0)} ms of ${runs} `
    + `(${times.map((time) => time.toFixed(0)).join(', ')}), ${bytes.toLocaleString('en')} bytes, ${Math.round(cells / (p50 / 1000)).toLocaleString('en')} cells/s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
