/**
 * What a run shows while it works: a bar redrawn in place on a terminal, plain log lines otherwise
 * (a CI log or a file gets one line per step, not a thousand carriage returns).
 */
export interface EtlProgress {
  /** A step begins or advances: table `index` of `total`, with rows so far. */
  update(index: number, total: number, table: string, detail: string): void;
  /** A line worth keeping in any output. */
  line(text: string): void;
  finish(): void;
}

const BAR_WIDTH = 24;

export function createProgress(options: { bar: boolean; log: (line: string) => void; write?: (text: string) => void }): EtlProgress {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  let drawn = false;
  const clear = () => {
    if (drawn) write('\r\x1b[2K');
    drawn = false;
  };
  if (!options.bar) {
    return { update: (index, total, table, detail) => options.log(`[${index}/${total}] ${table}: ${detail}`), line: options.log, finish: () => undefined };
  }
  return {
    update(index, total, table, detail) {
      const filled = Math.round((BAR_WIDTH * (index - 1)) / total);
      clear();
      write(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${index}/${total} ${table}: ${detail}`);
      drawn = true;
    },
    line(text) {
      clear();
      options.log(text);
    },
    finish: clear,
  };
}
