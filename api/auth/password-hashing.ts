/**
 * bcrypt off the event loop: one worker thread, jobs taken in turn. One thread on purpose: the
 * machine has two cores, and sign-ins may take one of them but never both; a trivial query keeps
 * the event loop and the other core. The queue is bounded so that a flood of sign-ins is refused at
 * once instead of queueing minutes of hashing.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PasswordJob, PasswordResult } from './password-worker';

/** About ten seconds of bcrypt at cost 12; beyond it a sign-in is told to come back. */
export const MAX_QUEUED_PASSWORD_JOBS = 30;

export class PasswordQueueFull extends Error {
  constructor() {
    super('too many sign-ins are being checked at once');
    this.name = 'PasswordQueueFull';
  }
}

type Pending = { resolve: (value: boolean | string) => void; reject: (error: Error) => void };

class PasswordWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  run(job: PasswordJob): Promise<boolean | string> {
    if (this.pending.size >= MAX_QUEUED_PASSWORD_JOBS) return Promise.reject(new PasswordQueueFull());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const worker = this.started();
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, job });
    });
  }

  private started(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(path.join(__dirname, 'password-worker.js'));
    worker.on('message', (result: PasswordResult) => {
      const waiting = this.pending.get(result.id);
      this.pending.delete(result.id);
      // An idle worker must not keep a CLI or a test process alive; a busy one must, until its answer is in.
      if (this.pending.size === 0) worker.unref();
      if (waiting === undefined) return;
      if ('error' in result) waiting.reject(new Error(`password hashing failed: ${result.error}`));
      else waiting.resolve(result.value);
    });
    const fail = (error: Error): void => {
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`password worker exited with code ${code}`)));
    // Listening for 'message' refs the worker: unref only now.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

const passwordWorker = new PasswordWorker();

export async function comparePassword(password: string, hash: string): Promise<boolean> {
  return (await passwordWorker.run({ kind: 'compare', password, hash })) === true;
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  return String(await passwordWorker.run({ kind: 'hash', password, cost }));
}
