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

async function screenshot(name: string, on: Page = page): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await on.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function open(hash: string, pageName: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.locator(`[data-page="${pageName}"]`).waitFor({ timeout: 15_000 });
}

/** Pids of processes whose argv is exactly `argv`. */
function processesRunning(argv: string[]): number[] {
  const want = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'utf8') === want) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The last `size=ROWS COLS` the terminal shows. */
async function shownSize(shell: Page): Promise<{ rows: number; columns: number } | undefined> {
  const text = (await shell.locator('[data-terminal] .xterm-rows').innerText()).split('\n');
  const sizes = text.map((l) => /size=(\d+) (\d+)/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const last = sizes[sizes.length - 1];
  return last ? { rows: Number(last[1]), columns: Number(last[2]) } : undefined;
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
    { taskId: 'shell-target', name: 'shell-target', command: 'sleep 600', cpus: 0.1, mem: 16 },
  ]);
  doomed = await startUiFramework(cluster.masterAddress, 'doomed', [{ taskId: 'doomed-task', name: 'doomed-task', command: 'sleep 600', cpus: 0.1, mem: 16 }]);
  await Promise.all([
    framework.waitForState('victim', 'TASK_RUNNING'),
    framework.waitForState('row-victim', 'TASK_RUNNING'),
    framework.waitForState('drain-me', 'TASK_RUNNING'),
    framework.waitForState('finished', 'TASK_FINISHED'),
    framework.waitForState('shell-target', 'TASK_RUNNING'),
    doomed.waitForState('doomed-task', 'TASK_RUNNING'),
  ]);
  // With the master's content security policy in force, as users get it (the terminal must work under it).
  browser = await launchChromium({ width: 1280, height: 800 }, { bypassCSP: false });
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

  it('offers Tear down in the frameworks list, confirmed first (cancelled here)', async () => {
    await open('#/frameworks', 'frameworks');
    await page.locator('tr', { hasText: 'doomed' }).locator('[data-action="teardown"]').click();
    await page.locator('[data-dialog="teardown"] [data-dialog-text]', { hasText: `Tear down framework doomed (${doomed.frameworkId})` }).waitFor();
    await page.locator('[data-dialog="teardown"] button', { hasText: 'Cancel' }).click();
    await page.locator('[data-dialog="teardown"]').waitFor({ state: 'detached' });
    expect((await getState(cluster.masterAddress)).frameworks?.some((f) => f.framework_info.id?.value === doomed.frameworkId)).toBe(true);
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

  it('opens a shell in a running task: a command runs, the terminal resizes, closing the tab ends the session on the agent', async () => {
    const marker = String(4000 + (process.pid % 1000));
    expect(processesRunning(['sleep', marker])).toEqual([]);
    const shell = await browser.context.newPage();
    const shellErrors: string[] = [];
    shell.on('console', (m) => {
      if (m.type() === 'error') shellErrors.push(m.text());
    });
    shell.on('pageerror', (e) => shellErrors.push(e.message));
    await shell.setViewportSize({ width: 1280, height: 900 });
    await shell.goto(`${base}/${links.task(framework.frameworkId, 'shell-target')}`);
    await shell.locator('[data-actions="task"] [data-action="shell"]').click();
    // The shell's prompt is the first output.
    await shell.locator('[data-terminal-status="open"]').waitFor({ timeout: 30_000 });
    await shell.locator('[data-terminal]').click();
    await shell.keyboard.type('echo hello-$((6*7))\n');
    await shell.locator('[data-terminal] .xterm-rows', { hasText: 'hello-42' }).waitFor({ timeout: 15_000 });
    // xterm's theme applies under the content security policy (it allows the terminal's style elements): light text.
    expect(await shell.evaluate<string>('getComputedStyle(document.querySelector("[data-terminal] .xterm-rows")).color')).toBe('rgb(255, 255, 255)');

    await shell.keyboard.type('echo size=$(stty size)\n');
    const before = await waitFor(() => shownSize(shell), 15_000, 'the size the shell reports');
    await shell.setViewportSize({ width: 800, height: 900 });
    await shell.keyboard.type('clear; echo size=$(stty size)\n');
    const after = await waitFor(async () => {
      const s = await shownSize(shell);
      return s && s.columns < before.columns ? s : undefined;
    }, 15_000, `fewer columns than ${before.columns} after the window narrowed`);
    expect(after.rows).toBe(before.rows);
    await screenshot('action-shell', shell);

    // A command still running when the tab closes goes with the session.
    await shell.keyboard.type(`sleep ${marker}\n`);
    await waitFor(() => processesRunning(['sleep', marker]).length === 1, 15_000, `sleep ${marker} running in the shell`);
    expect(shellErrors).toEqual([]);
    await shell.close();
    await waitFor(() => processesRunning(['sleep', marker]).length === 0, 15_000, `sleep ${marker} ended after the tab closed`);
    expect(framework.states.get('shell-target')).toBe('TASK_RUNNING');
  }, 90_000);

  it('says why a shell cannot open: no such command, a task that has ended', async () => {
    const answer = await page.evaluate(async (fid) => {
      const ask = async (body: object): Promise<{ status: number; text: string }> => {
        const r = await fetch('api/v1/exec', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ framework_id: fid, rows: 24, columns: 80, ...body }) });
        return { status: r.status, text: await r.text() };
      };
      return { missing: await ask({ task_id: 'shell-target', command: ['no-such-command-xyz'] }), ended: await ask({ task_id: 'finished' }), bad: await ask({ task_id: 'shell-target', rows: 0 }) };
    }, framework.frameworkId);
    browser.pageErrors.length = 0; // Chromium logs the refusals as failed resources
    expect(answer.missing.status).toBe(200);
    const lines = answer.missing.text.trim().split('\n').map((l) => JSON.parse(l) as { output?: string; exited?: { exit_code?: number } });
    const shown = lines.filter((l) => l.output).map((l) => Buffer.from(l.output!, 'base64').toString()).join('');
    expect(shown).toMatch(/no-such-command-xyz: not found/);
    expect(lines[lines.length - 1].exited?.exit_code).toBe(127);
    expect(answer.ended).toEqual({ status: 409, text: JSON.stringify({ error: `task finished in framework ${framework.frameworkId} has ended (TASK_FINISHED); a debug session needs a running task` }) });
    expect(answer.bad).toEqual({ status: 400, text: JSON.stringify({ error: 'rows: must be a whole number from 1 to 1000 (got 0)', field: 'rows' }) });
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
