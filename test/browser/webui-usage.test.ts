/**
 * The web UI's usage charts in real Chromium against a real master and
 * agent (`node dist/cli/meseta.js`; the agent measures and reports every
 * second): a posix task burning CPU gets a task page whose CPU, memory and
 * disk charts draw lines with points next to the task's reservation; its
 * agent's page draws the agent's charts with the allocation; the overview
 * draws the cluster charts (allocation and usage, task rates, pending and
 * running tasks) once the master has points. Screenshots go to
 * test-artifacts/screenshots/.
 *
 * Needs the build (`npm run build`, which builds the web UI) and Chromium
 * (`apt-get install chromium`; the test fails naming it when missing).
 */
import type { Page } from 'playwright-core';
import { spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { httpGet, waitForTaskNamed } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { launchChromium, type BrowserSession } from './support/chromium';
import { openPage, requireWebUiBuild, saveScreenshot } from './support/pages';

let cluster: Cluster;
let browser: BrowserSession;
let page: Page;
let base: string;
const spawned: MesetaProcess[] = [];
let taskId = '';
let frameworkId = '';
let agentId = '';

async function screenshot(name: string): Promise<void> {
  await saveScreenshot(page, name);
}

async function open(hash: string, pageName: string): Promise<void> {
  await openPage(page, base, hash, pageName);
}

/** The number of points a chart drew (its `data-points`), once it has at least `min`. */
async function pointsOf(chart: string, min: number): Promise<number> {
  const locator = page.locator(`figure.usage-chart[data-chart="${chart}"]`);
  await locator.waitFor({ timeout: 30_000 });
  return waitFor(async () => {
    const n = Number(await locator.getAttribute('data-points'));
    return n >= min ? n : undefined;
  }, 40_000, `chart ${chart} to draw ${min} points`);
}

beforeAll(async () => {
  requireWebUiBuild();
  cluster = await startCluster({ agents: 1, name: 'webui-usage', agentFlags: ['--usage-interval', '1s', '--usage-report-interval', '1s'] });
  base = `http://${cluster.masterAddress}`;
  const burn = 'while :; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 0.2; done';
  const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'charted', '--command', burn, '--cpus', '0.5', '--mem', '64', '--disk', '16']);
  spawned.push(run);
  const task = await waitForTaskNamed(cluster.masterAddress, 'charted', (t) => t.state === 'TASK_RUNNING');
  taskId = task.task_id.value;
  frameworkId = (task as unknown as { framework_id: { value: string } }).framework_id.value;
  agentId = (task as unknown as { agent_id: { value: string } }).agent_id.value;
  browser = await launchChromium();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const p of spawned) await p.stop().catch(() => undefined);
  await cluster?.stop();
}, 60_000);

test("the task page draws the task's usage over the last hour beside its reservation", async () => {
  await open(`#/tasks/${encodeURIComponent(frameworkId)}/${encodeURIComponent(taskId)}`, 'task');
  const card = page.locator('#usage');
  await card.waitFor({ timeout: 15_000 });
  // CPU: the first sample gives no rate, so points come from the second on; the reservation line adds two.
  expect(await pointsOf('cpu', 4)).toBeGreaterThanOrEqual(4);
  expect(await pointsOf('mem', 3)).toBeGreaterThanOrEqual(3);
  expect(await pointsOf('disk', 3)).toBeGreaterThanOrEqual(3);
  const cpu = page.locator('figure.usage-chart[data-chart="cpu"]');
  const line = await cpu.locator('path.line').getAttribute('d');
  expect(line).toMatch(/^M[\d.]+ [\d.]+L/); // a drawn line of several points
  expect(await cpu.locator("path.limit").getAttribute("d")).toMatch(/^M[\d.]+ [\d.]+L600 [\d.]+$/); // the reservation, flat to now
  expect(await cpu.locator('figcaption').innerText()).toMatch(/used[\s\S]*reserved[\s\S]*0\.5 cpu/);
  expect(await page.locator('figure.usage-chart[data-chart="mem"] figcaption').innerText()).toMatch(/reserved[\s\S]*64/);
  await screenshot('webui-usage-task');
}, 120_000);

test("the agent page draws the agent's usage with what its tasks hold", async () => {
  await open(`#/agents/${encodeURIComponent(agentId)}`, 'agent');
  await page.locator('#usage').waitFor({ timeout: 15_000 });
  expect(await pointsOf('cpu', 4)).toBeGreaterThanOrEqual(4);
  const cpu = page.locator('#usage figure.usage-chart[data-chart="cpu"]');
  expect(await cpu.locator('path.area').getAttribute('d')).toMatch(/Z$/);
  expect(await cpu.locator('figcaption').innerText()).toMatch(/allocated[\s\S]*0\.5 cpu[\s\S]*total[\s\S]*2 cpu/);
  await screenshot('webui-usage-agent');
}, 120_000);

test('the overview draws the cluster charts: allocation and usage, task rates, pending tasks', async () => {
  // The master adds a cluster point every 10 s; wait for two so that rates have one.
  await waitFor(async () => {
    const body = JSON.parse((await httpGet(cluster.masterAddress, '/api/v1/usage/cluster')).body) as { points: Array<{ agents: number }> };
    return body.points.filter((p) => p.agents === 1).length >= 2 ? true : undefined;
  }, 40_000, 'two cluster points with the agent');
  await open('#/', 'overview');
  await page.locator('#cluster-usage').waitFor({ timeout: 15_000 });
  for (const chart of ['cluster-cpu', 'cluster-mem', 'task-rates', 'pending']) {
    expect(await pointsOf(chart, 2)).toBeGreaterThanOrEqual(2);
  }
  expect(await page.locator('figure.usage-chart[data-chart="cluster-cpu"] figcaption').innerText()).toMatch(/used[\s\S]*allocated[\s\S]*0\.5 cpu[\s\S]*total[\s\S]*2 cpu/);
  expect(await page.locator('figure.usage-chart[data-chart="pending"] figcaption').innerText()).toMatch(/running[\s\S]*1/);
  await screenshot('webui-usage-overview');
}, 120_000);
