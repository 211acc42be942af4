/**
 * The web UI's actions on an authenticated master (`--credentials`,
 * `--acls`), in real Chromium against real processes: the ACLs apply to
 * the principal logged in to the UI exactly as to the CLI. A principal
 * whose ACLs deny draining agents and debug sessions sees the master's
 * refusal in the dialog and in the terminal; nothing changes; another
 * operator principal may do both.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startCluster, type Cluster } from '../harness/cluster';
import { REPO_ROOT } from '../harness/paths';
import { waitFor } from '../harness/wait-for';
import { links } from '../../master/webui/src/model/router';
import { launchChromium, type BrowserSession } from './support/chromium';
import { startUiFramework, type UiFramework } from './support/ui-framework';

const TOKENS = {
  ops: 'ops-token-0000000000000',
  viewer: 'viewer-token-0000000000',
  master: 'master-token-0000000000',
  agent: 'agent-token-00000000000',
  fw: 'fw-token-00000000000000',
} as const;
const KINDS: Record<keyof typeof TOKENS, string> = { ops: 'operator', viewer: 'operator', master: 'master', agent: 'agent', fw: 'framework' };
const ACLS = {
  permissive: true,
  drain_agents: [{ principals: { values: ['viewer'] }, agent_principals: { type: 'NONE' } }],
  exec_sessions: [{ principals: { values: ['viewer'] }, framework_principals: { type: 'NONE' } }],
};

let dir: string;
let cluster: Cluster;
let framework: UiFramework | undefined;
let browser: BrowserSession;
let page: Page;
let base: string;
let agentId: string;

async function state(): Promise<{ agents?: Array<{ agent_info: { id?: { value: string } }; drain_info?: unknown; deactivated?: boolean }> }> {
  const r = await fetch(`${base}/state`, { headers: { authorization: `Bearer ${TOKENS.ops}` } });
  if (!r.ok) throw new Error(`GET /state: ${r.status}`);
  return (await r.json()) as Awaited<ReturnType<typeof state>>;
}

async function logIn(principal: keyof typeof TOKENS): Promise<void> {
  await page.context().clearCookies();
  await page.goto('about:blank'); // a full load: the app asks who it is again
  await page.goto(`${base}/#/`);
  await page.locator('#token').fill(TOKENS[principal]);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'webui', 'index.html'))) {
    throw new Error('dist/webui/index.html is missing: run npm run build (it builds the web UI) first');
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-webui-auth-'));
  const credentials = path.join(dir, 'credentials.json');
  fs.writeFileSync(credentials, JSON.stringify({ credentials: (Object.keys(TOKENS) as Array<keyof typeof TOKENS>).map((p) => ({ principal: p, kind: KINDS[p], token: TOKENS[p] })) }));
  const acls = path.join(dir, 'acls.json');
  fs.writeFileSync(acls, JSON.stringify(ACLS));
  const masterCredential = path.join(dir, 'master-credential.json');
  fs.writeFileSync(masterCredential, JSON.stringify({ principal: 'master', token: TOKENS.master }));
  const agentCredential = path.join(dir, 'agent-credential.json');
  fs.writeFileSync(agentCredential, JSON.stringify({ principal: 'agent', token: TOKENS.agent }));
  cluster = await startCluster({
    agents: 1,
    masterFlags: ['--credentials', credentials, '--acls', acls, '--credential', masterCredential, '--allocation-interval', '500ms'],
    agentFlags: ['--credential', agentCredential],
    name: 'webui-actions-auth',
  });
  base = `http://${cluster.masterAddress}`;
  agentId = cluster.agents[0].agentId;
  // The framework subscribes with its own credential (the SDK reads MESETA_TOKEN); set only now, after the daemons started.
  process.env.MESETA_TOKEN = TOKENS.fw;
  try {
    framework = await startUiFramework(cluster.masterAddress, 'guarded', [{ taskId: 'guarded-task', name: 'guarded-task', command: 'sleep 600', cpus: 0.1, mem: 16 }]);
  } finally {
    delete process.env.MESETA_TOKEN;
  }
  await framework.waitForState('guarded-task', 'TASK_RUNNING');
  browser = await launchChromium({ width: 1280, height: 800 }, { bypassCSP: false });
  page = browser.page;
  page.on('response', (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await framework?.stop();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Chromium logs each refused request (401 before the login, 403 for the ACLs) as a failed resource. */
const EXPECTED = /^console: Failed to load resource: the server responded with a status of (401|403)/;
const NOT_FOUND = /^console: Failed to load resource: the server responded with a status of 404/;
/** URLs answered 404: only the usage charts' reads may be (the agent has no samples of a task yet). */
const notFound: string[] = [];

afterEach(() => {
  expect(notFound.filter((u) => !/\/api\/v1\/usage\//.test(u))).toEqual([]);
  expect(browser.pageErrors.filter((e) => !EXPECTED.test(e) && !NOT_FOUND.test(e))).toEqual([]);
  browser.pageErrors.length = 0;
  notFound.length = 0;
});

describe('web UI actions under ACLs', () => {
  it('a principal the ACLs deny draining sees the refusal; the agent is not drained', async () => {
    await logIn('viewer');
    await page.goto(`${base}/${links.agent(agentId)}`);
    await page.locator('[data-actions="agent"] [data-action="drain"]').click();
    await page.locator('[data-dialog="drain"] [data-confirm]').click();
    const refusal = page.locator('[data-dialog="drain"] [data-refusal]');
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toBe('Refused (403): drain_agent: principal "viewer" is not allowed (agent principal "agent"; decided by drain_agents[0])');
    // The dialog stays open with the reason; nothing changed.
    await page.locator('[data-dialog="drain"] button', { hasText: 'Close' }).click();
    const agent = (await state()).agents?.find((a) => a.agent_info.id?.value === agentId);
    expect(agent?.drain_info).toBeUndefined();
    expect(agent?.deactivated).toBeFalsy();
  });

  it('a principal the ACLs deny debug sessions sees the refusal in the terminal', async () => {
    await page.goto(`${base}/${links.task(framework!.frameworkId, 'guarded-task')}`);
    await page.locator('[data-action="shell"]').click();
    const status = page.locator('[data-terminal-status="failed"]');
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toBe('Refused (403): exec: principal "viewer" is not allowed (framework principal "fw"; decided by exec_sessions[0])');
  });

  it("a debug session takes input only from the principal that opened it", async () => {
    const abort = new AbortController();
    const opened = await fetch(`${base}/api/v1/exec`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.ops}`, 'content-type': 'application/json' },
      body: JSON.stringify({ framework_id: framework!.frameworkId, task_id: 'guarded-task', rows: 24, columns: 80 }),
      signal: abort.signal,
    });
    expect(opened.status).toBe(200);
    const reader = opened.body!.getReader();
    let text = '';
    while (!text.includes('\n')) text += Buffer.from((await reader.read()).value ?? []).toString();
    const session = (JSON.parse(text.slice(0, text.indexOf('\n'))) as { session: string }).session;
    const feed = async (who: keyof typeof TOKENS, id: string): Promise<{ status: number; body: unknown }> => {
      const r = await fetch(`${base}/api/v1/exec/${id}/input`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS[who]}`, 'content-type': 'application/json' }, body: JSON.stringify({ data: 'exit\r' }) });
      return { status: r.status, body: await r.json() };
    };
    // The viewer (its own filtered view of the master) does not even see the session.
    expect(await feed('viewer', session)).toEqual({ status: 404, body: { error: `session: no open session ${session} (it has ended)`, field: 'session' } });
    expect(await feed('ops', '00000000-0000-0000-0000-000000000000')).toEqual({ status: 404, body: { error: 'session: no open session 00000000-0000-0000-0000-000000000000 (it has ended)', field: 'session' } });
    expect(await feed('ops', session)).toEqual({ status: 200, body: { ok: true } });
    // `exit` typed by its owner ends the shell: the stream's last line says so.
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    const last = JSON.parse(text.trim().split('\n').pop()!) as { exited?: { exit_code?: number } };
    expect(last.exited?.exit_code).toBe(0);
    abort.abort();
  }, 60_000);

  it('an allowed operator drains the same agent from the UI', async () => {
    await logIn('ops');
    await page.goto(`${base}/${links.agent(agentId)}`);
    await page.locator('[data-actions="agent"] [data-action="drain"]').click();
    await page.locator('[data-dialog="drain"] [data-confirm]').click();
    await page.locator('[data-drain-progress="DRAINED"]').waitFor({ timeout: 30_000 });
    await waitFor(async () => (await state()).agents?.find((a) => a.agent_info.id?.value === agentId)?.drain_info, 10_000, 'drain_info in /state');
  }, 60_000);
});
