/**
 * Dashboard users in the platform database, with bcrypt password hashes (salted, cost 12). A user's
 * scope is checked when the user is made: a real city code for `city`, a registered insurer for
 * `insurer`, nothing for the others. Every change that must end the user's sessions (new password,
 * role or scope, disabling) raises `token_version`, which each token carries and each request checks.
 */
import type { DataSource } from 'typeorm';
import { InsurerRow, UserRow } from '../../platform/entities';
import { CITIES } from '../../domain/regions';
import { ROLES, type Role, type Viewer } from '../common/scope';
import { comparePassword, hashPassword } from './password-hashing';

const BCRYPT_COST = 12;
/** Compared against when the username is unknown, so that a wrong name costs as long as a wrong password. */
let unknownUserHash: Promise<string> | undefined;
function hashForUnknownUser(): Promise<string> {
  unknownUserHash ??= hashPassword('no such user', BCRYPT_COST).catch((error: unknown) => {
    // A failed worker must not leave every later sign-in of an unknown name failing with it.
    unknownUserHash = undefined;
    throw error;
  });
  return unknownUserHash;
}

/** A user as a token names it: the viewer and the version of its credentials the token was signed at. */
export interface Account extends Viewer {
  tokenVersion: number;
}

export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

export interface NewUser {
  username: string;
  password: string;
  role: string;
  scope?: string | null;
}

async function checkedScope(platform: DataSource, role: Role, scope: string | null): Promise<string | null> {
  if (role === 'province' || role === 'analyst') {
    if (scope !== null) throw new UserInputError(`a ${role} user sees everything and takes no --scope`);
    return null;
  }
  if (role === 'city') {
    const city = CITIES.find((candidate) => candidate.code === scope);
    if (!city) {
      throw new UserInputError(`a city user needs --scope with a city code: ${CITIES.map((c) => `${c.code} ${c.name}`).join(', ')}`);
    }
    return city.code;
  }
  if (scope === null) throw new UserInputError('an insurer user needs --scope with the id of a registered insurer');
  const insurer = await platform.getRepository(InsurerRow).findOneBy({ id: scope });
  if (!insurer) throw new UserInputError(`no insurer with id "${scope}" is registered in the platform database`);
  return insurer.id;
}

/**
 * Creates the user, or replaces the password, role and scope of an existing one with that name (which
 * enables it again if it was disabled); either way the tokens signed before are refused from now on.
 */
export async function addUser(platform: DataSource, user: NewUser, now = Date.now()): Promise<Viewer> {
  const username = user.username.trim();
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(username)) {
    throw new UserInputError('username must be 2 to 64 letters, digits or . _ @ -');
  }
  if (user.password.length < 8) throw new UserInputError('password must have at least 8 characters');
  if (!(ROLES as readonly string[]).includes(user.role)) throw new UserInputError(`role must be one of ${ROLES.join(', ')}`);
  const role = user.role as Role;
  const scope = await checkedScope(platform, role, user.scope === undefined || user.scope === '' ? null : user.scope);
  const passwordHash = await hashPassword(user.password, BCRYPT_COST);
  const users = platform.getRepository(UserRow);
  const existing = await users.findOneBy({ username });
  await users.save(Object.assign(existing ?? new UserRow(), {
    username, passwordHash, role, scope,
    createdAt: existing?.createdAt ?? now,
    tokenVersion: existing ? existing.tokenVersion + 1 : 0,
    disabledAt: null,
  }));
  return { username, role, scope };
}

/** Disables the user: no sign-in, and every token of theirs is refused from the next request on. */
export async function disableUser(platform: DataSource, username: string, now = Date.now()): Promise<void> {
  const users = platform.getRepository(UserRow);
  const existing = await users.findOneBy({ username });
  if (!existing) throw new UserInputError(`no user named "${username}"`);
  await users.save(Object.assign(existing, { tokenVersion: existing.tokenVersion + 1, disabledAt: existing.disabledAt ?? now }));
}

function accountOf(user: UserRow): Account | null {
  if (user.disabledAt !== null || !(ROLES as readonly string[]).includes(user.role)) return null;
  const role = user.role as Role;
  // A city or insurer account without its scope would see everything: such a row is no account.
  if ((role === 'city' || role === 'insurer') && user.scope === null) return null;
  return { username: user.username, role, scope: user.scope, tokenVersion: user.tokenVersion };
}

/** The enabled user with this name and password, or null. */
export async function checkPassword(platform: DataSource, username: string, password: string): Promise<Account | null> {
  const user = await platform.getRepository(UserRow).findOneBy({ username });
  const matches = await comparePassword(password, user?.passwordHash ?? (await hashForUnknownUser()));
  if (!user || !matches) return null;
  return accountOf(user);
}

/** The enabled user with this name as the platform database has it now, or null. */
export async function currentAccount(platform: DataSource, username: string): Promise<Account | null> {
  const user = await platform.getRepository(UserRow).findOne({
    select: { id: true, username: true, role: true, scope: true, tokenVersion: true, disabledAt: true },
    where: { username },
  });
  return user ? accountOf(user) : null;
}
