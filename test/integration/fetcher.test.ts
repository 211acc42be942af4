/**
 * The fetcher against a real cluster (a master and an agent as processes)
 * and a real HTTP server on 127.0.0.1 started here, which counts the
 * requests for each artifact. A raw scheduler (the SDK's driver, tasks
 * built by hand) launches tasks whose `command.uris` the agent fetches into
 * their sandboxes: a plain file, an executable script the task runs, a
 * .tar.gz and a .zip unpacked, output_file, a redirect; a cached URI
 * fetched by 5 concurrent tasks is downloaded once; a small cache evicts
 * its least recently used entry; the cache survives an agent restart; a
 * 404 and a tarball with a `../` member are TASK_FAILED naming the URI; a
 * URI with an unknown scheme is refused by the master naming the field.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { compileTask } from '@meseta/sdk';
import type { Offer, TaskInfo, TaskStatus, v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { Recorder, stateName } from '../support/recorder';
import { writeTar } from '../../agent/containerizers/tar-writer';

/** Artifacts the server holds, by path; a number is a status to answer, a string starting with `->` a redirect. */
const artifacts = new Map<string, Buffer | number | string>();
const requests = new Map<string, number>();
let server: http.Server;
let base: string;
let cluster: Cluster;
let scheduler: Recorder;
let scratch: string;
let sequence = 0;
/** Responses of /slow still open (it sends a first chunk, then nothing). */
const slow = new Set<http.ServerResponse>();
let slowClosed = 0;

function requireProgram(program: string, debianPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${program} is missing: install the Debian package ${debianPackage} (apt-get update && apt-get install ${debianPackage})`);
  }
}

/** A zip of `files` (name → content), made with the zip program. */
function zipOf(files: Record<string, string>): Buffer {
  const dir = fs.mkdtempSync(path.join(scratch, 'zip-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'src', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', name), content);
  }
  execFileSync('zip', ['-qr', path.join(dir, 'out.zip'), ...Object.keys(files)], { cwd: path.join(dir, 'src') });
  return fs.readFileSync(path.join(dir, 'out.zip'));
}

beforeAll(async () => {
  requireProgram('zip', 'zip');
  requireProgram('unzip', 'unzip');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-fetcher-it-'));
  artifacts.set('/notes.txt', Buffer.from('plain notes\n'));
  artifacts.set('/hello.sh', Buffer.from('#!/bin/sh\necho "hello from the fetched script"\n'));
  artifacts.set('/app.tar.gz', zlib.gzipSync(writeTar([
    { path: 'app/', type: 'directory' },
    { path: 'app/version.txt', type: 'file', content: 'app 1.2.3\n' },
  ])));
  artifacts.set('/conf.zip', zipOf({ 'conf/settings.yml': 'answer: 42\n' }));
  artifacts.set('/evil.tar', writeTar([{ path: '../escaped.txt', type: 'file', content: 'out of the sandbox\n' }]));
  artifacts.set('/shared.bin', Buffer.alloc(256 * 1024, 1));
  artifacts.set('/evict-a.bin', Buffer.alloc(60 * 1024, 2));
  artifacts.set('/evict-b.bin', Buffer.alloc(60 * 1024, 3));
  artifacts.set('/moved', '->/notes.txt');
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
    const found = artifacts.get(url.pathname);
    if (url.pathname === '/slow') {
      slow.add(res);
      res.once('close', () => {
        slow.delete(res);
        slowClosed++;
      });
      res.writeHead(200, { 'content-length': 10 * 1024 * 1024 });
      res.write(Buffer.alloc(64 * 1024));
    } else if (found === undefined) res.writeHead(404).end('not here');
    else if (typeof found === 'number') res.writeHead(found).end();
    else if (typeof found === 'string') res.writeHead(302, { location: found.slice(2) }).end();
    else res.writeHead(200, { 'content-length': found.length }).end(found);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A cache of 200 KB: the two 60 KB artifacts fit together, the 256 KB one is handed over and not kept.
  cluster = await startCluster({ agents: 1, name: 'fetcher', agentFlags: ['--fetcher-cache-size', '200KB'] });
  scheduler = new Recorder(cluster.masterAddress, { name: 'fetcher-test' });
  await scheduler.driver.start();
}, 90_000);

afterAll(async () => {
  await scheduler?.driver.teardown().catch(() => undefined);
  await cluster?.stop();
  for (const res of slow) res.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** Launch one task per command (all from one offer) with its URIs; resolves with their task infos. */
async function launch(tasks: { command: string; uris: v1.CommandInfo.IURI[]; user?: string }[]): Promise<TaskInfo[]> {
  // Resources come back from ended tasks in offers of their own: take every open offer once they hold enough.
  const cpus = (o: Offer): number => (o.resources ?? []).filter((r) => r.name === 'cpus').reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
  const offers: Offer[] = await waitFor(() => {
    const open = scheduler.open();
    return open.reduce((sum, o) => sum + cpus(o), 0) >= 0.1 * tasks.length + 0.05 ? open : undefined;
  }, 20_000, `offers holding ${0.1 * tasks.length} cpus`);
  for (const o of offers) scheduler.used.add(o.id!.value!);
  const offer: Offer = { ...offers[0], resources: offers.flatMap((o) => o.resources ?? []) };
  const infos = tasks.map((t) => {
    const info = compileTask({ name: `fetch-${++sequence}`, command: t.command, cpus: 0.1, mem: 16, ...(t.user ? { user: t.user } : {}) }, offer);
    info.command = { ...info.command, uris: t.uris };
    return info;
  });
  await scheduler.driver.launch(offers.map((o) => o.id!.value!), infos, { refuseSeconds: 0 });
  return infos;
}

const TERMINAL = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED']);

/** The task's terminal status. */
function ended(task: TaskInfo): Promise<TaskStatus> {
  const id = task.task_id!.value!;
  return waitFor(() => scheduler.updates.find((u) => u.task_id?.value === id && TERMINAL.has(stateName(u))), 60_000, `task ${id} to end (saw ${scheduler.states(id).join(', ') || 'nothing'})`);
}

/** A file of the task's latest run's sandbox. */
function sandboxFile(task: TaskInfo, name: string): string {
  const frameworkId = scheduler.driver.frameworkId ?? '';
  return fs.readFileSync(path.join(cluster.agents[0].workDir, 'frameworks', frameworkId, 'tasks', task.task_id!.value!, 'runs', 'latest', name), 'utf8');
}

/** Run one task to its end; its terminal status and stdout. */
async function runOne(command: string, uris: v1.CommandInfo.IURI[], user?: string): Promise<{ status: TaskStatus; stdout: string; task: TaskInfo }> {
  const [task] = await launch([{ command, uris, user }]);
  const status = await ended(task);
  return { status, stdout: stateName(status) === 'TASK_ERROR' ? '' : sandboxFile(task, 'stdout'), task };
}

const failureOf = (status: TaskStatus): string => `${stateName(status)} ${pb.TaskStatus.Reason[status.reason ?? 0]}: ${status.message}`;
/** `TASK_FINISHED`, or the whole status when it is not (so a failure shows its message). */
const outcome = (status: TaskStatus): string => (stateName(status) === 'TASK_FINISHED' ? 'TASK_FINISHED' : failureOf(status));

describe('fetching into the sandbox', () => {
  it('fetches a plain file the task reads', async () => {
    const { status, stdout, task } = await runOne('cat notes.txt', [{ value: `${base}/notes.txt` }]);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(stdout).toBe('plain notes\n');
    expect(sandboxFile(task, 'stderr')).toContain(`meseta-fetcher: fetched ${base}/notes.txt (12 bytes)`);
  });

  it('makes an executable script the task then runs', async () => {
    const { status, stdout } = await runOne('./hello.sh', [{ value: `${base}/hello.sh`, executable: true }]);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(stdout).toBe('hello from the fetched script\n');
  });

  it('unpacks a .tar.gz and a .zip into the sandbox', async () => {
    const { status, stdout } = await runOne('cat app/version.txt conf/settings.yml; ls', [{ value: `${base}/app.tar.gz` }, { value: `${base}/conf.zip` }]);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(stdout).toBe('app 1.2.3\nanswer: 42\napp\napp.tar.gz\nconf\nconf.zip\nstderr\nstdout\n');
  });

  it('writes output_file (folders made) and follows a redirect', async () => {
    const { status, stdout } = await runOne('cat bin/notes', [{ value: `${base}/moved`, output_file: 'bin/notes' }]);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(stdout).toBe('plain notes\n');
  });
});

describe('meseta run --uri', () => {
  it('fetches what --uri names, with its options, before the command runs', async () => {
    // The recording scheduler keeps what it is offered: it steps aside for meseta run's framework, then comes back.
    await scheduler.driver.suppress();
    const open = scheduler.open().map((o) => o.id!.value!);
    for (const id of open) scheduler.used.add(id);
    if (open.length > 0) await scheduler.driver.decline(open, { refuseSeconds: 0 });
    let result: Awaited<ReturnType<typeof runCli>>;
    try {
      result = await runCli(['run', '--master', cluster.masterAddress, '--name', 'cli-uri', '--uri', `${base}/hello.sh,executable`, '--uri', `${base}/moved,output_file=etc/notes`, '--command', './hello.sh && cat etc/notes']);
    } finally {
      await scheduler.driver.revive();
    }
    expect(result.stdout).toMatch(/^TASK_FINISHED/m);
    expect(result.stdout).toContain('--- task stdout ---\nhello from the fetched script\nplain notes');
    expect(result.code).toBe(0);
  });
});

describe('failures', () => {
  it('fails a task whose URI answers 404 with TASK_FAILED naming the URI', async () => {
    const { status } = await runOne('true', [{ value: `${base}/notes.txt` }, { value: `${base}/missing.tgz` }]);
    expect(failureOf(status)).toBe(
      `TASK_FAILED REASON_CONTAINER_LAUNCH_FAILED: fetching command.uris[1] "${base}/missing.tgz" failed: the server answered HTTP 404 Not Found`,
    );
  });

  it('refuses a tarball with a ../ member, writing nothing outside the sandbox', async () => {
    const { status, task } = await runOne('true', [{ value: `${base}/evil.tar` }]);
    expect(failureOf(status)).toBe(
      `TASK_FAILED REASON_CONTAINER_LAUNCH_FAILED: fetching command.uris[0] "${base}/evil.tar" failed: the archive was refused: entry "../escaped.txt" climbs out of the sandbox with ".."`,
    );
    const runs = path.join(cluster.agents[0].workDir, 'frameworks', scheduler.driver.frameworkId ?? '', 'tasks', task.task_id!.value!, 'runs');
    expect(fs.existsSync(path.join(runs, 'escaped.txt'))).toBe(false);
    expect(fs.readdirSync(path.join(runs, 'latest')).sort()).toEqual(['evil.tar', 'stderr', 'stdout']);
  });

  it('stops the download of a task killed while fetching, and reports it TASK_KILLED', async () => {
    const [task] = await launch([{ command: 'true', uris: [{ value: `${base}/slow` }] }]);
    await waitFor(() => slow.size === 1, 20_000, 'the agent to start downloading /slow');
    await scheduler.driver.kill(task.task_id!.value!);
    const status = await ended(task);
    expect(failureOf(status)).toBe('TASK_KILLED REASON_TASK_KILLED_DURING_LAUNCH: killed before its container was launched');
    await waitFor(() => slowClosed === 1, 20_000, 'the agent to drop the download of /slow');
  });

  it('refuses at the master a URI with an unknown scheme, naming the field', async () => {
    const { status } = await runOne('true', [{ value: 'ftp://127.0.0.1/x' }]);
    expect(failureOf(status)).toBe(
      'TASK_ERROR REASON_TASK_INVALID: command.uris[0].value: "ftp://127.0.0.1/x": the scheme "ftp" is not supported (http://, https://, file:// or an absolute path)',
    );
  });
});

describe('the cache', () => {
  const cacheIndex = (): { uri: string }[] =>
    (JSON.parse(fs.readFileSync(path.join(cluster.agents[0].workDir, 'fetcher-cache', 'index.json'), 'utf8')) as { entries: { uri: string }[] }).entries;

  it('downloads a URI once for five concurrent tasks', async () => {
    const uri = `${base}/evict-a.bin`;
    const tasks = await launch(Array.from({ length: 5 }, () => ({ command: 'test "$(wc -c < evict-a.bin)" -eq 61440', uris: [{ value: uri, cache: true }] })));
    const statuses = await Promise.all(tasks.map(ended));
    expect(statuses.map(outcome)).toEqual(Array(5).fill('TASK_FINISHED'));
    expect(requests.get('/evict-a.bin')).toBe(1);
    expect(cacheIndex().map((e) => e.uri)).toEqual([uri]);
  });

  it('hands over an artifact bigger than the cache without keeping it', async () => {
    const { status } = await runOne('test "$(wc -c < shared.bin)" -eq 262144', [{ value: `${base}/shared.bin`, cache: true }]);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(cacheIndex().map((e) => e.uri)).toEqual([`${base}/evict-a.bin`]);
  });

  it('keeps the cache across an agent restart', async () => {
    await cluster.agents[0].restart();
    const { status } = await runOne('test -s evict-a.bin', [{ value: `${base}/evict-a.bin`, cache: true }]);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(requests.get('/evict-a.bin')).toBe(1);
  });

  it('evicts the least recently used entry at its size limit', async () => {
    // The cache holds a (60 KB); b (60 KB) fits beside it, c (100 KB) does not.
    artifacts.set('/evict-c.bin', Buffer.alloc(100 * 1024, 4));
    expect(outcome((await runOne('true', [{ value: `${base}/evict-b.bin`, cache: true }])).status)).toBe('TASK_FINISHED');
    expect(cacheIndex().map((e) => e.uri).sort()).toEqual([`${base}/evict-a.bin`, `${base}/evict-b.bin`]);
    // 60 + 60 + 100 > 200: a, the least recently used, goes.
    expect(outcome((await runOne('true', [{ value: `${base}/evict-c.bin`, cache: true }])).status)).toBe('TASK_FINISHED');
    expect(cacheIndex().map((e) => e.uri).sort()).toEqual([`${base}/evict-b.bin`, `${base}/evict-c.bin`]);
    expect(outcome((await runOne('true', [{ value: `${base}/evict-b.bin`, cache: true }])).status)).toBe('TASK_FINISHED');
    expect(requests.get('/evict-b.bin')).toBe(1);
    expect(outcome((await runOne('true', [{ value: `${base}/evict-a.bin`, cache: true }])).status)).toBe('TASK_FINISHED');
    expect(requests.get('/evict-a.bin')).toBe(2);
  });
});

describe('as the task user', () => {
  const userName = `mfu${process.pid.toString(36)}`;
  let uid = 0;
  let privateFile = '';

  beforeAll(() => {
    if (process.getuid?.() !== 0) throw new Error('this part runs a task as another user: run the test as root (the agent switches users only as root)');
    requireProgram('useradd', 'passwd');
    requireProgram('userdel', 'passwd');
    execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', userName]);
    uid = Number(execFileSync('id', ['-u', userName], { encoding: 'utf8' }).trim());
    fs.chmodSync(scratch, 0o755);
    privateFile = path.join(scratch, 'private.txt');
    fs.writeFileSync(privateFile, 'root only\n', { mode: 0o600 });
  });

  afterAll(() => {
    try {
      execFileSync('userdel', [userName], { stdio: 'ignore' });
    } catch {
      // never created
    }
  });

  it('hands the fetched and unpacked files to the task user', async () => {
    const { status, stdout } = await runOne('id -u; stat -c %u notes.txt app app/version.txt', [{ value: `${base}/notes.txt` }, { value: `${base}/app.tar.gz` }], userName);
    expect(outcome(status)).toBe('TASK_FINISHED');
    expect(stdout).toBe(`${uid}\n${uid}\n${uid}\n${uid}\n`);
  });

  it('refuses a local file the task user may not read, naming it', async () => {
    const { status } = await runOne('true', [{ value: `file://${privateFile}` }], userName);
    expect(failureOf(status)).toBe(
      `TASK_FAILED REASON_CONTAINER_LAUNCH_FAILED: fetching command.uris[0] "file://${privateFile}" failed: the task's user (uid ${uid}) may not read it (mode 600)`,
    );
  });
});
