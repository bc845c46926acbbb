/**
 * `npm run etl` as a child process, for the tests that kill a run part-way or race two runs: its
 * output is collected so that a test can wait for a line and then act.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** dist/cli/etl.js, seen from dist/test/support. */
export const ETL_CLI = path.resolve(__dirname, '../../cli/etl.js');

export interface EtlChild {
  process: ChildProcess;
  output(): string;
  /** Resolves when the output matches; rejects when the child exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startEtlChild(env: Record<string, string>, args: string[] = []): EtlChild {
  const child = spawn(process.execPath, [ETL_CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let closed = false;
  const watchers: Array<{ pattern: RegExp; resolve: () => void; reject: (error: Error) => void }> = [];
  const check = () => {
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(output)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); check(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); check(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      closed = true;
      for (const watcher of watchers.splice(0)) watcher.reject(new Error(`the ETL exited (${code ?? signal}) before printing ${watcher.pattern}:\n${output}`));
      resolve({ code, signal });
    });
  });
  return {
    process: child,
    output: () => output,
    waitFor: (pattern) => new Promise((resolve, reject) => {
      if (pattern.test(output)) resolve();
      else if (closed) reject(new Error(`the ETL exited before printing ${pattern}:\n${output}`));
      else watchers.push({ pattern, resolve, reject });
    }),
    exited,
  };
}
