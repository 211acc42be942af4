/**
 * The web UI's roles and agent pages in real Chromium against a real
 * master and agent (`node dist/cli/meseta.js`): weights and quotas set with
 * `meseta weights set` / `meseta quota set`, resources reserved with
 * `meseta reserve`; the roles page then shows the tree (eng/backend
 * indented under eng) with weight, guarantee, limit and reserved (a parent
 * also its subtree's allocated and reserved), dashes
 * where nothing is set; the agent page shows the reservation (role,
 * principal, labels, resources) and its persistent volumes; a task
 * launched on a volume (an SDK framework: RESERVE + CREATE + LAUNCH in one
 * ACCEPT) shows it on its page and as the volume's user on the agent page.
 * The page reads the tree again after a change. Screenshots go to
 * test-artifacts/screenshots/.
 *
 * Needs the build (`npm run build`, which builds the web UI).
 */
import type { Locator, Page } from 'playwright-core';
import { startCluster, type Cluster } from '../harness/cluster';
import { runCli } from '../harness/cli';
import { waitFor } from '../harness/wait-for';
import { Recorder } from '../support/recorder';
import { OperationType, type Offer, type Resource, type TaskInfo } from '@meseta/proto/wire';
import { launchChromium, type BrowserSession } from './support/chromium';
import { openPage, requireWebUiBuild, saveScreenshot } from './support/pages';

let cluster: Cluster;
let browser: BrowserSession;
let page: Page;
let base: string;
let app: Recorder | undefined;

async function screenshot(name: string): Promise<void> {
  await saveScreenshot(page, name);
}

async function open(hash: string, pageName: string): Promise<void> {
  await openPage(page, base, hash, pageName);
}

async function cli(args: string[]): Promise<void> {
  const out = await runCli([...args, '--master', cluster.masterAddress]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
}

/** The row of the roles table holding role `name`. */
function roleRow(name: string): Locator {
  return page.locator('[data-table="roles"] tbody tr').filter({ has: page.locator(`[data-role="${name}"]`) });
}

async function cell(row: Locator, name: string): Promise<string> {
  return (await row.locator(`[data-cell="${name}"]`).innerText()).trim();
}

beforeAll(async () => {
  requireWebUiBuild();
  cluster = await startCluster({ agents: 1, name: 'webui-roles', agentFlags: ['--resources', 'cpus:4;mem:2048;disk:4096'] });
  base = `http://${cluster.masterAddress}`;
  browser = await launchChromium();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await app?.driver.teardown().catch(() => undefined);
  await browser?.close();
  await cluster?.stop();
}, 60_000);

test('the roles page shows the tree with weight, guarantee, limit and reserved; dashes where nothing is set', async () => {
  await cli(['weights', 'set', 'eng=2']);
  await cli(['quota', 'set', 'eng', '--guarantee', 'cpus=1,mem=512', '--limit', 'cpus=3']);
  await cli(['quota', 'set', 'eng/backend', '--limit', 'cpus=2']);
  await cli(['reserve', cluster.agents[0].agentId, 'cpus:1;mem:256', '--role', 'eng', '--principal', 'ops', '--label', 'app=pg']);

  await open('#/roles', 'roles');
  await roleRow('eng').waitFor({ timeout: 15_000 });
  const eng = roleRow('eng');
  expect(await cell(eng, 'weight')).toBe('2');
  expect(await cell(eng, 'guarantee')).toBe('cpus 1 · mem 512 MB');
  expect(await cell(eng, 'limit')).toBe('cpus 3');
  expect(await cell(eng, 'reserved')).toBe('cpus 1 · mem 256 MB');
  // No framework holds anything in eng: a dash, not a zero.
  expect(await cell(eng, 'allocated')).toBe('–');

  const backend = roleRow('eng/backend');
  expect(await backend.locator('[data-role="eng/backend"]').getAttribute('data-depth')).toBe('1');
  expect((await backend.locator('[data-role="eng/backend"]').innerText()).trim()).toBe('└ backend');
  expect(await cell(backend, 'weight')).toBe('1');
  expect(await cell(backend, 'guarantee')).toBe('–');
  expect(await cell(backend, 'limit')).toBe('cpus 2');
  expect(await cell(backend, 'reserved')).toBe('–');
  // The child comes right after its parent.
  const names = await page.locator('[data-table="roles"] [data-role]').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
  expect(names.indexOf('eng/backend')).toBe(names.indexOf('eng') + 1);
  await screenshot('webui-roles-tree');

  // A change made while the page is open shows without a reload.
  await cli(['weights', 'set', 'eng/backend=0.5']);
  await roleRow('eng/backend').locator('[data-cell="weight"]', { hasText: /^0\.5$/ }).waitFor({ timeout: 15_000 });

  // A parent shows what its subtree holds beside its own: a reservation to eng/backend adds to eng's.
  expect(await cell(eng, 'reserved-subtree')).toBe('cpus 1 · mem 256 MB');
  expect(await cell(eng, 'allocated-subtree')).toBe('–');
  expect(await backend.locator('[data-cell="reserved-subtree"]').count()).toBe(0); // a leaf has no subtree line
  await cli(['reserve', cluster.agents[0].agentId, 'cpus:1', '--role', 'eng/backend', '--principal', 'ops']);
  await roleRow('eng').locator('[data-cell="reserved-subtree"]', { hasText: /^cpus 2 · mem 256 MB$/ }).waitFor({ timeout: 15_000 });
  expect(await cell(eng, 'reserved')).toBe('cpus 1 · mem 256 MB');
  expect(await cell(roleRow('eng/backend'), 'reserved')).toBe('cpus 1');
  await screenshot('webui-roles-subtree');
  await cli(['unreserve', cluster.agents[0].agentId, 'cpus:1', '--role', 'eng/backend', '--principal', 'ops']);
  await roleRow('eng').locator('[data-cell="reserved-subtree"]', { hasText: /^cpus 1 · mem 256 MB$/ }).waitFor({ timeout: 15_000 });
  expect(browser.pageErrors).toEqual([]);
}, 120_000);

test('the agent page shows the reservation: role, principal, labels, resources', async () => {
  await open(`#/agents/${encodeURIComponent(cluster.agents[0].agentId)}`, 'agent');
  const row = page.locator('[data-table="agent-reservations"] tbody tr').filter({ has: page.locator('[data-cell="role"]') });
  await row.first().waitFor({ timeout: 15_000 });
  expect(await row.count()).toBe(1);
  expect(await cell(row, 'role')).toBe('eng');
  expect(await cell(row, 'principal')).toBe('ops');
  expect(await cell(row, 'labels')).toBe('app=pg');
  expect(await cell(row, 'resources')).toBe('cpus:1; mem:256');
  await screenshot('webui-agent-reservations');

  // Unreserving empties the table (the page reads again when the agent's resources change).
  await cli(['unreserve', cluster.agents[0].agentId, 'cpus:1;mem:256', '--role', 'eng', '--principal', 'ops', '--label', 'app=pg']);
  await page.locator('[data-table="agent-reservations"]').getByText('Nothing is reserved on this agent').waitFor({ timeout: 15_000 });
  expect(browser.pageErrors).toEqual([]);
}, 120_000);

test('the agent page lists a persistent volume: id, role, size, container path, mode, principal, user', async () => {
  const agentId = cluster.agents[0].agentId;
  await cli(['reserve', agentId, 'disk:64', '--role', 'db', '--principal', 'ops']);
  await cli(['volumes', 'create', agentId, '--role', 'db', '--principal', 'ops', '--id', 'pg-data', '--size', '64', '--path', 'data']);
  await open(`#/agents/${encodeURIComponent(agentId)}`, 'agent');
  const row = page.locator('[data-table="agent-volumes"] tbody tr').filter({ has: page.locator('[data-cell="persistence_id"]') });
  await row.first().waitFor({ timeout: 15_000 });
  expect(await row.count()).toBe(1);
  expect(await cell(row, 'persistence_id')).toBe('pg-data');
  expect(await cell(row, 'role')).toBe('db');
  expect(await cell(row, 'size')).toBe('64 MB');
  expect(await cell(row, 'container_path')).toBe('data');
  expect(await cell(row, 'mode')).toBe('RW');
  expect(await cell(row, 'principal')).toBe('ops');
  expect(await cell(row, 'used_by')).toBe('–');
  // The volume's disk is reserved disk: the reservation row holds it.
  const reservation = page.locator('[data-table="agent-reservations"] tbody tr').filter({ has: page.locator('[data-cell="role"]', { hasText: /^db$/ }) });
  expect(await cell(reservation, 'resources')).toContain('disk:64');
  await screenshot('webui-agent-volumes');
  expect(browser.pageErrors).toEqual([]);
}, 120_000);

test('a task on a volume lists it on its page (path, mode, size, id, agent); the agent page names the task as its user', async () => {
  const reservation = { type: 2, role: 'app', principal: 'p1' };
  const disk = (mb: number): Resource => ({ name: 'disk', type: 0, scalar: { value: mb }, reservations: [reservation], allocation_role: 'app' });
  const volume: Resource = { ...disk(32), disk: { persistence: { id: 'app-data', principal: 'p1' }, volume: { container_path: 'state', mode: 1 } } };
  app = new Recorder(cluster.masterAddress, { name: 'app-fw', roles: ['app'], principal: 'p1' });
  await app.driver.start();
  const offer = await waitFor(() => app!.open().find((o: Offer) => (o.resources ?? []).some((r) => r.name === 'disk')), 30_000, 'an offer to app-fw');
  app.used.add(offer.id!.value!);
  const task: TaskInfo = {
    name: 'app-task', task_id: { value: 'app-task' }, agent_id: offer.agent_id,
    resources: [{ name: 'cpus', type: 0, scalar: { value: 0.1 }, allocation_role: 'app' }, { name: 'mem', type: 0, scalar: { value: 32 }, allocation_role: 'app' }, volume],
    command: { value: 'sleep 300' },
  };
  await app.driver.accept([offer.id!.value!], [
    { type: OperationType.RESERVE, reserve: { resources: [disk(32)] } },
    { type: OperationType.CREATE, create: { volumes: [volume] } },
    { type: OperationType.LAUNCH, launch: { task_infos: [task] } },
  ]);
  await app.waitState('app-task', 'TASK_RUNNING', 30_000);
  const frameworkId = app.driver.frameworkId!;

  await open(`#/tasks/${encodeURIComponent(frameworkId)}/app-task`, 'task');
  const row = page.locator('[data-table="task-volumes"] tbody tr');
  await row.first().waitFor({ timeout: 15_000 });
  expect(await row.count()).toBe(1);
  expect((await row.locator('td').allInnerTexts()).map((t) => t.trim()).slice(0, 5)).toEqual(['state', 'RW', '32 MB', 'app-data', 'app']);
  expect(await row.locator('td a').getAttribute('href')).toBe(`#/agents/${encodeURIComponent(cluster.agents[0].agentId)}`);
  await screenshot('webui-task-volumes');

  await open(`#/agents/${encodeURIComponent(cluster.agents[0].agentId)}`, 'agent');
  const volumeRow = page.locator('[data-table="agent-volumes"] tbody tr').filter({ has: page.locator('[data-cell="persistence_id"]', { hasText: /^app-data$/ }) });
  await volumeRow.first().waitFor({ timeout: 15_000 });
  expect(await cell(volumeRow, 'used_by')).toBe('app-task');
  expect(await volumeRow.locator('[data-cell="used_by"] a').getAttribute('href')).toBe(`#/tasks/${encodeURIComponent(frameworkId)}/app-task`);
  expect(browser.pageErrors).toEqual([]);
}, 120_000);
