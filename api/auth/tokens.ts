/**
 * Signed, expiring tokens (JWT, HS256). The secret is JWT_SECRET, or when that is empty a random
 * secret created once per data directory and kept in a file only its owner can read, so that tokens
 * survive a restart without anyone having to configure a secret for a local run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { Config } from '../../etl/config';
import { ROLES, type Role, type Viewer } from '../common/scope';

const SECRET_FILE = 'jwt-secret';
const ALGORITHM = 'HS256';

export function tokenSecret(config: Config): string {
  if (config.api.jwtSecret !== '') return config.api.jwtSecret;
  const file = path.join(config.dataDir, SECRET_FILE);
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists: two servers starting at once keep the first one's secret.
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function signToken(viewer: Viewer, secret: string, ttlSeconds: number): string {
  return jwt.sign({ role: viewer.role, scope: viewer.scope }, secret, {
    algorithm: ALGORITHM,
    subject: viewer.username,
    expiresIn: ttlSeconds,
  });
}

export type TokenCheck = { viewer: Viewer } | { failure: string };

export function verifyToken(token: string, secret: string): TokenCheck {
  try {
    const claims = jwt.verify(token, secret, { algorithms: [ALGORITHM] });
    if (typeof claims === 'string' || typeof claims.sub !== 'string' || !(ROLES as readonly string[]).includes(claims.role)) {
      return { failure: 'The token does not name a user and role; log in again.' };
    }
    return { viewer: { username: claims.sub, role: claims.role as Role, scope: typeof claims.scope === 'string' ? claims.scope : null } };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return { failure: 'The token has expired; log in again.' };
    return { failure: 'The token is not valid here; log in again.' };
  }
}

/** The viewer of an HTTP request, from `Authorization: Bearer <token>`. */
export function viewerFromHeader(header: string | undefined, secret: string): TokenCheck {
  if (header === undefined || header.trim() === '') return { failure: 'Log in first: send Authorization: Bearer <token> from the login mutation.' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { failure: 'The Authorization header must read "Bearer <token>".' };
  return verifyToken(match[1], secret);
}
