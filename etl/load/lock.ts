/**
 * One ETL at a time, through a row in the platform database's `etl_lock` table: the primary key
 * makes a second insert fail, whichever process or machine tries it. A holder that died without
 * releasing leaves its row behind; the row is stale, and taken over, when its process is gone from
 * this host or its heartbeat stopped.
 */
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { EtlLockRow } from '../../platform/entities';
import type { LockHolder } from '../../warehouse/run-log';

export type { LockHolder };

const LOCK_NAME = 'etl';
export const HEARTBEAT_MS = 20_000;
/** Several missed heartbeats: the holder is gone or hung, even on another host. */
export const STALE_AFTER_MS = 120_000;

export class EtlLockedError extends Error {
  constructor(readonly holder: LockHolder, readonly since: number) {
    super(`another ETL run is in progress since ${new Date(since).toISOString()} (pid ${holder.pid} on host ${holder.host}); wait for it to finish`);
    this.name = 'EtlLockedError';
  }
}


function holderText(holder: LockHolder): string {
  return `${holder.pid}@${holder.host}#${holder.runId}`;
}

function parseHolder(text: string): LockHolder {
  const match = /^(\d+)@(.*)#(.*)$/.exec(text);
  return match ? { pid: Number(match[1]), host: match[2], runId: match[3] } : { pid: 0, host: text, runId: '' };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(row: EtlLockRow, now: number): boolean {
  const holder = parseHolder(row.holder);
  if (holder.host === os.hostname() && !processIsAlive(holder.pid)) return true;
  return now - row.heartbeatAt > STALE_AFTER_MS;
}

export interface EtlLock {
  /** Set when a stale lock was taken over: whose it was. */
  tookOverFrom?: LockHolder;
  release(): Promise<void>;
}

/** Takes the lock or throws EtlLockedError naming the live holder. Heartbeats until released. */
export async function acquireEtlLock(dataSource: DataSource, runId: string, now: () => number = Date.now): Promise<EtlLock> {
  const me = holderText({ pid: process.pid, host: os.hostname(), runId });
  const repository = dataSource.getRepository(EtlLockRow);
  let tookOverFrom: LockHolder | undefined;
  const startedAt = now();
  try {
    await repository.insert({ name: LOCK_NAME, holder: me, acquiredAt: startedAt, heartbeatAt: startedAt });
  } catch (insertError) {
    const current = await repository.findOneBy({ name: LOCK_NAME });
    // No row: the insert failed for another reason than the lock being held.
    if (!current) throw insertError;
    if (!isStale(current, now())) throw new EtlLockedError(parseHolder(current.holder), current.acquiredAt);
    // Conditional on the row being unchanged, so that of two runs taking over the same stale lock only one wins.
    const takeover = await repository
      .createQueryBuilder()
      .update()
      .set({ holder: me, acquiredAt: startedAt, heartbeatAt: startedAt })
      .where('name = :name AND holder = :holder AND heartbeat_at = :heartbeat', { name: LOCK_NAME, holder: current.holder, heartbeat: current.heartbeatAt })
      .execute();
    if (takeover.affected !== 1) {
      const winner = await repository.findOneBy({ name: LOCK_NAME });
      throw new EtlLockedError(parseHolder(winner?.holder ?? current.holder), winner?.acquiredAt ?? current.acquiredAt);
    }
    tookOverFrom = parseHolder(current.holder);
  }

  const heartbeat = setInterval(() => {
    repository.update({ name: LOCK_NAME, holder: me }, { heartbeatAt: now() }).catch(() => {
      // A missed heartbeat only brings staleness closer; the next one tries again.
    });
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    tookOverFrom,
    async release() {
      clearInterval(heartbeat);
      await repository.delete({ name: LOCK_NAME, holder: me });
    },
  };
}
