/**
 * The token secret is an HMAC secret whatever its text: its key is made once per secret (api/auth/tokens.ts
 * `verifyingKey`), not read anew per request, where jsonwebtoken first tries to read it as a public key.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import { signToken, verifyToken } from '../../api/auth/tokens';

const ACCOUNT = { username: 'province', role: 'province' as const, scope: null, tokenVersion: 3 };

test('a token verifies with its secret, and not with another', () => {
  const secret = crypto.randomBytes(48).toString('base64url');
  const token = signToken(ACCOUNT, secret, 60);
  expect(verifyToken(token, secret)).toEqual({ account: ACCOUNT });
  expect(verifyToken(token, crypto.randomBytes(48).toString('base64url'))).toEqual({ failure: 'The token is not valid here; log in again.' });
  // The key kept for the last secret is not reused for another.
  expect(verifyToken(token, secret)).toEqual({ account: ACCOUNT });
});

test('a secret whose text reads as a public key still signs and verifies as an HMAC secret', () => {
  const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const secret = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const token = signToken(ACCOUNT, secret, 60);
  expect(verifyToken(token, secret)).toEqual({ account: ACCOUNT });
});
