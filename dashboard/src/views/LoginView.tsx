/** Sign-in: the token goes to sessionStorage, and the app then sends the user where their role works. */
import { gql } from '@apollo/client';
import type { LoginDocument } from '../lib/operations.generated';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/apollo';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';

export const LOGIN_MUTATION: LoginDocument = gql`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { token }
  }
`;

export function LoginView() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LOGIN_MUTATION);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ variables: { username, password } }).catch(() => null);
    if (result?.data) signIn(result.data.login.token);
  };
  return (
    <main className="login-view">
      <form onSubmit={submit} className="login-form" aria-labelledby="login-title">
        <h1 id="login-title">{t('appTitle')}</h1>
        <label>{t('username')}<input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        <button type="submit" disabled={loading}>{loading ? t('signingIn') : t('signIn')}</button>
        {error && <p role="alert" className="state-error">{t('signInFailed', { message: errorMessage(error) })}</p>}
      </form>
    </main>
  );
}
