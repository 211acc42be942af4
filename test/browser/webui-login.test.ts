/**
 * The web UI's login page in real Chromium, against `meseta local` (TLS and
 * authentication on by default): the page asks for an operator token,
 * shows the master's refusal of a wrong one, and after the right one shows
 * the live cluster. The token never lands in the URL, the page's storage or
 * a script-readable cookie (the session cookie is HttpOnly).
 */
import { createHash, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnCli } from '../harness/cli';
import { killProcessesUnder } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { launchChromium, type BrowserSession } from './support/chromium';

let local: MesetaProcess | undefined;
let root: string | undefined;
let master: string;
let token: string;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  local = spawnCli(['local', '--agents', '1', '--port', '0']);
  master = (await local.waitForLine(/^meseta local: 1 agent\(s\) up; master at https:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line'))[1];
  const configPath = (await local.waitForLine(/^export MESETA_CONFIG=(\S+)$/, 5_000, 'the export line'))[1];
  root = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];
  token = (JSON.parse(fs.readFileSync(configPath, 'utf8')) as { token: string }).token;
  const certificate = new X509Certificate(fs.readFileSync(path.join(root, 'tls', 'master.crt')));
  const spki = createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
  browser = await launchChromium({ width: 1280, height: 800 }, { extraArgs: [`--ignore-certificate-errors-spki-list=${spki}`] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
  if (root) {
    await killProcessesUnder(root);
    fs.rmSync(root, { recursive: true, force: true });
  }
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
