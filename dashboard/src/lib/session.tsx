/**
 * The signed-in session: the token lives in sessionStorage (gone when the tab closes, never shared
 * with other tabs' accounts), and who it belongs to comes from the server's `me`, never from decoding
 * the token here. The server enforces every scope; the dashboard only avoids offering what it would refuse.
 */
import { gql } from '@apollo/client';
import type { MeDocument } from './operations.generated';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { makeApolloClient } from './apollo';
import { PROVINCE_CODE } from '../../../domain/regions';
import { cityOf } from './routes';

export type Role = 'province' | 'analyst' | 'city' | 'insurer';

export interface Viewer {
  username: string;
  role: Role;
  /** City code of a city user, insurer id of an insurer user. */
  scope: string | null;
}

export const ME_QUERY: MeDocument = gql`
  query Me {
    me { username role scope }
  }
`;

const TOKEN_KEY = 'dashboard.token';

interface SessionState {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  }, []);
  const signIn = useCallback((next: string) => {
    sessionStorage.setItem(TOKEN_KEY, next);
    setToken(next);
  }, []);
  // One client per signed-in token, so that nothing cached for one account is ever shown to the next.
  const client = useMemo(
    () => makeApolloClient({ token: () => sessionStorage.getItem(TOKEN_KEY), expire: signOut }),
    [token, signOut],
  );
  const session = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <SessionContext.Provider value={session}>
      <ApolloProvider client={client}>{children}</ApolloProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}

const ROLES: readonly Role[] = ['province', 'analyst', 'city', 'insurer'];

/** The schema types `role` as a string; a role the dashboard does not know is no viewer at all. */
export function viewerOf(me: { username: string; role: string; scope: string | null }): Viewer | null {
  const role = ROLES.find((known) => known === me.role);
  return role ? { username: me.username, role, scope: me.scope } : null;
}

export function useViewer() {
  const { token } = useSession();
  const { data, loading, error } = useQuery(ME_QUERY, { skip: token === null });
  const viewer = useMemo(() => (data ? viewerOf(data.me) : null), [data]);
  return { viewer, loading, error };
}

/** Where a role starts: the province, the user's own city, or the insurer's own scorecard. */
export function landingUrl(viewer: Viewer): string {
  switch (viewer.role) {
    case 'province':
    case 'analyst':
      return `/region/${PROVINCE_CODE}`;
    case 'city':
      return `/region/${viewer.scope ?? PROVINCE_CODE}`;
    case 'insurer':
      return `/insurer/${encodeURIComponent(viewer.scope ?? '')}`;
  }
}

/** Whether the viewer may open a region; the server answers FORBIDDEN anyway, this keeps links honest. */
export function mayViewRegion(viewer: Viewer, code: string): boolean {
  if (viewer.role === 'province' || viewer.role === 'analyst') return true;
  if (viewer.role === 'insurer') return false;
  return code !== PROVINCE_CODE && cityOf(code) === viewer.scope;
}

/**
 * Whether the viewer may open an insurer's page: the regulator's accounts and a city (which sees the
 * insurer's business in its city) may open any, an insurer account only its own.
 */
export function mayViewInsurer(viewer: Viewer, id: string): boolean {
  return viewer.role !== 'insurer' || viewer.scope === id;
}

/** The accounts that send data (数据报送): the province, city bureaus and insurers; analysts read. */
export function maySubmit(viewer: Viewer): boolean {
  return viewer.role !== 'analyst';
}
