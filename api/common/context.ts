/**
 * Everything a resolver needs for one request: the viewer (null when the request carries no valid
 * token, in which case every query answers UNAUTHENTICATED), the warehouse reader and the per-request
 * DataLoaders.
 */
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { Rulebook } from '../../domain/rulebook';
import type { SuccessfulRun } from '../../warehouse/run-log';
import type { SignInLimiter } from '../auth/rate-limit';
import type { SubmissionIntake } from '../submissions/intake';
import { insurerFilings } from '../entities/entities.sql';
import { insurerNameLoader } from './insurer';
import type { Viewer } from './scope';
import type { WarehouseReader } from './warehouse';

export interface ApiContext {
  viewer: Viewer | null;
  /** Why there is no viewer, for the UNAUTHENTICATED message: no token, an expired one, a bad one. */
  authFailure: string | null;
  /** The peer address of the connection, which the sign-in limiter counts failures by. */
  clientAddress: string;
  signIns: SignInLimiter;
  config: Config;
  platform: DataSource;
  /** Submissions and the ETL on request; null when the server was started without them. */
  intake: SubmissionIntake | null;
  warehouse: WarehouseReader;
  /** The warehouse's state this request reads: the last successful ETL run (null before the first). */
  lastRun: SuccessfulRun | null;
  /** The rules every verdict of this request is judged against. */
  rulebook: Rulebook;
  /** The version of the data the views show (warehouse/run-log.ts `dataVersion`), which cached answers are kept for. */
  dataVersion: number;
  loaders: {
    insurerName: DataLoader<string, string>;
    /** Filing day per insurer: null never filed, undefined missing from the register. */
    insurerFiledOn: DataLoader<string, string | null | undefined>;
  };
  /**
   * One answer per key for the whole request: the nodes of a drill-down that need the same rows (say
   * every child's per-insurer figures) share one query instead of one each.
   */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function makeLoaders(warehouse: WarehouseReader): ApiContext['loaders'] {
  return {
    insurerName: insurerNameLoader(warehouse),
    insurerFiledOn: new DataLoader(async (ids: readonly string[]) => {
      const filings = await insurerFilings(warehouse, ids);
      return ids.map((id) => filings.get(id));
    }),
  };
}

export function makeOnce(): ApiContext['once'] {
  const answers = new Map<string, Promise<unknown>>();
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    let answer = answers.get(key) as Promise<T> | undefined;
    if (answer === undefined) {
      answer = compute();
      answers.set(key, answer);
    }
    return answer;
  };
}

/** The viewer of a resolver guarded by @Authorized(), which has already refused requests without one. */
export function viewerOf(context: ApiContext): Viewer {
  if (context.viewer === null) throw new Error('viewerOf called in a resolver without @Authorized()');
  return context.viewer;
}
