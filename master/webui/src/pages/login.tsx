/**
 * The login page of an authenticated master: one field for an operator
 * token (`meseta local` puts it in its client config, `token`). The token
 * goes in a POST body and is exchanged for a session cookie; it never
 * lands in the URL, the history or the page's storage.
 */
import { useState } from 'preact/hooks';
import { logIn } from '../session';

/** The login form; `onLoggedIn` runs once the master accepted the token. */
export function LoginPage(props: { onLoggedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const refusal = await logIn(token.trim());
      if (refusal === undefined) {
        setToken('');
        props.onLoggedIn();
      } else setError(refusal);
    } catch (err) {
      setError(`the master did not answer (${(err as Error).message})`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Meseta</h1>
      <p>This master needs an operator token.</p>
      <form onSubmit={(e) => void submit(e)} method="post" action="#">
        <label for="token">Operator token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} required />
        <button type="submit" disabled={busy || token.trim() === ''}>
          Log in
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
