/**
 * What the web UI's browser tests do on every page: check the UI is built,
 * open a page by its route and wait until it shows, and keep a screenshot
 * with the test artifacts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_ROOT, REPO_ROOT } from '../../harness/paths';

/** Where the screenshots go. */
export const SCREENSHOTS = path.join(ARTIFACTS_ROOT, 'screenshots');

/** Throws, naming the command to run, when the web UI has not been built into dist/webui. */
export function requireWebUiBuild(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'webui', 'index.html'))) {
    throw new Error('dist/webui/index.html is missing: run npm run build (it builds the web UI) first');
  }
}

/** Opens `<base>/<hash>` and waits (up to 15 s) for the page `[data-page=pageName]`. */
export async function openPage(page: Page, base: string, hash: string, pageName: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.locator(`[data-page="${pageName}"]`).waitFor({ timeout: 15_000 });
}

/** Saves the whole page as `<SCREENSHOTS>/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
