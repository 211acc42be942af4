/**
 * `meseta-services` and `meseta-jobs` as operators meet them, each
 * framework its own process (`serve`) on a real master and agent, driven by
 * its CLI: a crash-looping app's deployment ends failed with the stderr
 * tail of its instances in the outcome and in `status`; tables with
 * headers and `--watch` progress lines ending with the outcome and the exit
 * code; `job list` / `job runs` / `job run --watch`. The piped 1 MB
 * `--json` test talks to a stand-in HTTP server on 127.0.0.1 (a real
 * framework would need hundreds of jobs for a 1 MB answer): what it checks
 * is the CLI process writing into a slow pipe, which is real.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { requestJson } from '../../frameworks/common/http-client';
import type { AppView } from '../../frameworks/services/services-api';
import { runFrameworkCli, spawnFrameworkCli, type FrameworkName, type FrameworkProcess } from '../support/framework-process';
import { nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';
import { runPiped as runPipedScript } from '../harness/piped-run';

describe('framework CLIs: tables, --watch, real failure reasons', () => {
  let cluster: Cluster;
  let programs: TestPrograms;
  let dir: string;
  const processes: FrameworkProcess[] = [];
  let services = '';
  let jobs = '';

  beforeAll(async () => {
    programs = writeTestPrograms();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-framework-clis-'));
    cluster = await startCluster({ agents: 1, name: 'framework-clis', masterFlags: ['--allocation-interval', '100ms'] });
    const serve = async (framework: FrameworkName): Promise<string> => {
      const p = spawnFrameworkCli(framework, ['serve', '--master', cluster.masterAddress, '--port', '0', '--state-file', path.join(dir, `${framework}.json`), '--offer-refuse', '1'], cluster.logDir, framework);
      processes.push(p);
      const url = `http://127.0.0.1:${await p.port}`;
      await waitFor(async () => (await requestJson<{ subscribed: boolean }>(url, 'GET', '/health')).subscribed, 15_000, `${framework} subscribed`);
      return url;
    };
    services = await serve('services');
    jobs = await serve('jobs');
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) await p.stop();
    await cluster?.stop();
    programs?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const writeJson = (name: string, value: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const svc = (...args: string[]) => runFrameworkCli('services', [...args, '--url', services]);
  const job = (...args: string[]) => runFrameworkCli('jobs', [...args, '--url', jobs]);

  it("ends a crash-looping app's deployment failed, with its stderr tail, and never calls the app healthy", async () => {
    const file = writeJson('crashy.json', {
      id: 'crashy', instances: 1, cpus: 0.1, mem: 16,
      command: 'echo "starting"; echo "fatal: config file /etc/crashy.conf is missing" >&2; exit 3',
      upgradeStrategy: { rollbackAfterFailures: 2 },
      backoff: { initialSeconds: 0.2, factor: 1, maxSeconds: 0.2 },
    });
    const deploy = await svc('deploy', file, '--watch');
    expect(deploy.stderr).toBe('');
    expect(deploy.code).toBe(1);
    const lines = deploy.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^crashy v1 deployment \S+$/);
    expect(lines.some((l) => /^deploy crashy v1 \[\S+\]: /.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(
      /^deployment \S+ \(deploy crashy v1\) failed after \S+: 2 instance\(s\) of v1 failed in a row before becoming healthy; last: instance crashy\.\w+: TASK_FAILED: Command exited with status 3; stderr: .*fatal: config file \/etc\/crashy\.conf is missing/,
    );

    const json = await svc('status', 'crashy', '--json');
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout) as AppView;
    expect(view.ended.length).toBeGreaterThanOrEqual(2);
    expect(view.ended[view.ended.length - 1].reason).toMatch(/stderr: .*fatal: config file \/etc\/crashy\.conf is missing/);
    expect(view.tasks.every((t) => t.status !== 'healthy')).toBe(true);

    const table = await svc('status', 'crashy');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^INSTANCE +VERSION +STATE +ENDED +REASON$/m);
    expect(table.stdout).toMatch(/^crashy\.\w+ +v1 +TASK_FAILED +(?:\S+ ago|now) +TASK_FAILED: Command exited with status 3; stderr: fatal: config file/m);
    const all = await svc('status');
    expect(all.stdout).toMatch(/^APP +VERSION +INSTANCES +HEALTHY +RUNNING +STATUS$/m);
    const row = all.stdout.split('\n').find((l) => l.startsWith('crashy '))!;
    // The newest crash's stderr may still be being read (it is added when it arrives): its status message is there at once.
    expect(row).toMatch(/last failure: TASK_FAILED: Command exited with status 3/);
    expect(row).not.toMatch(/ healthy$/);
    const deployments = await svc('deployments');
    expect(deployments.stdout).toMatch(/^ID +APP +KIND +VERSION +STATUS +STARTED +TOOK +MESSAGE$/m);
    expect(deployments.stdout).toMatch(/ crashy +deploy +v1 +failed +\S+ ago /);

    const destroy = await svc('destroy', 'crashy', '--watch');
    expect(destroy.code).toBe(0);
    expect(destroy.stdout.trim().split('\n').pop()).toMatch(/^deployment \S+ \(destroy crashy v1\) succeeded after \S+: no instance left$/);
  }, 90_000);

  it('shows a healthy app in tables and follows deploy and scale with --watch to their outcome', async () => {
    const file = writeJson('web.json', {
      id: 'web', instances: 2, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web),
      healthCheck: { protocol: 'HTTP', path: '/health', gracePeriodSeconds: 5, intervalSeconds: 0.5, timeoutSeconds: 1 },
    });
    const deploy = await svc('deploy', file, '--watch');
    expect(deploy.stderr).toBe('');
    expect(deploy.code).toBe(0);
    const lines = deploy.stdout.trim().split('\n');
    expect(lines.filter((l) => /^deploy web v1 \[\S+\]: /.test(l)).length).toBeGreaterThanOrEqual(1);
    expect(lines[lines.length - 1]).toMatch(/^deployment \S+ \(deploy web v1\) succeeded after \S+: 2 healthy instance\(s\) of v1$/);

    const status = await svc('status', 'web');
    expect(status.stdout).toMatch(/^instances: +2\/2 healthy, 2 running$/m);
    expect(status.stdout).toMatch(/^INSTANCE +AGENT +HOST:PORT +VERSION +STATUS +AGE +REASON$/m);
    expect(status.stdout.split('\n').filter((l) => /^web\.\w+ +\S+ +127\.0\.0\.1:\d+ +v1 +healthy +\d+s$/.test(l))).toHaveLength(2);
    const endpoints = await svc('endpoints', 'web');
    expect(endpoints.stdout).toMatch(/^INSTANCE +ADDRESS +PORTS$/m);
    expect((await svc('endpoints', 'web', '--plain')).stdout.trim().split('\n')).toHaveLength(2);

    // A change without --watch, then followed by the app's name.
    const restart = await svc('restart', 'web');
    expect(restart.stdout).toMatch(/^web restarting as v2: deployment \S+$/m);
    const watched = await svc('watch', 'web');
    expect([watched.code, watched.stderr]).toEqual([0, '']);
    expect(watched.stdout.trim().split('\n').pop()).toMatch(/^deployment \S+ \(restart web v2\) succeeded after \S+: 2 healthy instance\(s\) of v2$/);

    const scale = await svc('scale', 'web', '1', '--watch');
    expect(scale.code).toBe(0);
    expect(scale.stdout.trim().split('\n').pop()).toMatch(/^deployment \S+ \(scale web v2\) succeeded after \S+: 1 healthy instance\(s\) of v2$/);
    const scaleJson = await svc('scale', 'web', 'two');
    expect(scaleJson.code).toBe(2);
    expect(scaleJson.stderr).toMatch(/instances: must be a whole number >= 0, got "two"/);
    const missing = await svc('status', 'nosuch');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no app nosuch\n.*meseta-services status/);

    const destroy = await svc('destroy', 'web', '--watch');
    expect(destroy.code).toBe(0);
    await waitFor(async () => !(await requestJson<{ apps: AppView[] }>(services, 'GET', '/v1/apps')).apps.some((a) => a.id === 'web'), 20_000, 'web gone');
  }, 90_000);

  it('lists jobs and runs in tables and follows job run --watch to the outcome', async () => {
    expect((await job('job', 'add', writeJson('ok.json', { id: 'ok', command: 'echo done', cpus: 0.1, mem: 16 }))).code).toBe(0);
    expect((await job('job', 'add', writeJson('bad.json', { id: 'bad', command: 'echo "no input given" >&2; exit 4', cpus: 0.1, mem: 16, retries: { maxRetries: 0 } }))).code).toBe(0);
    expect((await job('job', 'add', writeJson('nightly.json', { id: 'nightly', command: 'true', cpus: 0.1, mem: 16, schedule: { cron: '0 3 * * *' } }))).code).toBe(0);

    const ok = await job('job', 'run', 'ok', '--watch');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const okLines = ok.stdout.trim().split('\n');
    expect(okLines[0]).toMatch(/^run \S+ of ok started$/);
    expect(okLines[okLines.length - 1]).toMatch(/^run \S+ of ok succeeded after \S+ \(1 attempt\(s\)\)/);
    const bad = await job('job', 'run', 'bad', '--watch');
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim().split('\n').pop()).toMatch(/^run \S+ of bad failed after \S+ \(1 attempt\(s\)\): .*TASK_FAILED: Command exited with status 4/);

    const list = await job('job', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^JOB +SCHEDULE +LAST RUN +STATUS +NEXT RUN +ACTIVE +REASON$/m);
    expect(list.stdout).toMatch(/^ok +manual +(?:\S+ ago|now) +succeeded +0$/m);
    expect(list.stdout).toMatch(/^bad +manual +(?:\S+ ago|now) +failed +0 +.*Command exited with status 4/m);
    expect(list.stdout).toMatch(/^nightly +0 3 \* \* \* \(\w+\) +never +in \S+ +0$/m);
    const runs = await job('job', 'runs', 'bad');
    expect(runs.stdout).toMatch(/^RUN +TRIGGER +STATUS +STARTED +TOOK +ATTEMPTS +REASON$/m);
    expect(runs.stdout).toMatch(/ manual +failed +(?:\S+ ago|now) +\S+ +1 +.*status 4/);
    const listJson = JSON.parse((await job('job', 'list', '--json')).stdout) as Array<{ definition: { id: string }; lastRun: { status: string } | null }>;
    expect(Object.fromEntries(listJson.map((j) => [j.definition.id, j.lastRun?.status ?? null]))).toEqual({ ok: 'succeeded', bad: 'failed', nightly: null });
    const missing = await job('job', 'runs', 'nosuch');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no job nosuch\n.*meseta-jobs job list/);
  }, 90_000);
});

describe('framework CLIs: piped output', () => {
  let server: http.Server;
  let url: string;
  const jobs = Array.from({ length: 4000 }, (_, i) => ({
    definition: { id: `job-${i}`, command: `echo a command long enough to take some room in the answer ${i}`, cpus: 0.1, mem: 16, env: {}, retries: { maxRetries: 0 } },
    createdAt: 0, skippedFires: 0, nextFireAt: null, lastRun: null, activeRuns: 0,
  }));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/v1/jobs') return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such path"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jobs }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** `meseta-jobs ...args` with stdout a pipe left unread for `holdMs`, then read whole or only `limit` bytes. */
  const runPiped = (args: string[], holdMs: number, limit?: number) => runPipedScript(path.join(__dirname, '..', '..', 'dist', 'frameworks', 'jobs', 'cli.js'), args, holdMs, limit);

  it('writes a 1 MB --json answer whole into a slow pipe', async () => {
    const run = await runPiped(['job', 'list', '--json', '--url', url], 500);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(1_000_000);
    expect(JSON.parse(run.stdout.toString())).toEqual(jobs);
  }, 30_000);

  it('refuses a port in use with the fix', async () => {
    const port = (server.address() as AddressInfo).port;
    const stateFile = path.join(os.tmpdir(), `meseta-port-in-use-${process.pid}.json`);
    const run = await runFrameworkCli('services', ['serve', '--port', String(port), '--state-file', stateFile, '--master', '127.0.0.1:1']);
    fs.rmSync(stateFile, { force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`error: 127\\.0\\.0\\.1:${port} is in use: give --port another port \\(--port 0 picks a free one\\) or stop what holds it`));
  }, 30_000);

  it('ends quietly when the reader stops early (| head)', async () => {
    const run = await runPiped(['job', 'list', '--url', url], 0, 200);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.code).toBe(0);
  }, 30_000);
});
