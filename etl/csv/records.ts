/**
 * Reads a CSV file (RFC 4180: comma-separated, a cell in double quotes may hold commas, line breaks
 * and doubled quotes) into records, accounting for every line.
 *
 * A general-purpose parser stops at the first quoting error and whatever it had buffered is lost
 * with it; here a broken record becomes an item of its own, naming the line where its bad cell
 * opens, and reading goes on: the lines after that line are read again as records. A stray quote
 * therefore costs the one row that holds it, never the rows around it.
 *
 * Line breaks are CRLF, LF or a lone CR (what old spreadsheets on the Mac write); inside a quoted
 * cell they are kept as written. A UTF-8 byte order mark at the start is dropped. Lines that are
 * empty or hold only commas (a spreadsheet saves rows it once formatted as ",,,,") hold nothing and
 * are passed over.
 */
import type { FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { CONTROL_CHARACTER } from './cells';
import { fileChunks } from './chunks';

export interface CsvRecord {
  kind: 'record';
  /** The line the record starts on; the first line of the file is 1. */
  line: number;
  /** The line it ends on, later than `line` when a quoted cell holds a line break. */
  lastLine: number;
  cells: string[];
  /** Whether one of its lines holds a control character, so that only those rows are searched cell by cell. */
  controlCharacters: boolean;
}

/** A record that cannot be read as cells: the rows it could have held are read again after `line`. */
export interface BrokenRecord {
  kind: 'broken';
  /** The line where the bad cell opens. */
  line: number;
  /** The index of that cell in the record; null when the row as a whole is at fault. */
  cellIndex: number | null;
  /** `csv_syntax`, or `column_count` for a quoted cell across lines that leaves the row the wrong length. */
  rule: 'csv_syntax' | 'column_count';
  message: string;
}

export type CsvItem = CsvRecord | BrokenRecord;

/**
 * No column allows more than 500 characters, so a quoted cell across more lines than this cannot be
 * valid: stopping there bounds what a stray opening quote holds in memory and costs.
 */
const MAX_CELL_LINES = 1000;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LINE_BREAK = /\r\n|\n|\r/g;

interface Line {
  number: number;
  text: string;
  /** The characters that ended it: '\r\n', '\n', '\r', or '' at the end of the file. */
  lineBreak: string;
}

/** The physical lines of the file, a chunk's worth at a time. */
async function* physicalLines(handle: FileHandle): AsyncGenerator<Line[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  let first = true;
  const split = (text: string, final: boolean): Line[] => {
    const lines: Line[] = [];
    LINE_BREAK.lastIndex = 0;
    let start = 0;
    for (let match = LINE_BREAK.exec(text); match !== null; match = LINE_BREAK.exec(text)) {
      // A CR at the end of a chunk may be the first half of a CRLF.
      if (!final && match[0] === '\r' && match.index === text.length - 1) break;
      number += 1;
      lines.push({ number, text: text.slice(start, match.index), lineBreak: match[0] });
      start = match.index + match[0].length;
    }
    pending = text.slice(start);
    if (final && pending !== '') {
      number += 1;
      lines.push({ number, text: pending, lineBreak: '' });
      pending = '';
    }
    return lines;
  };
  for await (const chunk of fileChunks(handle)) {
    let text = pending + decoder.write(chunk);
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    yield split(text, false);
  }
  yield split(pending + decoder.end(), true);
}

/** A record being read: its cells so far and, while a quoted cell is open, that cell's text so far. */
interface OpenRecord {
  lines: Line[];
  cells: string[];
  quoted: string | null;
  /** The line where the open quoted cell began. */
  quotedFrom: number;
  /** The first line where a quoted cell continued onto the next line, if any. */
  firstSpanFrom: number | undefined;
  controlCharacters: boolean;
}

type ScanResult = { done: true } | { done: false } | { error: string; cellLine: number; cellIndex: number };

const DONE: ScanResult = { done: true };
const OPEN: ScanResult = { done: false };

/** Reads one physical line into the record: whole when it ends outside quotes. */
function scanLine(record: OpenRecord, line: Line): ScanResult {
  const { text } = line;
  const { cells } = record;
  let position = 0;
  if (record.quoted === null && text.indexOf('"') === -1) {
    for (const cell of text.split(',')) cells.push(cell);
    return DONE;
  }
  let quoted = record.quoted;
  for (;;) {
    if (quoted !== null) {
      const closing = text.indexOf('"', position);
      if (closing === -1) {
        record.quoted = quoted + text.slice(position) + line.lineBreak;
        record.firstSpanFrom ??= record.quotedFrom;
        return OPEN;
      }
      quoted += text.slice(position, closing);
      const next = text.charCodeAt(closing + 1);
      if (next === QUOTE) {
        quoted += '"';
        position = closing + 2;
        continue;
      }
      if (closing + 1 === text.length || next === COMMA) {
        cells.push(quoted);
        quoted = null;
        record.quoted = null;
        if (closing + 1 === text.length) return DONE;
        position = closing + 2;
        continue;
      }
      return {
        error: `the quoted cell opened on line ${record.quotedFrom} closes on line ${line.number}, but "${text[closing + 1]}" follows its`
          + ' closing quote; a quote inside a quoted cell is written twice ("")',
        cellLine: record.quotedFrom,
        cellIndex: cells.length,
      };
    }
    if (text.charCodeAt(position) === QUOTE) {
      quoted = '';
      record.quotedFrom = line.number;
      position += 1;
      continue;
    }
    const comma = text.indexOf(',', position);
    const end = comma === -1 ? text.length : comma;
    const cell = text.slice(position, end);
    if (cell.indexOf('"') !== -1) {
      return {
        error: `a quote inside cell ${cells.length + 1}, which does not start with a quote; a cell holding a quote is written in quotes,`
          + ' with the quote doubled ("")',
        cellLine: line.number,
        cellIndex: cells.length,
      };
    }
    cells.push(cell);
    if (comma === -1) return DONE;
    position = comma + 1;
  }
}

/**
 * The file's records and broken records in line order. The first record's length (the header's) is
 * the length a record across several lines must have to be taken as one.
 */
export async function* readCsv(handle: FileHandle): AsyncGenerator<CsvItem[]> {
  let headerCells: number | undefined;
  let record: OpenRecord | undefined;
  /** Lines to read again after a broken record, before reading on. */
  let replay: Line[] = [];
  const items: CsvItem[] = [];

  const broken = (open: OpenRecord, cellLine: number, cellIndex: number | null, rule: BrokenRecord['rule'], message: string): void => {
    const rowStart = open.lines[0].number;
    const where = cellLine === rowStart ? '' : ` (in the row that starts on line ${rowStart})`;
    items.push({ kind: 'broken', line: cellLine, cellIndex, rule, message: `${message}${where}` });
    replay = open.lines.filter((line) => line.number > cellLine).concat(replay);
  };

  const feed = (line: Line): void => {
    if (record === undefined) {
      if (line.text === '') return;
      record = { lines: [line], cells: [], quoted: null, quotedFrom: 0, firstSpanFrom: undefined, controlCharacters: false };
    } else {
      record.lines.push(line);
    }
    const open = record;
    if (CONTROL_CHARACTER.test(line.text)) open.controlCharacters = true;
    const result = scanLine(open, line);
    if ('error' in result) {
      record = undefined;
      broken(open, result.cellLine, result.cellIndex, 'csv_syntax', result.error);
      return;
    }
    if (!result.done) {
      if (line.number - open.quotedFrom >= MAX_CELL_LINES) {
        record = undefined;
        broken(open, open.quotedFrom, open.cells.length, 'csv_syntax',
          `the quoted cell opened on line ${open.quotedFrom} is still open ${MAX_CELL_LINES} lines later: a stray quote?`);
      }
      return;
    }
    record = undefined;
    if (open.cells.every((cell) => cell === '')) return;
    headerCells ??= open.cells.length;
    if (open.firstSpanFrom !== undefined && open.cells.length !== headerCells) {
      broken(open, open.firstSpanFrom, null, 'column_count',
        `a quoted cell opens on line ${open.firstSpanFrom} and runs to line ${line.number}, leaving a row of ${open.cells.length} cells`
        + ` where the header has ${headerCells}: a stray quote? The lines after line ${open.firstSpanFrom} are read again as rows`);
      return;
    }
    items.push({ kind: 'record', line: open.lines[0].number, lastLine: line.number, cells: open.cells, controlCharacters: open.controlCharacters });
  };

  const drainReplay = (): void => {
    while (replay.length > 0) feed(replay.shift()!);
  };

  for await (const lines of physicalLines(handle)) {
    for (const line of lines) {
      feed(line);
      drainReplay();
    }
    if (items.length > 0) yield items.splice(0);
  }
  while (record !== undefined) {
    const open: OpenRecord = record;
    record = undefined;
    broken(open, open.quotedFrom, open.cells.length, 'csv_syntax', `the quoted cell opened on line ${open.quotedFrom} is never closed`);
    drainReplay();
  }
  if (items.length > 0) yield items.splice(0);
}
