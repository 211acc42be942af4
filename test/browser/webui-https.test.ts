/**
 * The web UI over https in real Chromium, from `meseta local` (secure by
 * default). Chromium offers ALPN h2 and http/1.1 and must land on the
 * HTTP/1.1 handler (the UI, its server-sent events); it trusts exactly the
 * master's key (`--ignore-certificate-errors-spki-list`), nothing else.
 * `meseta local` has authentication on, so the test logs in with the
 * operator token from the client config first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserSession } from './support/chromium';
import { startSecureLocal, type SecureLocal } from './support/secure-local';

let cluster: SecureLocal | undefined;
let master: string;
let root: string;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  cluster = await startSecureLocal();
  ({ master, root, browser } = cluster);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe('the web UI over https', () => {
  it('loads over HTTP/1.1 inside TLS and shows the live cluster (its event stream works)', async () => {
    const page = browser!.page;
    const response = await page.goto(`https://${master}/#/`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await response?.securityDetails()).not.toBeNull();
    const protocol = await page.evaluate<string>('performance.getEntriesByType("navigation")[0].nextHopProtocol');
    expect(protocol).toBe('http/1.1');
    // meseta local turns authentication on: log in with the operator token of its client config.
    const token = (JSON.parse(fs.readFileSync(path.join(root!, 'config.json'), 'utf8')) as { token: string }).token;
    await page.locator('main.login input#token').fill(token);
    await page.locator('main.login button[type="submit"]').click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(page.url()).not.toContain(token);
    await page.locator('[data-tile="agents"] .value', { hasText: '1' }).waitFor({ timeout: 30_000 });
    // The one expected failure: the first /api call before logging in (401).
    expect(browser!.pageErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 60_000);
});
