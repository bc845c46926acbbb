/**
 * The HTTP side of submissions (数据报送), beside /graphql:
 * - `POST /api/submissions`: multipart/form-data, one or more files named as the exchange files
 *   (`enterprises.csv`, `policies.xlsx`, …), `Authorization: Bearer <token>`; answers the
 *   submission's JSON: `{ id, status, files: [{ name, lines, stored, rejected }], rejects: [...] }`;
 * - `GET /api/submissions/<id>/rejects.csv`: the rejects kept, for the submitter and the province;
 * - `GET /api/templates/<file>.csv|.xlsx`: the empty template of an exchange file (no token: it
 *   holds column names only).
 * Refusals are JSON in GraphQL's error shape, as every other refusal of the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import express, { type Request, type Response, type Router } from 'express';
import { rejectsCsvText } from '../../domain/import-rules';
import { findSubmission, submissionRejects } from '../../platform/submissions';
import type { DataSource } from 'typeorm';
import { type AccountLookups, viewerFromHeader } from '../auth/tokens';
import type { Viewer } from '../common/scope';
import { SUBMITTING_ROLES, type SubmissionIntake, type UploadedFile } from './intake';
import { templateCsv, templateTable, templateXlsx } from './templates';

/** Parts of one upload: the ten exchange files and room for a mistake or two, which are then named. */
const MAX_FILES = 20;

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function sendError(response: Response, status: number, code: string, message: string): void {
  response.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Writes the upload's files into `folder` under names of its own; the submitter's names are kept as data only. */
function receiveFiles(request: Request, folder: string, maxBytes: number): Promise<UploadedFile[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: MAX_FILES, fields: 20, fieldSize: 1024, fileSize: maxBytes } });
    } catch {
      reject(new Refusal(400, 'BAD_REQUEST', 'Send the files as multipart/form-data, one part per file named as the exchange file (policies.csv, policies.xlsx, …).'));
      return;
    }
    const files: UploadedFile[] = [];
    const writes: Array<Promise<void>> = [];
    let received = 0;
    let failed = false;
    const fail = (refusal: Refusal): void => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      // The rest of the body is read and dropped, so the client gets the answer rather than a reset connection.
      request.resume();
      reject(refusal);
    };
    const tooLarge = (): Refusal =>
      new Refusal(413, 'PAYLOAD_TOO_LARGE', `The upload is over ${megabytes(maxBytes)}; send fewer rows at a time, or the files in several uploads.`);
    parser.on('file', (_field, stream, info) => {
      const target = path.join(folder, `part-${files.length}`);
      files.push({ submittedName: info.filename ?? '', path: target });
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) fail(tooLarge());
      });
      stream.on('limit', () => fail(tooLarge()));
      writes.push(pipeline(stream, fs.createWriteStream(target, { mode: 0o600 })));
    });
    parser.on('filesLimit', () => fail(new Refusal(400, 'BAD_REQUEST', `An upload holds at most ${MAX_FILES} files.`)));
    parser.on('error', () => fail(new Refusal(400, 'BAD_REQUEST', 'The multipart body is malformed; send the files again from the form.')));
    parser.on('close', () => {
      Promise.all(writes).then(() => {
        if (!failed) resolve(files);
      }, (error: unknown) => fail(error instanceof Refusal ? error : new Refusal(400, 'BAD_REQUEST', 'The upload ended before its files did; send it again.')));
    });
    request.on('aborted', () => fail(new Refusal(400, 'BAD_REQUEST', 'The upload was interrupted; send it again.')));
    request.pipe(parser);
  });
}

export function submissionRoutes(options: {
  platform: DataSource;
  intake: SubmissionIntake | undefined;
  secret: string;
  accounts: AccountLookups;
  maxBytes: number;
}): Router {
  const { platform, intake, secret, accounts, maxBytes } = options;
  const router = express.Router();

  const viewerOf = async (request: Request, response: Response): Promise<Viewer | undefined> => {
    const check = await viewerFromHeader(request.headers.authorization, secret, accounts);
    if ('failure' in check) {
      sendError(response, 401, 'UNAUTHENTICATED', check.failure);
      return undefined;
    }
    return check.viewer;
  };

  router.post('/api/submissions', async (request, response, next) => {
    try {
      const viewer = await viewerOf(request, response);
      if (!viewer) return;
      if (!SUBMITTING_ROLES.has(viewer.role)) {
        return sendError(response, 403, 'FORBIDDEN', 'Analyst accounts read the figures; submissions come from the province, city bureaus and insurers.');
      }
      if (!intake) return sendError(response, 503, 'UNAVAILABLE', 'This server does not take submissions.');
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.set('Connection', 'close');
        return sendError(response, 413, 'PAYLOAD_TOO_LARGE', `The upload is over ${megabytes(maxBytes)}; send fewer rows at a time, or the files in several uploads.`);
      }
      const answer = await intake.submit({ username: viewer.username, role: viewer.role, scope: viewer.scope }, (folder) => receiveFiles(request, folder, maxBytes));
      if (answer === 'busy') {
        request.resume();
        return sendError(response, 409, 'SUBMISSION_IN_PROGRESS', 'Another submission of this account is being stored; wait for its answer, then send again.');
      }
      response.json(answer);
    } catch (error) {
      if (error instanceof Refusal) {
        if (error.status === 413) response.set('Connection', 'close');
        return sendError(response, error.status, error.code, error.message);
      }
      next(error);
    }
  });

  router.get('/api/submissions/:id/rejects.csv', async (request, response, next) => {
    try {
      const viewer = await viewerOf(request, response);
      if (!viewer) return;
      const record = await findSubmission(platform, String(request.params.id));
      // Another account's submission is answered as missing: its existence is not the viewer's business.
      if (!record || (record.username !== viewer.username && viewer.role !== 'province')) {
        return sendError(response, 404, 'NOT_FOUND', 'No such submission among those this account may see.');
      }
      const rejects = await submissionRejects(platform, record.id);
      response
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="rejects-${record.id}.csv"`)
        .send(rejectsCsvText(rejects));
    } catch (error) {
      next(error);
    }
  });

  router.get('/api/templates/:file', async (request, response, next) => {
    try {
      const match = /^([a-z_]+)\.(csv|xlsx)$/.exec(String(request.params.file));
      const table = match ? templateTable(match[1]) : undefined;
      if (!match || !table) {
        return sendError(response, 404, 'NOT_FOUND', 'No such template: ask for <file>.csv or <file>.xlsx, <file> one of the ten exchange files.');
      }
      response.set('Content-Disposition', `attachment; filename="${match[0]}"`);
      if (match[2] === 'csv') response.type('text/csv; charset=utf-8').send(templateCsv(table));
      else response.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await templateXlsx(table));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
