/**
 * The fetcher with real containers: URIs served by an HTTP server on
 * 127.0.0.1 (started here) are fetched into the sandbox before the
 * container starts, and the task inside a runc container (tar image), a
 * Docker container and a pod member (runc) sees them at its sandbox
 * (/mnt/mesos/sandbox): a plain file, an executable script it runs, an
 * unpacked .tar.gz. A failed fetch fails the task before any container
 * starts, naming the URI.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { TaskInfo, v1 } from '@meseta/proto/wire';
import { Reason } from '@meseta/proto/wire';
import { writeTar } from '../../agent/containerizers/tar-writer';
import { dockerTask, stateOf, tarTask } from './container-agent';
import { useDockerTestBed } from './docker-test-bed';

const suffix = randomBytes(4).toString('hex');
const BUSYBOX = `meseta-test/busybox-fetcher:${suffix}`;
const bed = useDockerTestBed({ name: 'fetcher', busybox: BUSYBOX, containerizers: ['docker', 'tar', 'posix'] });

const artifacts = new Map<string, Buffer>([
  ['/notes.txt', Buffer.from('plain notes\n')],
  ['/hello.sh', Buffer.from('#!/bin/sh\necho "hello from the fetched script"\n')],
  ['/app.tar.gz', zlib.gzipSync(writeTar([{ path: 'app/', type: 'directory' }, { path: 'app/version.txt', type: 'file', content: 'app 1.2.3\n' }]))],
]);
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const found = artifacts.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (found) res.writeHead(200, { 'content-length': found.length }).end(found);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

let seq = 0;
const id = (name: string): string => `${name}-${++seq}`;
const COMMAND = 'cat notes.txt app/version.txt && ./hello.sh && echo "in $(pwd)"';
const uris = (): v1.CommandInfo.IURI[] => [{ value: `${base}/notes.txt` }, { value: `${base}/hello.sh`, executable: true }, { value: `${base}/app.tar.gz`, cache: true }];
const EXPECTED = 'plain notes\napp 1.2.3\nhello from the fetched script\nin /mnt/mesos/sandbox\n';

function withUris(task: TaskInfo, list: v1.CommandInfo.IURI[] = uris()): TaskInfo {
  task.command = { ...task.command, uris: list };
  return task;
}

async function runToEnd(task: TaskInfo): Promise<{ state: string; message: string; stdout: string }> {
  const taskId = task.task_id!.value!;
  bed.test.run(task);
  const end = await bed.test.terminal(taskId, 60_000);
  let stdout = '';
  try {
    stdout = bed.test.sandboxFile(taskId, 'stdout');
  } catch {
    // no sandbox output
  }
  return { state: stateOf(end), message: end.status?.message ?? '', stdout };
}

describe('fetched URIs inside containers', () => {
  it('are in the sandbox of a runc container (tar image)', async () => {
    const result = await runToEnd(withUris(tarTask(id('tar'), COMMAND, bed.images.tar)));
    expect(result.state).toBe('TASK_FINISHED');
    expect(result.stdout).toBe(EXPECTED);
  });

  it('are in the sandbox of a Docker container', async () => {
    const result = await runToEnd(withUris(dockerTask(id('docker'), COMMAND, BUSYBOX)));
    expect(result.state).toBe('TASK_FINISHED');
    expect(result.stdout).toBe(EXPECTED);
  });

  it('are in the sandbox of each member of a pod', async () => {
    const first = withUris(tarTask(id('pod-a'), COMMAND, bed.images.tar));
    const second = withUris(tarTask(id('pod-b'), 'cat notes.txt', bed.images.tar), [{ value: `${base}/notes.txt` }]);
    bed.test.runGroup([first, second]);
    const ends = await Promise.all([first, second].map((t) => bed.test.terminal(t.task_id!.value!, 60_000)));
    expect(ends.map(stateOf)).toEqual(['TASK_FINISHED', 'TASK_FINISHED']);
    expect(bed.test.sandboxFile(first.task_id!.value!, 'stdout')).toBe(EXPECTED);
    expect(bed.test.sandboxFile(second.task_id!.value!, 'stdout')).toBe('plain notes\n');
  });

  it.each([
    ['runc', () => tarTask(id('tar-404'), 'true', bed.images.tar)],
    ['Docker', () => dockerTask(id('docker-404'), 'true', BUSYBOX)],
  ])('fail the %s task before its container starts when one answers 404, naming it', async (_kind, make) => {
    const task = withUris(make(), [{ value: `${base}/missing.bin` }]);
    const taskId = task.task_id!.value!;
    bed.test.run(task);
    const end = await bed.test.terminal(taskId, 60_000);
    expect(stateOf(end)).toBe('TASK_FAILED');
    expect(end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(end.status?.message).toBe(`fetching command.uris[0] "${base}/missing.bin" failed: the server answered HTTP 404 Not Found`);
    expect(bed.test.master.statesFor(taskId)).toEqual(['TASK_FAILED']);
  });
});
