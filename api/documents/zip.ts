/**
 * A zip archive of named files, each deflated (what an .xlsx workbook is), with Node's own zlib: the
 * local headers, the data and the central directory of the format (PKWARE APPNOTE, no zip64: an
 * archive and each of its files under 4 GiB, fewer than 65,536 files).
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Deflate level 6 is the format's usual; a workbook's XML is repetitive and level 1 already shrinks it tenfold. */
const LEVEL = 1;
const LIMIT = 0xffffffff;

export function zipBuffer(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} files, the archive holds at most 65,535`);
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = zlib.deflateRawSync(entry.data, { level: LEVEL });
    const crc = zlib.crc32(entry.data);
    if (entry.data.length > LIMIT || offset > LIMIT) throw new Error(`zip: ${entry.name} passes the 4 GiB the archive holds`);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10); // time 00:00
    header.writeUInt16LE(0x21, 12); // date 1980-01-01
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(deflated.length, 18);
    header.writeUInt32LE(entry.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    header.copy(central, 8, 6, 30); // flags, method, time, date, crc, sizes, name length, extra length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    parts.push(header, name, deflated);
    directory.push(central, name);
    offset += header.length + name.length + deflated.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
