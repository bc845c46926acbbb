/**
 * The HTTP server: GraphQL at /graphql (Apollo Server on Express), and the dashboard's built files at
 * / when dashboard/dist exists. It only reads the warehouse; the ETL writes it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { RULEBOOK, type Rulebook } from '../domain/rulebook';
import { ensurePrivateDir } from '../config/data-dir';
import { runState } from '../warehouse/run-log';
import { embeddedWritesSoFar, isEmbedded, openWarehouse, type Warehouse } from '../warehouse/client';
import { introspectionNeedsToken } from './auth/introspection';
import { SignInLimiter } from './auth/rate-limit';
import { AccountLookups, tokenSecret, viewerFromHeader } from './auth/tokens';
import { type ApiContext, makeLoaders, makeOnce } from './common/context';
import { warehouseBudget } from './common/cost';
import { maskError } from './common/errors';
import { clientMistakeStatus, jsonErrorHandler, jsonNotFound, MAX_BODY_BYTES } from './common/http-errors';
import { createLog, type Log } from '../config/log';
import { requestLogPlugin } from './common/log';
import { complexityLimit, depthLimit, MAX_COMPLEXITY, MAX_DEPTH } from './common/limits';
import { queriesAndMutationsOnly, variablesCheckedFirst } from './common/request-checks';
import { ResponseCache, responseCachePlugin } from './common/response-cache';
import { runStateSource, type RunStateSource } from './common/run-state';
import { abandonSignal, openWarehouseAccess, type WarehouseAccess, type WarehouseQueryHook } from './common/warehouse';
import { buildApiSchema } from './schema';
import { documentsRoute } from './documents/documents';
import { DOCUMENTS } from './documents/registry';
import { workbookBuffer } from './documents/workbook';
import type { SubmissionIntake } from './submissions/intake';
import { submissionRoutes } from './submissions/routes';

export interface ApiServer {
  url: string;
  /** The answers cache: `invalidate()` after running the ETL in this process. */
  cache: ResponseCache;
  /** The dashboard's way into the warehouse: its fair queue and its cancellation. */
  warehouseAccess: WarehouseAccess;
  /** The warehouse for this process's ETL runs: their statements take turns with the dashboard's queries. */
  etlWarehouse: Warehouse;
  /** Where each request's run state comes from, and how often it was read from the warehouse. */
  runState: RunStateSource;
  log: Log;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Where the server's log lines go; by default stdout at LOG_LEVEL (tests pass one that captures them). */
  log?: Log;
  /** Where the dashboard's built files are; served at / when the folder exists. */
  dashboardDir?: string;
  /** Sees every warehouse query of a request before it runs (tests capture the SQL text with it). */
  onWarehouseQuery?: WarehouseQueryHook;
  /** The rules the indicators judge against: the program's own rulebook unless a test passes another. */
  rulebook?: Rulebook;
  /** Takes uploads at /api/submissions and runs the ETL on request; without it, uploads answer 503. */
  intake?: SubmissionIntake;
}

const DEFAULT_DASHBOARD_DIR = path.resolve(__dirname, '..', '..', 'dashboard', 'dist');

/**
 * Helmet's defaults, tightened for what the built dashboard does: its scripts, styles, fonts and the
 * map's shapes all come from this server (the GeoJSON is bundled), it talks to /graphql only, and no
 * other site may frame it. No upgrade-insecure-requests: the server speaks plain HTTP on a LAN address
 * unless a proxy in front terminates TLS, and that directive would send the dashboard's own requests to https.
 */
const SECURITY_HEADERS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      scriptSrcAttr: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

export async function startServer(
  config: Config,
  handles: { platform: DataSource; warehouse: Warehouse },
  options: ServerOptions = {},
): Promise<ApiServer> {
  const log = options.log ?? createLog(config.log);
  const schema = await buildApiSchema();
  // The platform database and the token secret live here; an older version left it open to everyone.
  ensurePrivateDir(config.dataDir);
  const secret = tokenSecret(config);
  const warehouseAccess = await openWarehouseAccess(config.warehouse, handles.warehouse, {
    maxExecutionSeconds: config.warehouse.maxExecutionSeconds, onQuery: options.onWarehouseQuery,
  });
  const rulebook = options.rulebook ?? RULEBOOK;
  // The state every request reads first (last run, data version) comes from a session of its own: the
  // embedded engine runs one statement at a time per session, and its read carries no parameters, so
  // it need not wait behind a long dashboard query or ETL statement on the main session. With the
  // embedded engine it is read only after a statement that may have changed the warehouse (run-state.ts).
  const stateSession = await openWarehouse(config.warehouse);
  const runStates = runStateSource(() => runState(stateSession), isEmbedded(config.warehouse) ? embeddedWritesSoFar : undefined);
  const cache = new ResponseCache();
  const signIns = new SignInLimiter();
  const accounts = new AccountLookups(handles.platform);

  const app = express();
  app.use(helmet(SECURITY_HEADERS));
  // The dashboard's scripts and the API's answers are text: gzip cuts them to about a third over a real network.
  app.use(compression());
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError: maskError(log),
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_DEPTH), queriesAndMutationsOnly],
    plugins: [
      // First: the plugins after it may read the variables and the schema.
      variablesCheckedFirst(),
      requestLogPlugin(log),
      introspectionNeedsToken(),
      clientMistakeStatus(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      complexityLimit(schema, MAX_COMPLEXITY),
      warehouseBudget(schema),
      responseCachePlugin(cache),
    ],
  });
  await apollo.start();

  app.use(submissionRoutes({
    platform: handles.platform, intake: options.intake, secret, accounts, maxBytes: config.submissions.maxBytes,
  }));
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => contextFor(req.headers.authorization, req.socket.remoteAddress ?? 'unknown', abandonSignal(res)),
    }),
  );

  async function contextFor(authorization: string | undefined, clientAddress: string, abandoned: AbortSignal): Promise<ApiContext> {
    const [check, { lastRun, version }] = await Promise.all([viewerFromHeader(authorization, secret, accounts), runStates.current()]);
    const viewer = 'viewer' in check ? check.viewer : null;
    // Requests without a viewer read nothing from the warehouse (every query but login needs one).
    const reader = warehouseAccess.access.forRequest(viewer?.username ?? '', abandoned);
    return {
      viewer,
      authFailure: 'failure' in check ? check.failure : null,
      clientAddress,
      signIns,
      config,
      platform: handles.platform,
      intake: options.intake ?? null,
      warehouse: reader,
      lastRun,
      dataVersion: version,
      rulebook,
      loaders: makeLoaders(reader),
      once: makeOnce(),
    };
  }

  // The documents (annual report, evaluation) as workbooks, with the same token and scope as /graphql.
  app.get('/api/documents/:name', documentsRoute(DOCUMENTS, contextFor, abandonSignal, log, workbookBuffer));

  const dashboardDir = options.dashboardDir ?? DEFAULT_DASHBOARD_DIR;
  if (fs.existsSync(path.join(dashboardDir, 'index.html'))) {
    // Built file names carry their content hash: a browser may keep them for good and ask again only for index.html.
    app.use('/assets', express.static(path.join(dashboardDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(express.static(dashboardDir));
    // The dashboard routes in the browser: any other page is its index.
    app.get('/{*page}', (_req, res) => res.sendFile(path.join(dashboardDir, 'index.html')));
  }
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.api.port, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    cache,
    warehouseAccess: warehouseAccess.access,
    etlWarehouse: warehouseAccess.access.forEtl(),
    runState: runStates,
    log,
    close: async () => {
      await apollo.stop();
      await warehouseAccess.close();
      await stateSession.close();
    },
  };
}
