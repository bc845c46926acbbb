/**
 * The errors a GraphQL client may see, each with a code and a message that says what to do. A query
 * that hit the warehouse's time or memory limit is the user's to fix (a smaller region or period), and
 * says so with a code of its own. Anything else is masked by `maskError`: the client gets a generic
 * message, the log gets the cause (with its ClickHouse code and SQL when the warehouse raised it). No
 * SQL and no stack trace ever leave the server.
 */
import { HeaderMap, type HTTPGraphQLHead } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { failureFields, type Log } from '../../config/log';
import { RequestAbandonedError, WarehouseQueryError } from './warehouse';

export type ApiErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'RATE_LIMITED';

export const CLIENT_CODES: ReadonlySet<string> = new Set<string>([
  'BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED',
  // Raised by graphql-js and Apollo before any resolver runs; their messages name the offending field.
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

export class ApiError extends GraphQLError {
  /** `http` sets the response's status and headers (Apollo reads it off the error and strips it). */
  constructor(readonly code: ApiErrorCode, message: string, http?: Partial<HTTPGraphQLHead>) {
    super(message, { extensions: http === undefined ? { code } : { code, http } });
    this.name = 'ApiError';
  }
}

export const badUserInput = (message: string): ApiError => new ApiError('BAD_USER_INPUT', message);
export const forbidden = (message: string): ApiError => new ApiError('FORBIDDEN', message);
export const unauthenticated = (message: string): ApiError => new ApiError('UNAUTHENTICATED', message);
export const notFound = (message: string): ApiError => new ApiError('NOT_FOUND', message);
/** HTTP 429 with Retry-After, so that a client or a proxy can wait without reading the body. */
export const rateLimited = (message: string, retryAfterSeconds: number): ApiError =>
  new ApiError('RATE_LIMITED', message, { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) });

/** A scalar's refusal of a literal or variable: reported as BAD_USER_INPUT wherever graphql-js raised it. */
export class InvalidScalarError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
    this.name = 'InvalidScalarError';
  }
}

/**
 * ClickHouse's refusals of a question too large for its limits, by ClickHouse code: TIMEOUT_EXCEEDED
 * (CLICKHOUSE_MAX_EXECUTION_TIME) and MEMORY_LIMIT_EXCEEDED. Asking again would fail again; asking
 * for less succeeds.
 */
export const WAREHOUSE_LIMITS: Readonly<Record<string, { code: string; message: string }>> = {
  '159': {
    code: 'WAREHOUSE_TIMEOUT',
    message: 'This question takes the warehouse longer than it allows. Narrow the region (a city or a county) or the period (fewer months or one year) and ask again.',
  },
  '241': {
    code: 'WAREHOUSE_MEMORY_LIMIT',
    message: 'This question needs more memory than the warehouse allows. Narrow the region (a city or a county) or the period (fewer months or one year) and ask again.',
  },
};

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

/** class-validator's failures as one sentence: "pageSize must not be greater than 200". */
function describeValidation(failures: ValidationFailure[]): string {
  const messages = failures.flatMap((failure): string[] => [
    ...Object.values(failure.constraints ?? {}),
    ...(failure.children ? [describeValidation(failure.children)] : []),
  ]);
  return messages.join('; ');
}

/** Apollo's `formatError`: keeps the errors meant for clients, masks and logs the rest. */
export function maskError(log: Log) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = unwrapResolverError(error);
    if (cause instanceof ApiError) {
      return { message: cause.message, locations: formatted.locations, path: formatted.path, extensions: { code: cause.code } };
    }
    if (cause instanceof GraphQLError && cause.extensions?.validationErrors) {
      const detail = describeValidation(cause.extensions.validationErrors as ValidationFailure[]);
      return { message: `Invalid argument: ${detail}`, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    if (original instanceof InvalidScalarError || cause instanceof InvalidScalarError) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code) && !(cause instanceof Error && !(cause instanceof GraphQLError))) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    const path = formatted.path?.join('.');
    if (cause instanceof RequestAbandonedError) {
      // Nobody reads this answer: not a fault of the server, and not worth a stack per query.
      log.info({ path }, 'request abandoned by its client');
      return { message: cause.message, path: formatted.path, extensions: { code: 'CLIENT_CLOSED_REQUEST' } };
    }
    const limit = cause instanceof WarehouseQueryError && cause.code !== undefined ? WAREHOUSE_LIMITS[cause.code] : undefined;
    if (limit) {
      log.warn({ path, ...failureFields(cause as WarehouseQueryError) }, 'query over the warehouse limits');
      return { message: limit.message, locations: formatted.locations, path: formatted.path, extensions: { code: limit.code } };
    }
    const failure = cause instanceof Error ? cause : new Error(String(cause));
    log.error({ path, ...failureFields(failure) }, 'request failed');
    return {
      message: 'The server could not answer this request; it has been logged. Try again later.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
