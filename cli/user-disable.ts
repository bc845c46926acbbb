/**
 * `npm run user:disable -- --username U`: the user can no longer sign in, and the tokens already
 * handed out are refused by a running server from its next request on. `user:add` with the same name
 * enables the user again with a new password.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openPlatformDb } from '../platform/data-source';
import { disableUser, UserInputError } from '../api/auth/users';

const USAGE = 'usage: npm run user:disable -- --username U';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' } }, strict: true });
  if (!values.username) throw new UserInputError(USAGE);
  const platform = await openPlatformDb(loadConfig().platform);
  try {
    await disableUser(platform, values.username);
    console.log(`user ${values.username}: disabled, its tokens are refused from now on`);
  } finally {
    await platform.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UserInputError ? `user:disable: ${error.message}` : error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
