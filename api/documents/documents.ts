/**
 * The platform's downloadable documents: `GET /api/documents/<name>?<arguments>` with
 * `Authorization: Bearer <token>`, answered with the workbook. Each document kind says how to read its
 * arguments and builds itself from the same service its GraphQL query answers with, so the workbook,
 * the page and `npm run report` hold the same figures and the same scope checks apply (an id outside
 * the viewer's scope is NOT_FOUND or FORBIDDEN exactly as in GraphQL).
 *
 * Refusals are JSON in GraphQL's error shape with an HTTP status: 401 UNAUTHENTICATED, 403 FORBIDDEN,
 * 404 NOT_FOUND, 400 BAD_USER_INPUT; a failure of the warehouse is 500 with a generic sentence (the
 * cause goes to the log). A document kind is one entry of DOCUMENTS.
 */
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { failureFields, type Log } from '../../config/log';
import type { ApiContext } from '../common/context';
import { badUserInput } from '../common/errors';
import { MAX_YEAR, MIN_YEAR } from '../common/paging';
import { date, text, type DocumentSheet, type PlatformDocument } from './workbook';

/** What building a document needs of a request's context: the GraphQL context, or the command line's. */
export type DocumentContext = Pick<ApiContext, 'viewer' | 'warehouse' | 'rulebook' | 'lastRun' | 'platform' | 'loaders' | 'once'>;

/** A document's arguments by name: the download's query string, or the command line's options. */
export type DocumentArguments = ReadonlyMap<string, string>;

export interface DocumentKind {
  /** What the document is, for the log and for errors. */
  title: string;
  /** The file name a download is saved under. */
  fileName(args: DocumentArguments): string;
  build(context: DocumentContext, args: DocumentArguments): Promise<PlatformDocument>;
}

/** A required year argument, checked like GraphQL's year arguments. */
export function yearArgument(args: DocumentArguments, name = 'year'): number {
  const value = args.get(name);
  if (value === undefined || !/^\d{4}$/.test(value) || Number(value) < MIN_YEAR || Number(value) > MAX_YEAR) {
    throw badUserInput(`${name} must be a year between ${MIN_YEAR} and ${MAX_YEAR}, got ${JSON.stringify(value ?? null)}`);
  }
  return Number(value);
}

/** An optional id argument (insurer, region): short codes only. */
export function idArgument(args: DocumentArguments, name: string): string | null {
  const value = args.get(name);
  if (value === undefined || value === '') return null;
  if (!/^[\w.-]{1,64}$/.test(value)) throw badUserInput(`${name} must be an id of letters, digits, '.', '_' or '-', got ${JSON.stringify(value)}`);
  return value;
}

/** The time a document was made, in Asia/Shanghai, "2026-01-15 09:30". */
export function shanghaiTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * The first sheet of every document: what it is, about whom, when it was made and how current its data
 * is (the last ETL run, whose data every figure is from), then the lines the document adds.
 */
export function coverSheet(context: DocumentContext, title: string, lines: Array<[string, ReturnType<typeof text>]>, now = new Date()): DocumentSheet {
  const run = context.lastRun;
  return {
    name: '封面',
    title,
    headers: ['项目', '内容'],
    rows: [
      ...lines.map(([label, cell]) => [text(label), cell]),
      [text('生成时间（北京时间）'), text(shanghaiTime(now))],
      [text('数据截至（最近一次数据更新完成）'), run === null ? text('尚无数据更新') : text(shanghaiTime(new Date(run.finishedAt)))],
      [text('数据日期'), date(run === null ? null : new Date(run.finishedAt + 8 * 3600_000).toISOString().slice(0, 10))],
    ],
  };
}

const STATUS_OF_CODE: Readonly<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** The download route over the document kinds; `contextFor` is the GraphQL request's own. */
export function documentsRoute(
  kinds: Readonly<Record<string, DocumentKind>>,
  contextFor: (authorization: string | undefined, clientAddress: string, abandoned: AbortSignal) => Promise<ApiContext>,
  abandonSignalOf: (response: Parameters<RequestHandler>[1]) => AbortSignal,
  log: Log,
  write: (document: PlatformDocument) => Promise<Buffer>,
): RequestHandler {
  return async (request, response) => {
    const send = (status: number, code: string, message: string) =>
      response.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
    const name = String(request.params.name);
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    if (!kind) return send(404, 'NOT_FOUND', `No document ${JSON.stringify(name)}; the documents are: ${Object.keys(kinds).join(', ')}.`);
    const started = Date.now();
    try {
      const context = await contextFor(request.headers.authorization, request.socket.remoteAddress ?? 'unknown', abandonSignalOf(response));
      if (context.viewer === null) return send(401, 'UNAUTHENTICATED', context.authFailure ?? 'Log in first.');
      const args: DocumentArguments = new Map(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      const workbook = await write(await kind.build(context, args));
      log.info({ document: name, role: context.viewer.role, durationMs: Date.now() - started, bytes: workbook.length }, 'document');
      const fileName = kind.fileName(args);
      response.status(200)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .setHeader('Cache-Control', 'no-store')
        .send(workbook);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (typeof code === 'string' && code in STATUS_OF_CODE) return send(STATUS_OF_CODE[code], code, error instanceof Error ? error.message : String(error));
      log.error({ document: name, ...failureFields(error instanceof Error ? error : new Error(String(error))) }, 'document failed');
      return send(500, 'INTERNAL_SERVER_ERROR', `The ${kind.title} could not be produced; the failure has been logged. Try again later.`);
    }
  };
}
