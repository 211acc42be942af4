/**
 * The master web UI in real Chromium against a real master and agents
 * running real tasks: every page, deep links and the back button, a live
 * log tail of a task printing 1,000 lines a second, sandbox browsing and
 * its confinement, a decline reason, HTML in a task name shown as text,
 * an agent going unreachable when killed, and a narrow window.
 * Screenshots go to test-artifacts/screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startCluster, type Cluster } from '../harness/cluster';
import { ARTIFACTS_ROOT, REPO_ROOT } from '../harness/paths';
import { waitFor } from '../harness/wait-for';
import type { UiSnapshot } from '../../master/http-ui-types';
import { TAIL_MAX_LINES } from '../../master/webui/src/model/tail';
import { launchChromium, type BrowserSession } from './support/chromium';
import { startUiFramework, type UiFramework } from './support/ui-framework';
import { HTML_TASK_NAME, TASK_IDS, batchTasks, uiTestTasks, webServiceTasks } from './support/ui-tasks';

const SCREENSHOTS = path.join(ARTIFACTS_ROOT, 'screenshots');

let cluster: Cluster;
let framework: UiFramework;
/** Other frameworks, so the pages show several roles and a disconnected framework. */
let others: UiFramework[] = [];
let disconnected: UiFramework;
let browser: BrowserSession;
let page: Page;
let base: string;

async function screenshot(name: string, fullPage = false): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Go to a hash route and wait for its page to render with data. */
async function open(hash: string, pageName: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.locator(`[data-page="${pageName}"]`).waitFor({ timeout: 15_000 });
}

async function getJson(url: string): Promise<{ status: number; body: { error?: string } & Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as { error?: string } & Record<string, unknown> };
}

/** A framework's failover deadline and the seconds left before it, both as the master serves them. */
async function failoverLeft(name: string): Promise<{ deadline: number; left: number }> {
  const snapshot = (await getJson(`${base}/api/v1/snapshot`)).body as unknown as UiSnapshot;
  const f = snapshot.frameworks.find((x) => x.name === name);
  if (f?.failover_deadline === undefined) throw new Error(`the master serves no failover deadline for ${name}`);
  return { deadline: f.failover_deadline, left: f.failover_deadline - snapshot.summary.server_time };
}

/** Seconds in a duration the UI shows: `8m 32s`, `45s`, `1h 2m`. */
function durationSeconds(text: string): number {
  const units: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };
  const parts = [...text.trim().matchAll(/(\d+)([dhms])/g)];
  if (parts.length === 0) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'webui', 'index.html'))) {
    throw new Error('dist/webui/index.html is missing: run npm run build (it builds the web UI) first');
  }
  cluster = await startCluster({
    agents: 3,
    masterFlags: ['--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '3', '--allocation-interval', '500ms'],
    agentFlags: (i) => ['--attributes', `rack:r${(i % 2) + 1};zone:z1`],
    name: 'webui',
  });
  base = `http://${cluster.masterAddress}`;
  framework = await startUiFramework(cluster.masterAddress, 'ui-test', uiTestTasks());
  const web = await startUiFramework(cluster.masterAddress, 'web-service', webServiceTasks(), { roles: ['web'] });
  const batch = await startUiFramework(cluster.masterAddress, 'batch-etl', batchTasks(), { roles: ['batch'] });
  others = [web, batch];
  disconnected = await startUiFramework(
    cluster.masterAddress, 'analytics', [{ taskId: 'report', name: 'nightly-report', command: 'sleep 600', cpus: 0.2, mem: 256 }],
    { roles: ['batch'], failoverTimeoutSeconds: 600 },
  );
  await disconnected.waitForState('report', 'TASK_RUNNING');
  await disconnected.disconnect();
  await Promise.all([
    ...webServiceTasks().map((t) => web.waitForState(t.taskId!, 'TASK_RUNNING')),
    ...batchTasks().map((t) => batch.waitForState(t.taskId!, t.taskId === 'etl-bad' ? 'TASK_FAILED' : 'TASK_FINISHED')),
    framework.waitForState(TASK_IDS.printer, 'TASK_RUNNING'),
    framework.waitForState(TASK_IDS.html, 'TASK_RUNNING'),
    framework.waitForState(TASK_IDS.links, 'TASK_RUNNING'),
    framework.waitForState(TASK_IDS.failing, 'TASK_FAILED'),
    framework.waitForState(TASK_IDS.finishing, 'TASK_FINISHED'),
  ]);
  browser = await launchChromium({ width: 1280, height: 800 });
  page = browser.page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await framework?.stop();
  for (const f of others) await f.stop();
  await cluster?.stop();
}, 60_000);

/** A refused sandbox read is logged by Chromium as a failed resource; that one is expected. */
const EXPECTED_REFUSAL = /^console: Failed to load resource: the server responded with a status of (400|403|404)/;

afterEach(() => {
  // No page may log errors or open dialogs (an alert would mean injected script ran).
  expect(browser.pageErrors.filter((e) => !EXPECTED_REFUSAL.test(e))).toEqual([]);
  browser.pageErrors.length = 0;
});

describe('the master web UI in Chromium', () => {
  it('shows the overview with leader, resources chart, states and events', async () => {
    await open('#/', 'overview');
    await page.locator('[data-ready="true"]').waitFor();
    await expect(page.locator('.page-head .sub').textContent()).resolves.toContain(`Leader ${cluster.masterAddress}`);
    await page.locator('[data-tile="agents"] .value', { hasText: '3' }).waitFor();
    await expect(page.locator('.resource-row[data-resource="cpus"] svg rect').count()).resolves.toBe(3);
    await page.locator('.state-bar[data-state="TASK_RUNNING"]').waitFor();
    await page.locator('.state-bar[data-state="TASK_FAILED"]').waitFor();
    // The failure is published to the UI once, even if the agent resent it.
    const failed = page.locator('.events li[data-event="TASK_UPDATED"]', { hasText: `task ${TASK_IDS.failing} failed` });
    await failed.first().waitFor();
    await expect(failed.count()).resolves.toBe(1);
    await page.locator('.events li[data-event="AGENT_ADDED"]').first().waitFor();
    await screenshot('overview');
  });

  it('reaches every page from the navigation, and the back button returns', async () => {
    await open('#/', 'overview');
    const pages: Array<[string, string]> = [
      ['Agents', 'agents'],
      ['Frameworks', 'frameworks'],
      ['Tasks', 'tasks'],
      ['Offers', 'offers'],
      ['Roles', 'roles'],
    ];
    for (const [label, name] of pages) {
      await page.locator('.nav a', { hasText: label }).click();
      await page.locator(`[data-page="${name}"]`).waitFor();
      await expect(page.locator('.nav a.active').textContent()).resolves.toBe(label);
      await screenshot(name);
    }
    await page.goBack();
    await page.locator('[data-page="offers"]').waitFor();
    await page.goBack();
    await page.locator('[data-page="tasks"]').waitFor();
    // A deep link opens its page directly, also after a reload.
    await open(`#/frameworks/${encodeURIComponent(framework.frameworkId)}`, 'framework');
    await page.reload();
    await page.locator('[data-page="framework"] h1', { hasText: 'ui-test' }).waitFor();
    await screenshot('framework');
    await open('#/no/such/page', 'not-found');
  });

  it('sorts and filters the agents table and opens an agent with its tasks and per-framework use', async () => {
    await open('#/agents', 'agents');
    const rows = page.locator('[data-table="agents"] tbody tr:not(.spacer)');
    await expect(rows.count()).resolves.toBe(3);
    await page.locator('[data-table="agents"] th[data-column="tasks"]').click();
    await page.locator('[data-table="agents"] th[data-column="tasks"]').click();
    await expect(page.locator('[data-table="agents"] th[data-column="tasks"]').getAttribute('aria-sort')).resolves.toBe('descending');
    expect(page.url()).toContain('sort=-tasks');
    await page.locator('input[aria-label="Filter agents"]').fill(`${cluster.agents[1].port}`);
    await page.waitForFunction(`document.querySelectorAll('[data-table="agents"] tbody tr:not(.spacer)').length === 1`);
    await page.locator('input[aria-label="Filter agents"]').fill('rack:r2');
    await page.waitForFunction(`document.querySelectorAll('[data-table="agents"] tbody tr:not(.spacer)').length === 1`);
    await page.locator('input[aria-label="Filter agents"]').fill('status:gone');
    await page.locator('[data-table="agents"] .empty', { hasText: 'No agent matches' }).waitFor();
    await page.locator('input[aria-label="Filter agents"]').fill('');
    // The agent running the printer.
    const printerAgent = await page.evaluate<string | undefined>(
      `window.meseta.store.task(${JSON.stringify(framework.frameworkId)}, ${JSON.stringify(TASK_IDS.printer)})?.agent_id`,
    );
    expect(printerAgent).toBeTruthy();
    await open(`#/agents/${printerAgent}`, 'agent');
    await page.locator('[data-table="agent-frameworks"] tbody tr', { hasText: 'ui-test' }).waitFor();
    await page.locator('[data-table="tasks"] a', { hasText: TASK_IDS.printer }).waitFor();
    await screenshot('agent');
  });

  it('searches tasks and shows a task named <script> as text', async () => {
    await open('#/tasks?state=all', 'tasks');
    await page.locator('input[aria-label="Search tasks"]').fill('script');
    const row = page.locator('[data-table="tasks"] tbody tr:not(.spacer)');
    await page.waitForFunction(`document.querySelectorAll('[data-table="tasks"] tbody tr:not(.spacer)').length === 1`);
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe(HTML_TASK_NAME);
    await page.locator('input[aria-label="Search tasks"]').fill('state:failed');
    await page.locator('[data-table="tasks"] a', { hasText: TASK_IDS.failing }).waitFor();
    await page.locator('input[aria-label="Search tasks"]').fill('');
    await open(`#/tasks/${framework.frameworkId}/${TASK_IDS.html}`, 'task');
    await page.locator('.page-head h1', { hasText: HTML_TASK_NAME }).waitFor();
    // Only the UI's own bundle is a script: the name was not parsed as HTML.
    const scripts = await page.evaluate<string[]>(`[...document.querySelectorAll('script')].map((s) => s.src)`);
    expect(scripts).toHaveLength(1);
    await page.locator('[data-taskinfo]', { hasText: HTML_TASK_NAME }).waitFor();
    await screenshot('task-html-name');
  });

  it('shows a task with its status history and container type', async () => {
    await open(`#/tasks/${framework.frameworkId}/${TASK_IDS.failing}`, 'task');
    const failed = page.locator('table[aria-label="Status history"] tbody tr', { hasText: 'failed' });
    await failed.first().waitFor();
    // Recorded once, even if the agent resent it.
    await expect(failed.count()).resolves.toBe(1);
    await expect(page.locator('.kv').first().textContent()).resolves.toContain('POSIX (plain process)');
    await expect(page.locator('[data-taskinfo]').textContent()).resolves.toContain('exit 3');
  });

  it('follows the stdout of a task printing 1,000 lines a second without falling behind or freezing', async () => {
    await open(`#/tasks/${framework.frameworkId}/${TASK_IDS.printer}`, 'task');
    await page.locator('.segmented a', { hasText: 'Follow stdout' }).click();
    await page.locator('pre[data-follow]').waitFor();
    await page.waitForFunction(`(document.querySelector('pre[data-follow]')?.textContent ?? '').includes('of the fast printer')`);
    // What the task has written by now, read from its sandbox through the master.
    const detail = (await getJson(`${base}/api/v1/tasks/${framework.frameworkId}/${TASK_IDS.printer}`)).body as { agent: { id: string } };
    const stdoutPath = `frameworks/${framework.frameworkId}/tasks/${TASK_IDS.printer}/runs/latest/stdout`;
    const writtenSoFar = async (): Promise<number> => {
      const read = (query: string) => getJson(`${base}/api/v1/agents/${detail.agent.id}/files/read?path=${encodeURIComponent(stdoutPath)}&${query}`);
      const size = (await read('offset=-1')).body.offset as number;
      const tail = (await read(`offset=${Math.max(0, size - 200)}`)).body.data as string;
      return Number(/line (\d+) of the fast printer\n$/.exec(tail)?.[1] ?? -1);
    };
    const shown = (): Promise<{ lines: number; last: number }> => page.evaluate(`(() => {
      const lines = (document.querySelector('pre[data-follow]')?.textContent ?? '').split('\\n').filter((l) => l !== '');
      return { lines: lines.length, last: Number(/line (\\d+) of/.exec(lines[lines.length - 1] ?? '')?.[1] ?? -1) };
    })()`);
    // It keeps up: the page shows a line the task wrote after this moment.
    const written = await writtenSoFar();
    expect(written).toBeGreaterThan(0);
    await waitFor(async () => (await shown()).last > written, 30_000, `the page to show a line after line ${written}`);
    // The screen keeps at most TAIL_MAX_LINES lines once more than that have come in.
    await waitFor(async () => {
      const total = Number(((await page.locator('[data-tail-status]').textContent()) ?? '').replace(/,/g, '').match(/^(\d+) lines/)?.[1] ?? 0);
      return total > TAIL_MAX_LINES;
    }, 60_000, `more than ${TAIL_MAX_LINES} lines to have been followed`);
    const screen = await shown();
    expect(screen.lines).toBeLessThanOrEqual(TAIL_MAX_LINES);
    expect(screen.lines).toBeGreaterThan(TAIL_MAX_LINES / 2);
    const status = await page.locator('[data-tail-status]').textContent();
    expect(status).toMatch(/lines\/s/);
    await screenshot('task-follow-stdout');
  });

  it('browses a sandbox, views a file, and refuses paths outside it', async () => {
    await open(`#/tasks/${framework.frameworkId}/${TASK_IDS.links}`, 'task');
    await page.locator('[data-table="sandbox"] a[data-entry="stdout"]').waitFor();
    await page.locator('[data-table="sandbox"] a[data-entry="sub"]').waitFor();
    // Links leading out of the sandbox are not listed.
    await expect(page.locator('[data-table="sandbox"] a[data-entry="escape-dir"]').count()).resolves.toBe(0);
    await screenshot('task-sandbox');
    await page.locator('[data-table="sandbox"] a[data-entry="sub"]').click();
    await page.locator('[data-table="sandbox"] a[data-entry="nested.txt"]').click();
    await page.locator('pre[data-view]', { hasText: 'nested' }).waitFor();
    await page.goBack();
    await page.locator('[data-table="sandbox"] a[data-entry="nested.txt"]').waitFor();
    const root = `frameworks/${framework.frameworkId}/tasks/${TASK_IDS.links}/runs/latest`;
    const refused = async (query: string): Promise<string> => {
      await open(`#/tasks/${framework.frameworkId}/${TASK_IDS.links}?${query}`, 'task');
      const box = page.locator('.error-box');
      await box.waitFor();
      return (await box.textContent()) ?? '';
    };
    await expect(refused(`files=${encodeURIComponent(`${root}/../../../../..`)}`)).resolves.toMatch(/outside|not allowed|\.\./i);
    await expect(refused(`view=${encodeURIComponent('/etc/passwd')}`)).resolves.toMatch(/outside/i);
    await expect(refused(`view=${encodeURIComponent(`${root}/escape-file`)}`)).resolves.toMatch(/outside/i);
    await screenshot('task-sandbox-refused');
  });

  it('lists a disconnected framework with the time left before it is removed, and every role', async () => {
    await open('#/frameworks', 'frameworks');
    const row = page.locator('[data-table="frameworks-disconnected"] tbody tr', { hasText: 'analytics' });
    await row.locator('.badge', { hasText: 'removed in' }).waitFor();
    // The time left is the master's failover deadline less the master's clock, read around the page's text.
    const before = await failoverLeft('analytics');
    const text = (await row.locator('.badge').textContent()) ?? '';
    const after = await failoverLeft('analytics');
    expect(after.deadline).toBe(before.deadline);
    expect(before.left).toBeGreaterThan(0);
    expect(before.left).toBeLessThanOrEqual(600);
    // Whole seconds, refreshed each second, on a clock estimated from the master's: a second either way.
    const shown = durationSeconds(text.replace(/^removed in /, ''));
    expect(shown).toBeGreaterThanOrEqual(Math.floor(after.left) - 2);
    expect(shown).toBeLessThanOrEqual(Math.ceil(before.left) + 2);
    await expect(page.locator('[data-table="frameworks-active"] tbody tr:not(.spacer)').count()).resolves.toBe(3);
    await open('#/roles', 'roles');
    for (const role of ['*', 'web', 'batch']) await page.locator('[data-table="roles"] tbody tr', { hasText: role }).first().waitFor();
    await expect(page.locator('[data-table="roles"] tbody tr', { hasText: 'batch' }).textContent()).resolves.toContain('analytics');
    await screenshot('roles');
  });

  it('shows why a pending task did not fit', async () => {
    await open('#/offers', 'offers');
    const reason = page.locator('[data-table="pending-reasons"] tbody tr', { hasText: TASK_IDS.tooBig }).locator('.reason');
    await reason.first().waitFor({ timeout: 15_000 });
    await expect(reason.first().textContent()).resolves.toMatch(/^cpus: asked 4, largest offer \d+(\.\d+)?$/);
    await screenshot('offers');
    await open(`#/frameworks/${framework.frameworkId}`, 'framework');
    await page.locator('[data-table="declines"] .reason', { hasText: 'cpus: asked 4' }).first().waitFor();
  });

  it('works in a narrow window', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      for (const [hash, name] of [['#/', 'overview'], ['#/tasks', 'tasks'], [`#/tasks/${framework.frameworkId}/${TASK_IDS.printer}`, 'task']] as const) {
        await open(hash, name);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(`narrow-${name}`, name === 'overview');
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

});

describe('the sandbox files proxy', () => {
  it.each([
    ['a path climbing out with ..', (root: string) => `browse?path=${encodeURIComponent(`${root}/../../../..`)}`, [400, 403], /\.\./],
    ['an absolute path outside the work dir', () => `read?path=${encodeURIComponent('/etc/passwd')}`, [403], /outside/],
    ['a symlink to a file outside', (root: string) => `read?path=${encodeURIComponent(`${root}/escape-file`)}`, [403], /outside/],
    ['a symlink to a directory outside', (root: string) => `browse?path=${encodeURIComponent(`${root}/escape-dir`)}`, [403], /outside/],
    ['another agent endpoint', () => 'state', [404], /no such files endpoint: state/],
    ['a parameter the endpoint does not take', (root: string) => `browse?path=${encodeURIComponent(root)}&host=example.com`, [400], /host: not a parameter/],
  ])('refuses %s', async (_what, build, statuses, message) => {
    const detail = (await getJson(`${base}/api/v1/tasks/${framework.frameworkId}/${TASK_IDS.links}`)).body as { agent: { id: string } };
    const root = `frameworks/${framework.frameworkId}/tasks/${TASK_IDS.links}/runs/latest`;
    const answer = await getJson(`${base}/api/v1/agents/${detail.agent.id}/files/${build(root)}`);
    expect(statuses).toContain(answer.status);
    expect(answer.body.error).toMatch(message);
  });

  it('reads a file inside the sandbox', async () => {
    const detail = (await getJson(`${base}/api/v1/tasks/${framework.frameworkId}/${TASK_IDS.links}`)).body as { agent: { id: string } };
    const root = `frameworks/${framework.frameworkId}/tasks/${TASK_IDS.links}/runs/latest`;
    const answer = await getJson(`${base}/api/v1/agents/${detail.agent.id}/files/read?path=${encodeURIComponent(`${root}/inside.txt`)}`);
    expect(answer).toEqual({ status: 200, body: { data: 'inside\n', offset: 0 } });
  });

  it('answers 404 for an agent it does not know', async () => {
    const answer = await getJson(`${base}/api/v1/agents/no-such-agent/files/browse?path=frameworks`);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('no such agent: no-such-agent');
  });
});

describe('the content security policy', () => {
  it('is sent with the UI, and the UI works under it', async () => {
    const response = await fetch(`${base}/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const strict = await launchChromium({ width: 1280, height: 800 }, { bypassCSP: false });
    try {
      const p = strict.page;
      await p.goto(`${base}/#/`);
      await p.locator('[data-ready="true"] .resource-row').first().waitFor();
      await p.goto(`${base}/#/agents`);
      // Bar widths are styles set from script: allowed (CSSOM), unlike inline style markup.
      await p.locator('[data-table="agents"] .usage .bar i.a').first().waitFor({ state: 'attached' });
      const width = await p.evaluate<string>(`document.querySelector('[data-table="agents"] .usage .bar i.a').style.width`);
      expect(width).toMatch(/%$/);
      const stdout = `frameworks/${framework.frameworkId}/tasks/${TASK_IDS.printer}/runs/latest/stdout`;
      await p.goto(`${base}/#/tasks/${framework.frameworkId}/${TASK_IDS.printer}?follow=${encodeURIComponent(stdout)}`);
      await p.locator('pre[data-follow]', { hasText: 'of the fast printer' }).waitFor();
      // A violation would have been logged as a console error.
      expect(strict.pageErrors).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

describe('an agent that dies', () => {
  it('shows an agent as unreachable when it is killed, without a reload', async () => {
    await open('#/agents', 'agents');
    // A fresh agent, so the tasks the other tests use keep running.
    const victim = await cluster.addAgent();
    const id = victim.agentId;
    await page.locator(`[data-table="agents"] a[href="#/agents/${id}"]`).first().waitFor();
    victim.kill('SIGKILL');
    const row = page.locator('[data-table="agents"] tbody tr', { has: page.locator(`a[href="#/agents/${id}"]`) });
    await row.locator('.badge', { hasText: 'unreachable' }).waitFor({ timeout: 20_000 });
    await screenshot('agents-unreachable');
    await open('#/', 'overview');
    await page.locator('.events li', { hasText: 'is unreachable' }).waitFor();
    await page.locator('.state-bar[data-state="UNREACHABLE"]').waitFor();
  });

  it('reconnects by itself when the master restarts, with a fresh snapshot', async () => {
    await open('#/agents', 'agents');
    await page.locator('[data-connection="live"]').waitFor();
    const before = await page.evaluate<string>('window.meseta.store.summary.master_id');
    const errorsBefore = browser.pageErrors.length;
    await cluster.master.restart();
    await page.locator('[data-connection="live"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(`window.meseta.store.summary.master_id !== ${JSON.stringify(before)}`, undefined, { timeout: 30_000 });
    // While the master was down the page's retries were refused (as many as the restart took): expected.
    const refused = browser.pageErrors.slice(errorsBefore).filter((e) => e.includes('ERR_CONNECTION_REFUSED'));
    browser.pageErrors.splice(0, browser.pageErrors.length, ...browser.pageErrors.filter((e) => !refused.includes(e)));
    // The agents that are still running register again with the new master.
    await page.locator('[data-table="agents"] .badge', { hasText: 'active' }).first().waitFor({ timeout: 30_000 });
    await screenshot('after-master-restart');
    // The stopping master cut the event stream mid-response; Chromium says so. That one is expected.
    const cut = browser.pageErrors.filter((e) => e.includes('ERR_INCOMPLETE_CHUNKED_ENCODING'));
    expect(cut.length).toBeLessThanOrEqual(1);
    browser.pageErrors.splice(0, browser.pageErrors.length, ...browser.pageErrors.filter((e) => !cut.includes(e)));
  });
});
