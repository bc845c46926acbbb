/**
 * The words of the import's rules and the titles of the exchange columns (domain/), which the
 * dashboard shows and the templates write: complete for every rule and every column, in both
 * languages, and every rule the import can name is one of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXCHANGE_COLUMN_TITLES, EXCHANGE_FILE_TITLES } from '../../domain/exchange-columns';
import { FILES_SENT_BY, IMPORT_RULE_WORDS } from '../../domain/import-rules';
import { PLATFORM_TABLE_LIST, PLATFORM_TABLE_NAMES } from '../../platform/tables';

const CHINESE = /[\u3400-\u9fff]/;

it('every column of every exchange file has its Chinese title, and nothing else has one', () => {
  for (const table of PLATFORM_TABLE_LIST) {
    expect(Object.keys(EXCHANGE_COLUMN_TITLES[table.name]).sort()).toEqual(table.columns.map((column) => column.column).sort());
    expect(EXCHANGE_FILE_TITLES[table.name]).toMatch(CHINESE);
    for (const title of Object.values(EXCHANGE_COLUMN_TITLES[table.name])) expect(title).toMatch(CHINESE);
  }
  expect(Object.keys(EXCHANGE_COLUMN_TITLES).sort()).toEqual([...PLATFORM_TABLE_NAMES].sort());
});

it('every rule has its words in English (no Chinese) and in Chinese', () => {
  for (const [rule, words] of Object.entries(IMPORT_RULE_WORDS)) {
    expect([rule, CHINESE.test(words.en)]).toEqual([rule, false]);
    expect([rule, CHINESE.test(words.zh)]).toEqual([rule, true]);
  }
});

it('every rule name written in etl/csv/ is one of the rules', () => {
  const folder = path.resolve(__dirname, '..', '..', '..', 'etl', 'csv');
  const named = new Set<string>();
  for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(folder, file), 'utf8');
    for (const match of source.matchAll(/rule: '([a-z_]+)'/g)) named.add(match[1]);
    // refuse(file, rule, message) and reject(file, line, column, rule, message, value)
    for (const match of source.matchAll(/refuse\([^,]+, '([a-z_]+)'/g)) named.add(match[1]);
    for (const match of source.matchAll(/reject\([^,]+, [^,]+, [^,]+, '([a-z_]+)'/g)) named.add(match[1]);
  }
  expect(named.size).toBeGreaterThan(10);
  expect([...named].filter((rule) => !(rule in IMPORT_RULE_WORDS))).toEqual([]);
});

it('each role sends files of the exchange format; the province all of them', () => {
  expect(FILES_SENT_BY.province).toEqual(PLATFORM_TABLE_NAMES);
  for (const files of Object.values(FILES_SENT_BY)) for (const file of files) expect(PLATFORM_TABLE_NAMES).toContain(file);
});
