/**
 * Cell readers of the CSV exchange format (docs/definitions.md): each turns the text of one cell
 * into the value stored in the platform database, or into a `CellProblem` naming the rule it broke. An empty cell is
 * null; whether null is allowed is the column's business, not the reader's.
 */
import { parseHundredths } from '../../domain/money';
import { regionByCode } from '../../domain/regions';
import { usccCheckCharacter, usccProblem } from '../../domain/uscc';
import type { RuleName } from './rules';

export class CellProblem {
  constructor(readonly rule: RuleName, readonly message: string) {}
}

export type CellReader = (text: string) => unknown;

/** The platform's INTEGER columns are 32-bit on PostgreSQL and MySQL. */
const MAX_COUNT = 2_147_483_647;
/** Hundredths of a percent: 10000 is the whole policy. */
const WHOLE_POLICY = 10_000;

/**
 * Characters no one types into a cell: NUL and the other C0 controls but tab and line breaks, and DEL.
 * They come from binary corruption or a file read in the wrong encoding, and PostgreSQL cannot store
 * NUL in text at all.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** In an id even tabs and line breaks are out of place. */
const ID_CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const ID_SUSPECT = /^\s|\s$|[\u0000-\u001f\u007f]/;

export function controlCharacterProblem(character: string): CellProblem {
  const code = `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return new CellProblem('control_character', `holds the control character ${code}${character === '\u0000' ? ' (NUL)' : ''}; remove it`);
}

/**
 * The submitter's own ids and the references to them, matched exactly. Whitespace around an id is
 * rejected rather than trimmed: "E0000001 " and "E0000001" are different ids to the database, and
 * guessing which one was meant could merge two rows the submitter keeps apart, or split one.
 */
export function identifier(maxLength: number): CellReader {
  const length = text(maxLength);
  return (cell) => {
    if (ID_SUSPECT.test(cell)) {
      const control = ID_CONTROL_CHARACTER.exec(cell);
      if (control) return controlCharacterProblem(control[0]);
      return new CellProblem('id_whitespace', `${JSON.stringify(cell)} starts or ends with whitespace; ids are matched exactly, remove it`);
    }
    return length(cell);
  };
}

export function text(maxLength: number): CellReader {
  return (cell) => (cell.length <= maxLength ? cell : new CellProblem('too_long', `${cell.length} characters, at most ${maxLength} allowed`));
}

export function oneOf(what: string, allowed: readonly string[], emptyMeans?: string): CellReader {
  const choices = allowed.join(', ') + (emptyMeans ? `, or empty for ${emptyMeans}` : '');
  return (cell) => (allowed.includes(cell) ? cell : new CellProblem('enum', `"${cell}" is not a known ${what}; allowed: ${choices}`));
}

/** County-level division codes only: every fact is attributed to one of the 117 counties. */
export function countyCode(cell: string): unknown {
  const region = regionByCode(cell);
  if (region?.level === 'county') return cell;
  const hint = region ? ` (${region.code} is the ${region.level} ${region.name}; give the county-level code)` : '';
  return new CellProblem('county_code', `"${cell}" is not one of Shanxi's 117 county-level division codes${hint}`);
}

export function uscc(cell: string): unknown {
  switch (usccProblem(cell)) {
    case undefined:
      return cell;
    case 'length':
      return new CellProblem('uscc_length', `a unified social credit code has 18 characters, this one has ${cell.length}`);
    case 'character':
      return new CellProblem('uscc_character', 'a unified social credit code uses only 0-9 and A-Y without I, O, S, V, Z (GB 32100)');
    case 'check':
      return new CellProblem(
        'uscc_check',
        `check character is ${cell[17]}, GB 32100 gives ${usccCheckCharacter(cell.slice(0, 17))} for the first 17 characters`,
      );
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function date(cell: string): unknown {
  const match = DATE.exec(cell);
  if (!match) return new CellProblem('date_format', 'expected a date as YYYY-MM-DD');
  const [year, month, day] = match.slice(1).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return new CellProblem('date_invalid', `${cell} is not a calendar date`);
  }
  return cell;
}

/** Money in CNY → whole fen. */
export function money(cell: string): unknown {
  const fen = parseHundredths(cell);
  if (fen === undefined) {
    return /^-?\d+\.\d{3,}$/.test(cell)
      ? new CellProblem('money_places', 'money has at most 2 decimal places')
      : new CellProblem('money_format', 'expected an amount in CNY as a plain decimal, e.g. 12345.60');
  }
  if (fen < 0) return new CellProblem('money_negative', 'money cannot be negative');
  return fen;
}

/**
 * A calendar year the platform may hold figures for: its rules begin with the 2024 circular, so a
 * year before 2020 is a slip of the keyboard rather than history.
 */
const FIRST_YEAR = 2020;

export function year(cell: string): unknown {
  if (/^\d{4}$/.test(cell) && Number(cell) >= FIRST_YEAR) return Number(cell);
  return new CellProblem('year', `expected a year as four digits, ${FIRST_YEAR} or later`);
}

/** Counts of people, hazards and the like. */
export function count(cell: string): unknown {
  if (/^\d+$/.test(cell) && Number(cell) <= MAX_COUNT) return Number(cell);
  return new CellProblem('integer', `expected a whole number from 0 to ${MAX_COUNT}`);
}

/** Spreadsheets rewrite true/false as TRUE/FALSE when they save a CSV, so case is not significant. */
export function boolean(cell: string): unknown {
  const lower = cell.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return new CellProblem('boolean', 'expected true or false');
}

/** A co-insurance share in percent → hundredths of a percent. */
export function sharePercent(cell: string): unknown {
  const hundredths = parseHundredths(cell);
  if (hundredths === undefined) {
    return new CellProblem('share_format', 'expected a percentage as a plain decimal with at most 2 places, e.g. 33.34');
  }
  if (hundredths <= 0 || hundredths > WHOLE_POLICY) {
    return new CellProblem('share_range', 'a share is more than 0 and at most 100 percent');
  }
  return hundredths;
}
