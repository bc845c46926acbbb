/**
 * Answers cached per (query text, operation, variables, viewer, day), for the warehouse state of the
 * last successful ETL run. The viewer is the user, not only the role and scope: `me` answers who is
 * asking, and an answer cached for one account must never reach another that merely shares its scope. Every request reads that run's id (one small query); when it changes, the
 * whole cache is dropped, so an answer is never served from before a finished run. The day is part
 * of the key because `asOf` defaults to today.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { ApiContext } from './context';
import { todayInShanghai } from '../../domain/today';

export const MAX_CACHED_RESPONSES = 5000;

export class ResponseCache {
  private runId: string | null = null;
  private readonly entries = new Map<string, FormattedExecutionResult>();
  hits = 0;

  /** Drops everything when the warehouse moved to another run. */
  private sync(runId: string | null): void {
    if (runId !== this.runId) {
      this.entries.clear();
      this.runId = runId;
    }
  }

  /** For callers that ran the ETL in this process and want the next request to miss at once. */
  invalidate(): void {
    this.entries.clear();
  }

  get(runId: string | null, key: string): FormattedExecutionResult | undefined {
    this.sync(runId);
    const hit = this.entries.get(key);
    if (hit) this.hits += 1;
    return hit;
  }

  set(runId: string | null, key: string, result: FormattedExecutionResult): void {
    this.sync(runId);
    if (this.entries.size >= MAX_CACHED_RESPONSES) {
      // Maps iterate in insertion order: the oldest answer goes first.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, result);
  }

  get size(): number {
    return this.entries.size;
  }
}

function cacheKey(request: GraphQLRequestContext<ApiContext>): string | null {
  const viewer = request.contextValue.viewer;
  if (viewer === null || request.operation?.operation !== 'query') return null;
  return JSON.stringify([
    request.source ?? '', request.operationName ?? null, request.request.variables ?? {},
    viewer.username, viewer.role, viewer.scope, todayInShanghai(),
  ]);
}

export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(request) {
          const key = cacheKey(request);
          const hit = key === null ? undefined : cache.get(request.contextValue.lastRun?.runId ?? null, key);
          if (!hit) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: hit } };
        },
        async willSendResponse(request) {
          const key = cacheKey(request);
          const body = request.response.body;
          if (key === null || body.kind !== 'single' || body.singleResult.errors !== undefined) return;
          cache.set(request.contextValue.lastRun?.runId ?? null, key, body.singleResult);
        },
      };
    },
  };
}
