/**
 * The web UI's session on an authenticated master: `GET api/v1/whoami`
 * says whether a login is needed; `POST api/v1/login` exchanges an
 * operator token (typed into the login page, sent in the request body,
 * never in a URL) for an HttpOnly, SameSite=Strict cookie that every later
 * request and the event stream carry. The token is not kept by the page.
 */

/** Who the UI is talking as: an open master, a logged-in principal, or nobody yet (show the login page). */
export type Session = { authentication: false } | { authentication: true; principal?: string };

/** Ask the master who this browser is. */
export async function currentSession(): Promise<Session> {
  const response = await fetch('api/v1/whoami', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 404) return { authentication: false }; // a master without authentication endpoints
  if (!response.ok) throw new Error(`api/v1/whoami: ${response.status} ${response.statusText}`);
  return (await response.json()) as Session;
}

/** True when the master wants a login first. */
export function needsLogin(session: Session): boolean {
  return session.authentication && !session.principal;
}

/** Log in with an operator token; resolves with the refusal's text, or undefined once logged in. */
export async function logIn(token: string): Promise<string | undefined> {
  const response = await fetch('api/v1/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.ok) return undefined;
  try {
    return ((await response.json()) as { error?: string }).error ?? `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** End the session (the cookie is cleared). */
export async function logOut(): Promise<void> {
  await fetch('api/v1/logout', { method: 'POST', credentials: 'same-origin' });
}
