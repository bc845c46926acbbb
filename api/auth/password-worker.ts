/**
 * The worker thread of ./password-hashing: bcrypt with cost 12 takes about a third of a second of one
 * core, which on the event loop would hold up every other request for as long.
 */
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

export type PasswordJob = { kind: 'compare'; password: string; hash: string } | { kind: 'hash'; password: string; cost: number };

export type PasswordResult = { id: number; value: boolean | string } | { id: number; error: string };

if (parentPort === null) throw new Error('password-worker runs as a worker thread of password-hashing');
const port = parentPort;
port.on('message', ({ id, job }: { id: number; job: PasswordJob }) => {
  try {
    const value = job.kind === 'compare' ? bcrypt.compareSync(job.password, job.hash) : bcrypt.hashSync(job.password, job.cost);
    port.postMessage({ id, value } satisfies PasswordResult);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies PasswordResult);
  }
});
