/**
 * An agent's cached registry images through the master, for real: Debian's
 * docker-registry on 127.0.0.1 with an image of two layers pushed by the
 * test, a real `meseta master` and agents (test/harness), a runc task from
 * the registry (`meseta run --image`) filling the first agent's layer store
 * and a second one holding its layers while it runs;
 * then `GET /api/v1/agents/<id>/images` (filled and in use, released, empty store, no store,
 * unknown agent 404, disconnected agent 503) and the agent page's "Cached
 * images" card in real Chromium (filled table with totals, the empty state,
 * the no-store state, the error state naming why).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { AgentImages } from '../../master/agent-images';
import { buildBusyboxImage } from '../setup/busybox-rootfs';
import { buildLayer, pushImage, startRegistry, type Blob, type TestRegistry } from '../setup/docker-registry';
import { cleanUpAll, removeCgroupRoot } from './container-agent';
import { runCli, spawnCli } from '../harness/cli';
import type { MesetaProcess } from '../harness/meseta-process';
import { startCluster, type Cluster } from '../harness/cluster';
import { ARTIFACTS_ROOT, REPO_ROOT } from '../harness/paths';
import { waitFor } from '../harness/wait-for';
import { launchChromium, type BrowserSession } from '../browser/support/chromium';

jest.setTimeout(180_000);

const CONFIG = { Cmd: ['/bin/sh', '-c', 'echo from-the-image'], Env: ['PATH=/usr/bin:/bin'] };

let scratch: string | undefined;
let registry: TestRegistry | undefined;
let cluster: Cluster | undefined;
let browser: BrowserSession | undefined;
/** `meseta run` of a task holding the image while it sleeps (stopped by pid: SIGTERM kills the task first). */
let holder: MesetaProcess | undefined;
let page: Page;
let layers: Blob[];
let manifestDigest: string;
let reference: string;
const cgroupsRoot = `meseta-test-${randomBytes(4).toString('hex')}`;

/** The agents, by role. */
const ids = { filled: '', empty: '', plain: '' };

async function getJson(url: string): Promise<{ status: number; body: AgentImages & { error?: string } }> {
  const response = await fetch(`http://${cluster!.masterAddress}${url}`);
  return { status: response.status, body: (await response.json()) as AgentImages & { error?: string } };
}

/** Open an agent's page and wait for its cached-images card to settle in `state`. */
async function openAgent(agentId: string, state: string): Promise<void> {
  await page.goto(`http://${cluster!.masterAddress}/#/agents/${encodeURIComponent(agentId)}`);
  await page.locator(`[data-section="cached-images"][data-state="${state}"]`).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'webui', 'index.html'))) {
    throw new Error('dist/webui/index.html is missing: run npm run build (it builds the web UI) first');
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-images-'));
  const busybox = buildBusyboxImage(scratch);
  const top = path.join(scratch, 'top');
  fs.mkdirSync(top);
  fs.writeFileSync(path.join(top, 'hello.txt'), 'hello\n');
  layers = [buildLayer(busybox.rootfs), buildLayer(top)];
  registry = await startRegistry();
  manifestDigest = await pushImage(registry.address, 'meseta/cached', 'v1', layers, CONFIG);
  reference = `${registry.address}/meseta/cached:v1`;
  cluster = await startCluster({
    agents: 1,
    name: 'agent-images',
    agentFlags: ['--containerizers', 'tar', '--docker-registry', registry.address, '--cgroups-root', cgroupsRoot],
  });
  const run = await runCli(['run', '--master', cluster.masterAddress, '--name', 'seed', '--image', 'meseta/cached:v1'], { timeoutMs: 120_000 });
  if (run.code !== 0 || !run.stdout.includes('from-the-image')) throw new Error(`seeding the layer store failed: ${run.stdout}${run.stderr}`);
  ids.filled = cluster.agents[0].agentId;
  // A running task of the image holds its layers; started before the other agents exist, so it runs here.
  holder = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'holder', '--image', 'meseta/cached:v1', '--command', 'sleep 600']);
  await waitFor(async () => (await getJson(`/api/v1/agents/${ids.filled}/images`)).body.images?.[0]?.in_use === 1 || undefined, 120_000, 'the holder task to hold the image');
  ids.empty = (await cluster.addAgent(['--containerizers', 'tar', '--cgroups-root', cgroupsRoot])).agentId;
  ids.plain = (await cluster.addAgent([])).agentId;
  browser = await launchChromium({ width: 1280, height: 900 });
  page = browser.page;
}, 300_000);

afterAll(
  () =>
    cleanUpAll(
      () => browser?.close(),
      () => holder?.stop(),
      () => cluster?.stop(),
      () => removeCgroupRoot(cgroupsRoot),
      () => registry?.stop(),
      () => scratch && fs.rmSync(scratch, { recursive: true, force: true }),
    ),
  120_000,
);

describe('GET /api/v1/agents/<id>/images', () => {
  it('lists the image a registry task pulled, with its layers, sizes and last use, held by the running task', async () => {
    const { status, body } = await getJson(`/api/v1/agents/${ids.filled}/images`);
    expect(status).toBe(200);
    expect(body.agent_id).toBe(ids.filled);
    expect(body.image_store).toBe(true);
    expect(body.images.map((m) => ({ reference: m.reference, digest: m.digest, layers: m.layers, in_use: m.in_use }))).toEqual([
      { reference, digest: manifestDigest, layers: layers.map((l) => l.digest), in_use: 1 },
    ]);
    expect(body.layers.map((l) => l.digest).sort()).toEqual(layers.map((l) => l.digest).sort());
    for (const l of body.layers) {
      expect(l.holders).toBe(1);
      expect(l.bytes).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(l.last_used))).toBe(false);
    }
    const total = body.layers.reduce((sum, l) => sum + l.bytes, 0);
    expect(body.images[0].bytes).toBe(total);
    expect(body.totals).toEqual({ images: 1, layers: 2, bytes: total });
  });

  it('answers an empty store and an agent without a store (no runc containerizer) as such', async () => {
    expect(await getJson(`/api/v1/agents/${ids.empty}/images`)).toEqual({
      status: 200,
      body: { agent_id: ids.empty, image_store: true, images: [], layers: [], totals: { images: 0, layers: 0, bytes: 0 } },
    });
    expect(await getJson(`/api/v1/agents/${ids.plain}/images`)).toEqual({
      status: 200,
      body: { agent_id: ids.plain, image_store: false, images: [], layers: [], totals: { images: 0, layers: 0, bytes: 0 } },
    });
  });

  it('refuses an unknown agent (404) and a path below it (404), naming them', async () => {
    expect(await getJson('/api/v1/agents/no-such-agent/images')).toEqual({ status: 404, body: { error: 'no such agent: no-such-agent' } });
    expect(await getJson(`/api/v1/agents/${ids.filled}/images/extra`)).toEqual({ status: 404, body: { error: `no such endpoint: /api/v1/agents/${ids.filled}/images/extra` } });
  });
});

describe('the agent page in Chromium', () => {
  it('shows the cached image in a table with the layer total', async () => {
    await openAgent(ids.filled, 'filled');
    const card = page.locator('[data-section="cached-images"]');
    const row = card.locator('tbody tr', { hasText: reference });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(reference);
    expect(cells[1]).toBe(manifestDigest.slice('sha256:'.length, 'sha256:'.length + 12));
    expect(cells[2]).toBe('2');
    expect(cells[3]).toMatch(/^\d+(\.\d)? (B|KB|MB)$/);
    expect(cells[4]).toMatch(/ago$|^just now$/);
    expect(cells[5]).toBe('1 container');
    await expect(card.locator('[data-images-totals]').textContent()).resolves.toMatch(/^2 layers · \d+(\.\d)? (KB|MB)$/);
    fs.mkdirSync(path.join(ARTIFACTS_ROOT, 'screenshots'), { recursive: true });
    await card.screenshot({ path: path.join(ARTIFACTS_ROOT, 'screenshots', 'agent-cached-images.png') });
  });

  it('once the task is killed, no container holds the image: the route and the page say so', async () => {
    await holder!.stop();
    const released = await waitFor(
      async () => {
        const r = await getJson(`/api/v1/agents/${ids.filled}/images`);
        return r.body.images?.[0]?.in_use === 0 ? r.body : undefined;
      },
      60_000,
      'the layers to be released',
    );
    expect(released.layers.map((l) => l.holders)).toEqual([0, 0]);
    // The page is still on this agent (the last test left it there): Reload asks again.
    await page.locator('[data-section="cached-images"] button', { hasText: 'Reload' }).click();
    await page.locator('[data-section="cached-images"] tbody tr td', { hasText: /^no$/ }).waitFor({ timeout: 30_000 });
  });

  it('shows the empty state for an empty store and says when an agent keeps none', async () => {
    await openAgent(ids.empty, 'empty');
    await expect(page.locator('[data-section="cached-images"]').textContent()).resolves.toContain('No cached images: tasks with registry images fill this.');
    // Only the hash changes: the previous agent's card (also data-state="empty") stays until this one's answer
    // arrives, so wait for this agent's words rather than for the state.
    await openAgent(ids.plain, 'empty');
    await page.locator('[data-section="cached-images"]', { hasText: 'This agent keeps no image store' }).waitFor({ timeout: 30_000 });
  });

  it('a disconnected agent: the route answers 503 naming it, the card shows why', async () => {
    await cluster!.agents[2].stop();
    const refused = await waitFor(
      async () => {
        const r = await getJson(`/api/v1/agents/${ids.plain}/images`);
        return r.status === 200 ? undefined : r;
      },
      30_000,
      'the master to refuse the stopped agent',
    );
    const why = `agent ${ids.plain} is disconnected; its cached images can be read once it is connected again`;
    expect(refused).toEqual({ status: 503, body: { error: why } });
    await openAgent(ids.plain, 'error');
    await expect(page.locator('[data-section="cached-images"] [role="alert"]').textContent()).resolves.toBe(`Cached images could not be listed: ${why}`);
    browser!.pageErrors.length = 0; // the 503 is logged by Chromium as a failed resource: expected here
  });

  afterEach(() => {
    expect(browser!.pageErrors).toEqual([]);
  });
});
