/**
 * The repository carries its own definitions (docs/definitions.md) and stands alone: code comments
 * cite "docs/definitions.md, definition N", so the document must number its definitions 1–18, and
 * the exchange format it describes must be the one the import reads. Nothing outside docs/ may point
 * at the folder the definitions used to be read from, which a fresh checkout does not have.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FILE_NAMES, FILE_SPECS } from '../../etl/csv/files';

/** From dist/test/docs/ back to the repository root. */
const ROOT = path.resolve(__dirname, '../../..');
const DEFINITIONS = path.join(ROOT, 'docs', 'definitions.md');

/**
 * The platform's codes for the twelve items of the filing checklist (附件1 of 晋应急发〔2024〕114号):
 * four of the head office, four of the Shanxi branch, then the filed products, the three-year
 * liability record, the prevention plan and the commitment letter.
 */
const FILING_ITEM_CODES = [
  'hq_business_licence', 'hq_insurance_permit', 'hq_audited_report', 'hq_risk_rating',
  'branch_business_licence', 'branch_insurance_permit', 'branch_service_teams', 'branch_offices',
  'filed_products', 'liability_record_3y', 'prevention_plan', 'commitment_letter',
];

function definitionsText(): string {
  return fs.readFileSync(DEFINITIONS, 'utf8');
}

/** The lines of one `## ` section, up to the next one. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`docs/definitions.md has no section "## ${heading}"`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The exchange-format table: file name without `.csv` → its documented columns. */
function documentedFiles(text: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const line of section(text, 'Exchange format')) {
    const row = /^\| ([a-z_]+)\.csv \| ([^|]+) \|$/.exec(line);
    if (row) files.set(row[1], row[2].split(',').map((column) => column.trim()));
  }
  return files;
}

test('docs/definitions.md numbers its definitions 1 to 18, in order', () => {
  const numbers = [...definitionsText().matchAll(/^### (\d+)\. /gm)].map((heading) => Number(heading[1]));
  expect(numbers).toEqual(Array.from({ length: 18 }, (_, index) => index + 1));
});

test('every file the import reads is documented in the exchange-format table with exactly its columns', () => {
  const documented = documentedFiles(definitionsText());
  for (const name of FILE_NAMES) {
    expect({ file: name, columns: documented.get(name)?.slice().sort() })
      .toEqual({ file: name, columns: FILE_SPECS[name].columns.map((spec) => spec.column).sort() });
  }
});

test('every item code of the 附件1 filing checklist appears in docs/definitions.md', () => {
  const text = definitionsText();
  expect(FILING_ITEM_CODES.filter((code) => !text.includes(`\`${code}\``))).toEqual([]);
});

/** The tracked files outside docs/ whose text contains `needle`. */
function trackedFilesContaining(needle: string): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  expect(tracked).toContain('docs/definitions.md');
  return tracked
    .filter((file) => !file.startsWith('docs/'))
    .filter((file) => {
      const absolute = path.join(ROOT, file);
      // A tracked file deleted in the working tree holds nothing to point anywhere.
      return fs.existsSync(absolute) && fs.lstatSync(absolute).isFile() && fs.readFileSync(absolute, 'latin1').includes(needle);
    });
}

// The needles are assembled, and the test names spell them out loosely, so that this file does not
// match itself.
test('no tracked file outside docs/ points at the shared folder beside the repository', () => {
  expect(trackedFilesContaining(['..', 'shared'].join('/'))).toEqual([]);
});

test('no tracked file outside docs/ cites the DOMAIN file, which the repository does not hold', () => {
  expect(trackedFilesContaining(['DOMAIN', 'md'].join('.'))).toEqual([]);
});
