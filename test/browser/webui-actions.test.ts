/**
 * The web UI's operator actions in real Chromium against a real master and
 * two agents (`node dist/cli/meseta.js`): kill a task from its page and
 * from the tasks table, tear down a framework, drain an agent with running
 * tasks (progress, then drained), reactivate it, deactivate it and mark it
 * gone. Each is confirmed in a dialog naming what will happen; the result
 * arrives through the UI's live stream. Screenshots go to
 * test-artifacts/screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startCluster, type Cluster } from '../harness/cluster';
import { ARTIFACTS_ROOT, REPO_ROOT } from '../harness/paths';
import { waitFor } from '../harness/wait-for';
import { findTask, getState, type AgentJson } from '../harness/operator';
import { links } from '../../master/webui/src/model/router';
import { launchChromium, type BrowserSession } from './support/chromium';
import { startUiFramework, type UiFramework } from './support/ui-framework';

const SCREENSHOTS = path.join(ARTIFACTS_ROOT, 'screenshots');

/** Ends 2 s after SIGTERM, so a drain is seen DRAINING before it is DRAINED. */
const SLOW_TO_STOP = "trap 'sleep 2; exit 0' TERM; while true; do sleep 0.2; done";

let cluster: Cluster;
let framework: UiFramework;
let doomed: UiFramework;
let browser: BrowserSession;
let page: Page;
let base: string;

async function screenshot(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function open(hash: string, pageName: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.locator(`[data-page="${pageName}"]`).waitFor({ timeout: 15_000 });
}

async function agentOf(taskId: string): Promise<string> {
  const task = findTask(await getState(cluster.masterAddress), taskId);
  const id = task?.agent_id?.value;
  if (!id) throw new Error(`task ${taskId} has no agent in /state`);
  return id;
}

async function agentJson(agentId: string): Promise<AgentJson & { deactivated?: boolean; drain_info?: { state?: string } }> {
  const agent = (await getState(cluster.masterAddress)).agents?.find((a) => a.agent_info.id?.value === agentId);
  if (!agent) throw new Error(`agent ${agentId} is not in /state`);
  return agent;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'webui', 'index.html'))) {
    throw new Error('dist/webui/index.html is missing: run npm run build (it builds the web UI) first');
  }
  cluster = await startCluster({ agents: 2, masterFlags: ['--allocation-interval', '500ms'], name: 'webui-actions' });
  base = `http://${cluster.masterAddress}`;
  framework = await startUiFramework(cluster.masterAddress, 'operate-ui', [
    { taskId: 'victim', name: 'victim-task', command: 'sleep 600', cpus: 0.1, mem: 16, killGracePeriodSeconds: 2 },
    { taskId: 'row-victim', name: 'row-victim-task', command: 'sleep 600', cpus: 0.1, mem: 16 },
    { taskId: 'drain-me', name: 'slow-to-stop', command: SLOW_TO_STOP, cpus: 0.1, mem: 16, killGracePeriodSeconds: 10 },
    { taskId: 'finished', name: 'finished-task', command: 'true', cpus: 0.1, mem: 16 },
  ]);
  doomed = await startUiFramework(cluster.masterAddress, 'doomed', [{ taskId: 'doomed-task', name: 'doomed-task', command: 'sleep 600', cpus: 0.1, mem: 16 }]);
  await Promise.all([
    framework.waitForState('victim', 'TASK_RUNNING'),
    framework.waitForState('row-victim', 'TASK_RUNNING'),
    framework.waitForState('drain-me', 'TASK_RUNNING'),
    framework.waitForState('finished', 'TASK_FINISHED'),
    doomed.waitForState('doomed-task', 'TASK_RUNNING'),
  ]);
  browser = await launchChromium({ width: 1280, height: 800 });
  page = browser.page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await framework?.stop();
  await doomed?.stop();
  await cluster?.stop();
}, 60_000);

/** The agent page's cached-images card asks for a gone agent's images; the master answers 410, which Chromium logs. */
const EXPECTED = /^console: Failed to load resource: the server responded with a status of 410 \(Gone\)$/;

afterEach(() => {
  expect(browser.pageErrors.filter((e) => !EXPECTED.test(e))).toEqual([]);
  browser.pageErrors.length = 0;
});

describe('operator actions in the web UI', () => {
  it('kills a task from its page: the dialog names the task, its agent and its grace period; the state arrives live', async () => {
    const agentId = await agentOf('victim');
    const agent = cluster.agents.find((a) => a.agentId === agentId)!;
    await open(links.task(framework.frameworkId, 'victim'), 'task');
    await page.locator('[data-actions="task"] [data-action="kill"]').click();
    const dialog = page.locator('[data-dialog="kill"]');
    await dialog.locator('[data-dialog-text]', { hasText: 'grace period is 2 s' }).waitFor();
    expect(await dialog.locator('[data-dialog-text]').textContent()).toBe(
      `Kill task victim (victim-task) on agent 127.0.0.1:${agent.port}; its kill policy grace period is 2 s: SIGTERM now, SIGKILL if it still runs after that.`,
    );
    await screenshot('action-kill-dialog');
    await dialog.locator('[data-confirm]').click();
    await page.locator('[data-action-notice]', { hasText: `kill of task victim sent to agent ${agentId}` }).waitFor();
    await page.locator('.page-head .badge', { hasText: 'killed' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-actions="task"] [data-action="kill"]').isDisabled()).toBe(true);
    await framework.waitForState('victim', 'TASK_KILLED');
  });

  it('kills a task from the tasks table', async () => {
    await open('#/tasks', 'tasks');
    const row = page.locator('[data-table="tasks"] tr', { hasText: 'row-victim-task' });
    await row.locator('[data-action="kill"]').click();
    await page.locator('[data-dialog="kill"] [data-dialog-text]', { hasText: 'Kill task row-victim (row-victim-task) on agent 127.0.0.1:' }).waitFor();
    await page.locator('[data-dialog="kill"] [data-confirm]').click();
    await framework.waitForState('row-victim', 'TASK_KILLED');
    // The live list drops it when the update arrives.
    await row.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('refuses to kill a task that has ended, with the master\'s reason', async () => {
    // The button is disabled for an ended task; ask as a stale page would.
    const answer = await page.evaluate(async (fid) => {
      const r = await fetch('api/v1/actions/kill', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ framework_id: fid, task_id: 'finished' }) });
      return { status: r.status, body: await r.json() };
    }, framework.frameworkId);
    expect(answer).toEqual({ status: 409, body: { error: 'task finished has already ended (TASK_FINISHED); there is nothing to kill', field: 'task_id' } });
    browser.pageErrors.length = 0; // Chromium logs the 409 as a failed resource
  });

  it('tears a framework down from its page', async () => {
    await open(links.framework(doomed.frameworkId), 'framework');
    await page.locator('[data-actions="framework"] [data-action="teardown"]').click();
    const text = page.locator('[data-dialog="teardown"] [data-dialog-text]');
    expect(await text.textContent()).toBe(
      `Tear down framework doomed (${doomed.frameworkId}): it is removed from the master for good, its 1 live task will be killed, and it cannot subscribe again with this id.`,
    );
    await page.locator('[data-dialog="teardown"] [data-confirm]').click();
    await page.locator('.page-head .badge', { hasText: 'completed' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-action="teardown"]').isDisabled()).toBe(true);
    const state = await getState(cluster.masterAddress);
    expect(state.completed_frameworks?.some((f) => f.framework_info.id?.value === doomed.frameworkId)).toBe(true);
    await waitFor(async () => findTask(await getState(cluster.masterAddress), 'doomed-task')?.state === 'TASK_KILLED', 30_000, 'doomed-task killed');
  });

  it('drains an agent with a running task: progress, then drained; reactivate, deactivate, mark gone', async () => {
    const agentId = await agentOf('drain-me');
    await open(links.agent(agentId), 'agent');
    const actions = page.locator('[data-actions="agent"]');
    expect(await actions.locator('[data-action="reactivate"]').isDisabled()).toBe(true);
    await actions.locator('[data-action="drain"]').click();
    const dialog = page.locator('[data-dialog="drain"]');
    await dialog.locator('[data-field="max_grace_period_seconds"]').fill('5');
    await dialog.locator('[data-dialog-text]', { hasText: 'its grace period capped at 5 s' }).waitFor();
    await dialog.locator('[data-confirm]').click();
    // SIGTERM reaches the task at once; it takes 2 s to stop: the page shows the drain in progress first.
    await actions.locator('[data-drain-progress="DRAINING"]', { hasText: /^Draining: \d+ tasks? left$/ }).waitFor({ timeout: 15_000 });
    await screenshot('action-drain-progress');
    await actions.locator('[data-drain-progress="DRAINED"]', { hasText: 'Drained: no tasks left, no offers' }).waitFor({ timeout: 30_000 });
    expect((await agentJson(agentId)).drain_info?.state).toBe('DRAINED');
    expect(findTask(await getState(cluster.masterAddress), 'drain-me')?.state).toBe('TASK_KILLED');
    expect(await actions.locator('[data-action="drain"]').isDisabled()).toBe(true);

    await actions.locator('[data-action="reactivate"]').click();
    await page.locator('[data-dialog="reactivate"] [data-confirm]').click();
    await actions.locator('[data-drain-progress]').waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor(async () => !(await agentJson(agentId)).drain_info && !(await agentJson(agentId)).deactivated, 10_000, 'the drain forgotten in /state');

    await actions.locator('[data-action="deactivate"]').click();
    await page.locator('[data-dialog="deactivate"] [data-confirm]').click();
    await actions.locator('[data-drain-progress="DEACTIVATED"]').waitFor({ timeout: 15_000 });

    await actions.locator('[data-action="mark-gone"]').click();
    expect(await page.locator('[data-dialog="mark-gone"] [data-dialog-text]').textContent()).toContain('This cannot be undone.');
    await page.locator('[data-dialog="mark-gone"] [data-confirm]').click();
    await page.locator('.page-head .badge', { hasText: 'gone' }).waitFor({ timeout: 15_000 });
    expect(await actions.locator('[data-action="mark-gone"]').isDisabled()).toBe(true);
    expect((await agentJson(agentId)).status).toBe('GONE');
  }, 120_000);
});
