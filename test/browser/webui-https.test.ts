/**
 * The web UI over https in real Chromium, from `meseta local` (secure by
 * default). Chromium offers ALPN h2 and http/1.1 and must land on the
 * HTTP/1.1 handler (the UI, its server-sent events); it trusts exactly the
 * master's key (`--ignore-certificate-errors-spki-list`), nothing else.
 * `meseta local` has authentication on, so the test logs in with the
 * operator token from the client config first.
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
let browser: BrowserSession | undefined;

beforeAll(async () => {
  local = spawnCli(['local', '--agents', '1', '--port', '0']);
  master = (await local.waitForLine(/^meseta local: 1 agent\(s\) up; master at https:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line'))[1];
  root = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];
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
