/**
 * The web UI's Services and Jobs pages in real Chromium against a real
 * master and agent (`node dist/cli/meseta.js`) and the real services and
 * jobs frameworks (`meseta-services serve`, `meseta-jobs serve`), read
 * through the master's proxy to each framework's registered webui_url:
 * "not running" before they start; then the apps list, a healthy app
 * (instances with agent and health, endpoints, its deployment's steps), a
 * crash-looping app (failed deployment, ended instances with the stderr
 * tail), a stateful app's volumes (resident, agent, state, instance,
 * volume id, path and size), the jobs list (last run's outcome and reason, next run) and a
 * job's runs. The proxy's refusals are checked over HTTP. Screenshots go to
 * test-artifacts/screenshots/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { requestJson } from '../../frameworks/common/http-client';
import { spawnFrameworkCli, type FrameworkName, type FrameworkProcess } from '../support/framework-process';
import { httpGet, nodeCommand, writeTestPrograms, type TestPrograms } from '../integration/services-fixtures';
import { launchChromium, type BrowserSession } from './support/chromium';
import { openPage, requireWebUiBuild, saveScreenshot } from './support/pages';

let cluster: Cluster;
let programs: TestPrograms;
let dir: string;
let browser: BrowserSession;
let page: Page;
let base: string;
const processes: FrameworkProcess[] = [];
const urls: Partial<Record<FrameworkName, string>> = {};

async function screenshot(name: string): Promise<void> {
  await saveScreenshot(page, name);
}

async function open(hash: string, pageName: string): Promise<void> {
  await openPage(page, base, hash, pageName);
}

async function serve(framework: FrameworkName): Promise<string> {
  // The services framework runs in a role, so it can run a stateful app (volumes) too.
  const role = framework === 'services' ? ['--role', 'svc'] : [];
  const p = spawnFrameworkCli(framework, ['serve', '--master', cluster.masterAddress, '--port', '0', '--state-file', path.join(dir, `${framework}.json`), '--offer-refuse', '1', ...role], cluster.logDir, framework);
  processes.push(p);
  const url = `http://127.0.0.1:${await p.port}`;
  await waitFor(async () => (await requestJson<{ subscribed: boolean }>(url, 'GET', '/health')).subscribed, 15_000, `${framework} subscribed`);
  urls[framework] = url;
  return url;
}

beforeAll(async () => {
  requireWebUiBuild();
  programs = writeTestPrograms();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-webui-frameworks-'));
  cluster = await startCluster({ agents: 1, masterFlags: ['--allocation-interval', '100ms'], name: 'webui-frameworks' });
  base = `http://${cluster.masterAddress}`;
  browser = await launchChromium();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const p of processes) await p.stop();
  await cluster?.stop();
  programs?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('says the services and jobs frameworks are not running before they start', async () => {
  await open('#/services', 'services');
  await page.locator('[data-framework-absent="services"]').waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-framework-absent="services"]').innerText()).toMatch(/The services framework is not running\. Start it with meseta-services serve/);
  await open('#/jobs', 'jobs');
  await page.locator('[data-framework-absent="jobs"]').waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-framework-absent="jobs"]').innerText()).toMatch(/The jobs framework is not running/);
}, 60_000);

test('shows apps, a healthy app and a crash-looping one with its failed deployment and stderr', async () => {
  const services = await serve('services');
  await requestJson(services, 'POST', '/v1/apps', {
    id: 'web', instances: 1, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web),
    healthCheck: { protocol: 'HTTP', path: '/health', gracePeriodSeconds: 5, intervalSeconds: 0.5, timeoutSeconds: 1 },
  });
  await requestJson(services, 'POST', '/v1/apps', {
    id: 'crashy', instances: 1, cpus: 0.1, mem: 16,
    command: 'echo "fatal: cannot open /etc/crashy.conf" >&2; exit 3',
    upgradeStrategy: { rollbackAfterFailures: 2 }, backoff: { initialSeconds: 0.2, factor: 1, maxSeconds: 0.2 },
  });

  await open('#/services', 'services');
  const webRow = page.locator('[data-table="apps"] tr[data-app="web"]');
  await waitFor(async () => /1\/1/.test(await webRow.innerText()) && /healthy/.test(await webRow.innerText()), 45_000, 'web healthy in the apps table');
  const crashyStatus = page.locator('[data-table="apps"] tr[data-app="crashy"] [data-app-status]');
  await waitFor(async () => /Command exited with status 3/.test(await crashyStatus.innerText()), 45_000, 'crashy failing with its reason in the apps table');
  expect(await crashyStatus.innerText()).not.toMatch(/^healthy/);
  await screenshot('services-apps');

  await page.locator('[data-app="web"] a').click();
  await page.locator('[data-page="service"] [data-table="instances"]').waitFor({ timeout: 15_000 });
  const instance = page.locator('[data-table="instances"] tbody tr').first();
  expect(await instance.innerText()).toMatch(/web\.\w+\s+127\.0\.0\.1\s+127\.0\.0\.1:\d+\s+v1\s+healthy/);
  const endpoint = (await page.locator('[data-endpoints] li').first().innerText()).trim();
  expect((await httpGet(`http://${endpoint}/health`)).status).toBe(200);
  await waitFor(async () => (await page.locator('[data-deployment][data-status="succeeded"]').count()) > 0, 15_000, 'the succeeded deployment');
  expect(await page.locator('[data-deployment][data-status="succeeded"] [data-steps]').innerText()).toMatch(/is healthy/);
  await screenshot('services-app-healthy');

  await open('#/services/crashy', 'service');
  await waitFor(async () => (await page.locator('[data-deployment][data-status="failed"]').count()) > 0, 45_000, "crashy's failed deployment");
  expect(await page.locator('[data-deployment][data-status="failed"]').innerText()).toMatch(/failed in a row before becoming healthy; last: instance crashy\.\w+: TASK_FAILED: Command exited with status 3; stderr: .*fatal: cannot open \/etc\/crashy\.conf/);
  await waitFor(async () => /stderr: .*fatal: cannot open/.test(await page.locator('[data-table="ended"]').innerText()), 15_000, 'an ended instance with its stderr tail');
  // An instance that runs for a moment before it crashes never makes the app "healthy".
  expect(await page.locator('[data-page="service"] .page-head .badge').innerText()).not.toMatch(/healthy/);
  expect(await page.locator('[data-page="service"] [data-app-status]').innerText()).toMatch(/^0\/1 healthy; last failure: TASK_FAILED/);
  expect(await page.locator('[data-table="ended"] tbody tr').first().innerText()).toMatch(/TASK_FAILED/);
  await screenshot('services-app-crash-looping');
}, 150_000);

test('shows a stateful app\'s volumes: resident, agent, state, instance, volume id, path and size', async () => {
  const services = urls.services ?? (await serve('services'));
  await requestJson(services, 'POST', '/v1/apps', {
    id: 'store', instances: 1, cpus: 0.1, mem: 16, command: 'date >> data/log; exec sleep 3600', volumes: [{ containerPath: 'data', sizeMb: 8 }],
  });
  await open('#/services/store', 'service');
  const row = page.locator('[data-table="volumes"] tbody tr').first();
  await waitFor(async () => (await row.count()) > 0 && /running/.test(await row.innerText()), 45_000, 'the resident running in the volumes table');
  const app = await requestJson<{ residents: Array<{ residentId: string; agentId: string; instanceId: string; volumes: Array<{ persistenceId: string }> }> }>(services, 'GET', '/v1/apps/store');
  const resident = app.residents[0];
  expect(await row.getAttribute('data-resident')).toBe(resident.residentId);
  expect(await row.innerText()).toContain(resident.instanceId);
  expect(await row.locator('[data-volumes]').innerText()).toBe(`${resident.volumes[0].persistenceId} at data, 8 MB RW`);
  expect(await row.locator('a').getAttribute('href')).toContain(resident.agentId);
  await screenshot('services-app-volumes');
  await requestJson(services, 'DELETE', '/v1/apps/store');
  await waitFor(async () => (await requestJson<{ apps: Array<{ id: string }> }>(services, 'GET', '/v1/apps')).apps.every((a) => a.id !== 'store'), 45_000, 'store destroyed');
}, 120_000);

test('shows jobs with their last run, outcome, reason and next run, and a job’s runs', async () => {
  const jobs = await serve('jobs');
  await requestJson(jobs, 'POST', '/v1/jobs', { id: 'ok', command: 'echo done', cpus: 0.1, mem: 16 });
  await requestJson(jobs, 'POST', '/v1/jobs', { id: 'bad', command: 'exit 4', cpus: 0.1, mem: 16, retries: { maxRetries: 0 } });
  await requestJson(jobs, 'POST', '/v1/jobs', { id: 'nightly', command: 'true', cpus: 0.1, mem: 16, schedule: { cron: '0 3 * * *' } });
  await requestJson(jobs, 'POST', '/v1/jobs/ok/runs');
  await requestJson(jobs, 'POST', '/v1/jobs/bad/runs');

  await open('#/jobs', 'jobs');
  const row = (id: string) => page.locator(`[data-table="jobs"] tr[data-job="${id}"]`);
  await waitFor(async () => /succeeded/.test(await row('ok').locator('[data-outcome]').innerText()), 45_000, 'ok succeeded');
  await waitFor(async () => /failed/.test(await row('bad').locator('[data-outcome]').innerText()), 45_000, 'bad failed');
  expect(await row('bad').locator('[data-reason]').innerText()).toMatch(/Command exited with status 4/);
  expect(await row('nightly').innerText()).toMatch(/0 3 \* \* \*\s+never\s+–\s+in \d+[smhd]/);
  await screenshot('jobs-list');

  await row('bad').locator('a').click();
  await page.locator('[data-page="job"] [data-table="runs"]').waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-table="runs"] tbody tr[data-status="failed"]').innerText()).toMatch(/manual\s+failed[\s\S]*Command exited with status 4/);
  await open('#/jobs/nightly', 'job');
  await page.locator('[data-next-run]').waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-next-run]').innerText()).toMatch(/^in \d+[smhd].* \(\d{4}-\d\d-\d\d 03:00:00\)$/);
  await screenshot('jobs-job');
}, 120_000);

test('the proxy reaches only registered frameworks, only their API reads', async () => {
  const state = await requestJson<{ frameworks: Array<{ framework_info: { id: { value: string }; name: string; webui_url?: string } }> }>(base, 'GET', '/state');
  const services = state.frameworks.find((f) => f.framework_info.name === 'meseta-services')!;
  expect(services.framework_info.webui_url).toBe(urls.services);
  const id = services.framework_info.id.value;
  const get = (p: string) => httpGet(`${base}/api/v1/frameworks/${p}`);
  expect((await get(`${encodeURIComponent(id)}/api/v1/apps`)).status).toBe(200);
  const outside = await get(`${encodeURIComponent(id)}/api/admin`);
  expect(outside.status).toBe(400);
  expect(outside.body).toMatch(/path: \/admin is not a framework API read/);
  const unknown = await get('no-such-framework/api/v1/apps');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatch(/no such framework: no-such-framework/);
  const param = await get(`${encodeURIComponent(id)}/api/v1/apps?url=http://192.0.2.1/`);
  expect(param.status).toBe(400);
}, 30_000);
