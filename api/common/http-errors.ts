/**
 * What the server answers when a request fails outside GraphQL's own error handling: a body that is
 * not JSON, too large, in an unknown content-encoding or charset, a page that does not exist. Always
 * JSON in GraphQL's error shape (`{ errors: [{ message, extensions: { code } }] }`), never Express's
 * HTML page, which carries the stack trace and the server's paths. And within GraphQL: a request
 * refused for the client's own mistake is a 4xx, never a 500.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { failureFields, type Log } from '../../config/log';
import { CLIENT_CODES } from './errors';

/** The body limit of /graphql: far above any query the dashboard sends, far below what hurts the server. */
export const MAX_BODY_BYTES = 100 * 1024;

function sendError(response: Response, status: number, code: string, message: string): void {
  response.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Why body-parser refused a body, told as what the client should send instead; keyed by its error `type`. */
function bodyRefusal(error: { type?: unknown; code?: unknown; encoding?: unknown; charset?: unknown }): { status: number; message: string } | null {
  // zlib's own codes (Z_DATA_ERROR, Z_BUF_ERROR …): the body is not what its Content-Encoding says.
  if (typeof error.code === 'string' && error.code.startsWith('Z_')) {
    return { status: 400, message: 'The request body could not be decompressed as its Content-Encoding says; send it plain or encoded as declared.' };
  }
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON; send a JSON object such as {"query": "{ me { username } }"}.' };
    case 'entity.too.large':
      return { status: 413, message: `The request body is over ${MAX_BODY_BYTES / 1024} kB; send a shorter query or fewer variables.` };
    case 'encoding.unsupported':
      return { status: 415, message: `Content-Encoding ${JSON.stringify(String(error.encoding))} is not supported; send the body plain or as gzip, deflate or br.` };
    case 'charset.unsupported':
      return { status: 415, message: `The charset ${JSON.stringify(String(error.charset))} is not supported; send the body as UTF-8.` };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, message: 'The request body ended before its announced length; send it again.' };
    default:
      return null;
  }
}

/** Express's last error handler: every error becomes JSON; a server fault is logged with its stack, a client's mistake is not. */
export function jsonErrorHandler(log: Log): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    // Too late to answer in another shape: Express ends the connection.
    if (response.headersSent) return next(error);
    const details = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; code?: unknown; status?: unknown };
    const refusal = bodyRefusal(details);
    if (refusal) return sendError(response, refusal.status, 'BAD_REQUEST', refusal.message);
    const status = typeof details.status === 'number' ? details.status : 500;
    if (status === 404) return sendError(response, 404, 'NOT_FOUND', `Nothing is at ${request.method} ${request.path}.`);
    if (status >= 400 && status < 500) {
      return sendError(response, status, 'BAD_REQUEST', `The request was refused (HTTP ${status}); check its method, headers and body.`);
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    log.error({ path: request.path, ...failureFields(failure) }, 'request failed');
    return sendError(response, 500, 'INTERNAL_SERVER_ERROR', 'The server could not answer this request; it has been logged. Try again later.');
  };
}

/** After every route: what nothing answered is a JSON 404, not Express's HTML page. */
export const jsonNotFound: RequestHandler = (request, response) => {
  sendError(response, 404, 'NOT_FOUND', `Nothing is at ${request.method} ${request.path}; the API is at POST /graphql.`);
};

/**
 * Apollo answers 500 for any error thrown before execution (a plugin's refusal in didResolveOperation,
 * say the field limit), and 200 when every field was refused for its arguments. Both are the client's
 * mistake when every error carries a client code: 400. An answer with some data stays 200, and so
 * does a refusal for want of a token or of rights (the dashboard reads those from the body).
 */
export function clientMistakeStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length) return;
          const codes = errors.map((error) => error.extensions?.code);
          if (!codes.every((code) => typeof code === 'string' && CLIENT_CODES.has(code))) return;
          const refusedBeforeExecution = data === undefined && response.http.status === 500;
          const nothingAnswered = data === null || (data !== undefined && Object.values(data).every((value) => value === null));
          const everyFieldRefusedForItsArguments = nothingAnswered && codes.every((code) => code === 'BAD_USER_INPUT');
          if (refusedBeforeExecution || everyFieldRefusedForItsArguments) response.http.status = 400;
        },
      };
    },
  };
}
