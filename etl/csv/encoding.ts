/**
 * The exchange format is UTF-8. Spreadsheets on Chinese Windows save CSV as GBK (GB18030) by default,
 * so a file that is not UTF-8 is checked for that and the user is told which encoding they sent.
 */
import type { FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { fileChunks } from './chunks';

export interface EncodingProblem {
  /** The line holding the first byte that is not UTF-8. */
  line: number;
  message: string;
}

/** Enough text to recognise Chinese without reading a whole large file twice. */
const SNIFF_BYTES = 64 * 1024;
const CJK = /[\u3400-\u9fff]/;

/**
 * Streams the file through a UTF-8 validator; returns undefined when it is valid UTF-8 (with or
 * without a byte order mark).
 */
export async function checkUtf8(handle: FileHandle): Promise<EncodingProblem | undefined> {
  const validator = new Utf8Validator();
  for await (const chunk of fileChunks(handle)) {
    if (!validator.push(chunk)) return describe(handle, validator.line);
  }
  if (!validator.end()) return describe(handle, validator.line);
  return undefined;
}

async function describe(handle: FileHandle, line: number): Promise<EncodingProblem> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
  const start = buffer.subarray(0, bytesRead);
  // Excel's "Unicode text" is UTF-16 with a byte order mark.
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) {
    return { line, message: 'file is UTF-16-encoded, save it as UTF-8' };
  }
  const message = CJK.test(iconv.decode(start, 'gb18030'))
    ? 'file is GBK/GB18030-encoded, save it as UTF-8'
    : `file is not UTF-8 (first invalid byte on line ${line}), save it as UTF-8`;
  return { line, message };
}

/**
 * A byte-level UTF-8 validator (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
 * that keeps its state across chunks and counts lines, so the user learns where the file goes wrong.
 */
class Utf8Validator {
  line = 1;
  /** A CR ends a line of its own unless a LF follows (CRLF), as the CSV reader counts lines. */
  private afterCr = false;
  private pending = 0;
  private lower = 0x80;
  private upper = 0xbf;

  push(bytes: Buffer): boolean {
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i];
      if (this.pending > 0) {
        if (byte < this.lower || byte > this.upper) return false;
        this.pending -= 1;
        this.lower = 0x80;
        this.upper = 0xbf;
        continue;
      }
      if (byte < 0x80) {
        if (byte === 0x0d || (byte === 0x0a && !this.afterCr)) this.line += 1;
        this.afterCr = byte === 0x0d;
        continue;
      }
      this.afterCr = false;
      if (byte >= 0xc2 && byte <= 0xdf) {
        this.pending = 1;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        this.pending = 2;
        if (byte === 0xe0) this.lower = 0xa0;
        if (byte === 0xed) this.upper = 0x9f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        this.pending = 3;
        if (byte === 0xf0) this.lower = 0x90;
        if (byte === 0xf4) this.upper = 0x8f;
      } else {
        return false;
      }
    }
    return true;
  }

  /** False when the file ends inside a character. */
  end(): boolean {
    return this.pending === 0;
  }
}
