/**
 * Answers cached per (query text, operation, variables, viewer, day), for one version of the
 * warehouse's data. The viewer is the user, not only the role and scope: `me` answers who is asking,
 * and an answer cached for one account must never reach another that merely shares its scope. The day
 * is part of the key because `asOf` defaults to today.
 *
 * The version is the published run whose data the views show, counting only runs that changed
 * something (warehouse/run-log.ts `dataVersion`): every request reads it (api/common/run-state.ts), and a newer
 * one drops the whole cache, so an answer is never served from before a run that changed the data. A
 * scheduled run that found nothing new keeps every answer. `dataFreshness` is never cached: its answer
 * moves with every run, changed or not, and with every failure.
 *
 * Concurrent identical misses share one execution: the first runs the operation, the others wait for
 * its answer. A dashboard page opened by many at once, or every client right after a run that changed
 * the data, then costs the warehouse each query once instead of once per client. When the first one
 * fails (or its client goes away), the next waiting one runs the operation itself.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type SelectionSetNode } from 'graphql';
import type { ApiContext } from './context';
import { todayInShanghai } from '../../domain/today';

export const MAX_CACHED_RESPONSES = 5000;

/** What a request finds: an answer to send, or the duty to compute it and `settle` the others' wait. */
export type CacheLookup =
  | { answer: FormattedExecutionResult }
  | { answer?: undefined; settle(result: FormattedExecutionResult | undefined): void };

export class ResponseCache {
  private version = -1;
  private readonly entries = new Map<string, FormattedExecutionResult>();
  /** Answers being computed, per version and key; resolves undefined when the computing request failed. */
  private readonly computing = new Map<string, Promise<FormattedExecutionResult | undefined>>();
  hits = 0;
  /** Answers handed to requests that waited for an identical one running at the same time. */
  shared = 0;

  /**
   * Drops everything when a request starts with another version than the one kept. The version may
   * go back: a run that changed nothing counts as a change from its publish until its log entry says
   * it loaded nothing (run-log.ts `dataVersion`). Kept only for the newest, the cache stayed empty
   * from then until the next run that changed something. A request that read the state just before
   * a change may move it back for a moment; every entry is of the version kept, so none is served to
   * a request of another.
   */
  private sync(version: number): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
  }

  /** For callers that changed the warehouse behind the ETL's back and want the next request to miss. */
  invalidate(): void {
    this.entries.clear();
  }

  get(version: number, key: string): FormattedExecutionResult | undefined {
    this.sync(version);
    const hit = this.entries.get(key);
    if (hit) this.hits += 1;
    return hit;
  }

  /** Keeps an answer computed for `version`, unless a request of another version came since. */
  set(version: number, key: string, result: FormattedExecutionResult): void {
    if (version !== this.version) return;
    if (this.entries.size >= MAX_CACHED_RESPONSES) {
      // Maps iterate in insertion order: the oldest answer goes first.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, result);
  }

  /**
   * The cached answer, or the answer of an identical request computing it now (waited for), or else
   * this request computes it: then it must call `settle` once, with its answer or undefined.
   */
  async lookup(version: number, key: string): Promise<CacheLookup> {
    const slot = JSON.stringify([version, key]);
    for (;;) {
      const hit = this.get(version, key);
      if (hit) return { answer: hit };
      const running = this.computing.get(slot);
      if (running === undefined) break;
      const answer = await running;
      if (answer) {
        this.shared += 1;
        return { answer };
      }
      // That one failed: the next in line computes, the rest keep waiting (the loop looks again).
    }
    let settle!: (result: FormattedExecutionResult | undefined) => void;
    this.computing.set(slot, new Promise((resolve) => { settle = resolve; }));
    return {
      settle: (result) => {
        this.computing.delete(slot);
        if (result) this.set(version, key, result);
        settle(result);
      },
    };
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Top-level fields whose answer moves without a new data version: the warehouse's freshness with every run
 * and failure, and what reads the platform database (an annual report's submission, shown at once; the
 * evaluation, which judges those submissions; the submissions history with every upload).
 */
export const NEVER_CACHED_FIELDS: ReadonlySet<string> = new Set([
  'dataFreshness', 'annualReport', 'annualReportSubmissions', 'evaluation', 'submissions', 'submission',
]);

/** Whether the operation's top level asks for a field of NEVER_CACHED_FIELDS, directly or through fragments. */
function asksFreshness(selections: SelectionSetNode, request: GraphQLRequestContext<ApiContext>): boolean {
  return selections.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return NEVER_CACHED_FIELDS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return asksFreshness(selection.selectionSet, request);
    const fragment = request.document?.definitions.find(
      (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && asksFreshness(fragment.selectionSet, request);
  });
}

function cacheKey(request: GraphQLRequestContext<ApiContext>): string | null {
  const viewer = request.contextValue.viewer;
  const operation = request.operation;
  if (viewer === null || operation?.operation !== 'query' || asksFreshness(operation.selectionSet, request)) return null;
  return JSON.stringify([
    request.source ?? '', request.operationName ?? null, request.request.variables ?? {},
    viewer.username, viewer.role, viewer.scope, todayInShanghai(),
  ]);
}

export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      let settle: ((result: FormattedExecutionResult | undefined) => void) | undefined;
      return {
        async responseForOperation(request) {
          const key = cacheKey(request);
          if (key === null) return null;
          const found = await cache.lookup(request.contextValue.dataVersion, key);
          if (found.answer === undefined) {
            settle = found.settle;
            return null;
          }
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: found.answer } };
        },
        async willSendResponse(request) {
          if (settle === undefined) return;
          const body = request.response.body;
          settle(body.kind === 'single' && body.singleResult.errors === undefined ? body.singleResult : undefined);
          settle = undefined;
        },
      };
    },
  };
}
