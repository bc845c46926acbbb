/**
 * The errors a GraphQL client may see, each with a code and a message that says what to do. Anything
 * else is masked by `maskError`: the client gets a generic message, the log gets the cause (with its
 * ClickHouse code when the warehouse raised it). No SQL and no stack trace ever leave the server.
 */
import { HeaderMap, type HTTPGraphQLHead } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

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

export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  error: (message, details) => console.error(JSON.stringify({ level: 'error', message, ...details })),
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
export function maskError(logger: Logger) {
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
    const failure = cause instanceof Error ? cause : new Error(String(cause));
    logger.error('request failed', {
      path: formatted.path?.join('.'),
      error: failure.message,
      clickhouseCode: (failure as { code?: unknown }).code,
      stack: failure.stack,
    });
    return {
      message: 'The server could not answer this request; it has been logged. Try again later.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
