/**
 * The one Apollo client. Every request carries the session's token as `Authorization: Bearer`; an
 * UNAUTHENTICATED answer (expired or revoked token) ends the session, which sends the user back to
 * the sign-in page. FORBIDDEN and BAD_USER_INPUT stay with the component that asked, which shows them.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';

export interface TokenStore {
  token(): string | null;
  /** Called when the server no longer accepts the token. */
  expire(): void;
}

export function makeApolloClient(tokens: TokenStore, uri = '/graphql'): ApolloClient {
  const authLink = new SetContextLink((previous) => {
    const token = tokens.token();
    return token === null ? previous : { headers: { ...previous.headers, authorization: `Bearer ${token}` } };
  });
  const expiryLink = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      tokens.expire();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([expiryLink, authLink, new HttpLink({ uri })]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-first' } },
  });
}

/** The server's error code of a failed request (FORBIDDEN, BAD_USER_INPUT, …), if it gave one. */
export function errorCode(error: unknown): string | null {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

/** The message to show for a failed request: the server's own words, which say what to do. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}
