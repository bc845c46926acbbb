/**
 * `npm run user:add -- --username U --password P --role province|analyst|city|insurer [--scope S]`:
 * creates a dashboard user (or resets one, which ends its sessions and enables it again), S being a
 * city code for a city user and an insurer id for an insurer user.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { addUser, UserInputError } from '../api/auth/users';

const USAGE = 'usage: npm run user:add -- --username U --password P --role province|analyst|city|insurer [--scope <city code or insurer id>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' } },
    strict: true,
  });
  if (!values.username || !values.password || !values.role) throw new UserInputError(USAGE);
  const platform = await openPlatformDb(loadConfig().platform);
  try {
    const user = await addUser(platform, { username: values.username, password: values.password, role: values.role, scope: values.scope });
    console.log(`user ${user.username}: role ${user.role}${user.scope ? `, scope ${user.scope}` : ''}`);
  } finally {
    await platform.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UserInputError ? `user:add: ${error.message}` : error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
