/**
 * Signed, expiring tokens (JWT, HS256). The secret is JWT_SECRET, or when that is empty a random
 * secret created once per data directory and kept in a file only its owner can read, so that tokens
 * survive a restart without anyone having to configure a secret for a local run.
 *
 * A token stands for the user only while the user is as it was when the token was signed: every
 * request reads the user's row (one lookup by the unique username) and refuses the token when the
 * user is gone or disabled, or its `token_version`, role or scope moved on. `user:add` and
 * `user:disable` run in another process; reading the row per request is what lets the server see
 * their change at once.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFiles } from '../../config/data-dir';
import { ROLES, type Role, type Viewer } from '../common/scope';
import { currentAccount, type Account } from './users';

const SECRET_FILE = 'jwt-secret';
const ALGORITHM = 'HS256';

export function tokenSecret(config: Config): string {
  if (config.api.jwtSecret !== '') return config.api.jwtSecret;
  const file = path.join(config.dataDir, SECRET_FILE);
  ensurePrivateDir(config.dataDir);
  try {
    // 'wx' fails when the file exists: two servers starting at once keep the first one's secret.
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    tightenFiles([file]);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function signToken(account: Account, secret: string, ttlSeconds: number): string {
  return jwt.sign({ role: account.role, scope: account.scope, ver: account.tokenVersion }, secret, {
    algorithm: ALGORITHM,
    subject: account.username,
    expiresIn: ttlSeconds,
  });
}

export type TokenCheck = { viewer: Viewer } | { failure: string };
type ClaimsCheck = { account: Account } | { failure: string };

let verifying: { secret: string; key: crypto.KeyObject } | undefined;

/**
 * The secret as the key jsonwebtoken verifies with, made once per secret: given the string, it makes
 * the key again for every request, after first failing to read the string as a public key.
 */
function verifyingKey(secret: string): crypto.KeyObject {
  if (verifying?.secret !== secret) verifying = { secret, key: crypto.createSecretKey(Buffer.from(secret, 'utf8')) };
  return verifying.key;
}

/** The signature, the expiry and the claims: what the token says, before the user's row is read. */
export function verifyToken(token: string, secret: string): ClaimsCheck {
  try {
    const claims = jwt.verify(token, verifyingKey(secret), { algorithms: [ALGORITHM] });
    if (typeof claims === 'string' || typeof claims.sub !== 'string' || !(ROLES as readonly string[]).includes(claims.role)) {
      return { failure: 'The token does not name a user and role; log in again.' };
    }
    // jsonwebtoken accepts a token without `exp`; one that never expires is never handed out here.
    if (typeof claims.exp !== 'number') return { failure: 'The token has no expiry; log in again.' };
    if (!Number.isSafeInteger(claims.ver)) return { failure: 'The token does not name its credentials version; log in again.' };
    const role = claims.role as Role;
    const scope = typeof claims.scope === 'string' && claims.scope !== '' ? claims.scope : null;
    if ((role === 'city' || role === 'insurer') && scope === null) {
      return { failure: `A ${role} token must name its scope; log in again.` };
    }
    return { account: { username: claims.sub, role, scope, tokenVersion: claims.ver as number } };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return { failure: 'The token has expired; log in again.' };
    return { failure: 'The token is not valid here; log in again.' };
  }
}

const REVOKED = 'This token no longer stands for its user (password, role or scope changed, or the account was disabled); log in again.';

/**
 * Concurrent requests of one user share the lookup in flight (the dashboard sends a page's queries at
 * once). Nothing is kept after the query answers: a change is seen by every request that starts more
 * than one lookup (about a millisecond on SQLite, a few on a database server) after it.
 */
export class AccountLookups {
  private readonly inFlight = new Map<string, Promise<Account | null>>();

  constructor(private readonly platform: DataSource) {}

  current(username: string): Promise<Account | null> {
    let lookup = this.inFlight.get(username);
    if (lookup === undefined) {
      lookup = currentAccount(this.platform, username).finally(() => this.inFlight.delete(username));
      this.inFlight.set(username, lookup);
    }
    return lookup;
  }
}

/** The viewer of an HTTP request, from `Authorization: Bearer <token>` and the user's row as it is now. */
export async function viewerFromHeader(header: string | undefined, secret: string, accounts: AccountLookups): Promise<TokenCheck> {
  if (header === undefined || header.trim() === '') return { failure: 'Log in first: send Authorization: Bearer <token> from the login mutation.' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { failure: 'The Authorization header must read "Bearer <token>".' };
  const check = verifyToken(match[1], secret);
  if ('failure' in check) return check;
  const signed = check.account;
  const current = await accounts.current(signed.username);
  if (current === null || current.tokenVersion !== signed.tokenVersion || current.role !== signed.role || current.scope !== signed.scope) {
    return { failure: REVOKED };
  }
  return { viewer: { username: current.username, role: current.role, scope: current.scope } };
}
