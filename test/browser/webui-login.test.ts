/**
 * The web UI's login page in real Chromium, against `meseta local` (TLS and
 * authentication on by default): the page asks for an operator token,
 * shows the master's refusal of a wrong one, and after the right one shows
 * the live cluster. The token never lands in the URL, the page's storage or
 * a script-readable cookie (the session cookie is HttpOnly).
 */
import type { BrowserSession } from './support/chromium';
import { startSecureLocal, type SecureLocal } from './support/secure-local';

let cluster: SecureLocal | undefined;
let master: string;
let browser: BrowserSession | undefined;
let token: string;

beforeAll(async () => {
  cluster = await startSecureLocal();
  ({ master, browser } = cluster);
  token = cluster.token;
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe('the web UI login', () => {
  it('asks for a token, refuses a wrong one, and shows the cluster after the right one', async () => {
    const page = browser!.page;
    await page.goto(`https://${master}/#/`, { waitUntil: 'load' });
    const field = page.locator('#token');
    await field.waitFor({ timeout: 30_000 });

    await field.fill('not-the-token-0000000000');
    await page.locator('button[type="submit"]').click();
    await page.locator('.login .error', { hasText: "login: the bearer token matches no principal in the master's --credentials" }).waitFor({ timeout: 10_000 });

    await field.fill(token);
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-tile="agents"] .value', { hasText: '1' }).waitFor({ timeout: 30_000 });

    expect(page.url()).not.toContain(token);
    const stored = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain('meseta_session');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'meseta_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
    // Only the refused login shows in the console (the browser logs every 4xx).
    expect(browser!.pageErrors).toEqual(['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  }, 90_000);
});
