/**
 * Real Chromium for browser tests and benchmarks, driven by playwright-core:
 * Debian's `/usr/bin/chromium`, installed with apt-get when missing (a test
 * fails, never skips, when it cannot be installed), headless, with a fresh
 * profile directory that is removed on close.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = process.env.MESETA_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, self-contained headless browser. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The chromium executable, installing Debian's `chromium` package if it is
 * missing. Throws (so the test fails) with what to do when that does not work.
 */
export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  let output = '';
  try {
    output = execFileSync('apt-get', ['install', '-y', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (e) {
    output = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}${(e as Error).message}`;
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH} and "apt-get install -y chromium" did not install it. ` +
        `Install it (as root: apt-get update && apt-get install -y chromium) or set MESETA_CHROMIUM to a Chromium binary.\n${output.slice(-2000)}`,
    );
  }
  return CHROMIUM_PATH;
}

/** A running browser with one page. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions. */
  pageErrors: string[];
  /** Close the browser and remove its profile directory. */
  close(): Promise<void>;
}

/** Options of {@link launchChromium}. */
export interface LaunchOptions {
  /**
   * Ignore the page's content security policy. Tests of escaping set it, so a
   * script the UI failed to escape would run (and show) instead of being
   * stopped by the policy. @default true
   */
  bypassCSP?: boolean;
  /** More Chromium flags, e.g. `--ignore-certificate-errors-spki-list=…` to trust one test server's key. @default [] */
  extraArgs?: string[];
}

/** Start headless Chromium with a fresh profile and open one page of this size. */
export async function launchChromium(viewport = { width: 1280, height: 800 }, options: LaunchOptions = {}): Promise<BrowserSession> {
  const executablePath = ensureChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      headless: true,
      viewport,
      timeout: 60_000,
      // Tests check that the UI escapes what it shows, not that the CSP would
      // stop a script it failed to escape (and waitForFunction needs eval).
      bypassCSP: options.bypassCSP ?? true,
    });
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    pageErrors.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  let closed = false;
  return {
    context,
    page,
    pageErrors,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
