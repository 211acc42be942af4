/**
 * Every verb writes its whole output when piped, and a reader that stops
 * early (`| head`) ends the command quietly. The master here is a stand-in
 * HTTP server on 127.0.0.1 answering `/state` with a 1.5 MB document (a
 * real master would need thousands of tasks for that): what is under test
 * is the `meseta` process writing into a pipe, which is real.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { requireBuild } from '../harness/paths';

const tasks = Array.from({ length: 6000 }, (_, i) => ({
  task_id: { value: `task-${i}` },
  name: `a task with a long enough name to take room ${i}`,
  state: 'TASK_RUNNING',
  framework_id: { value: 'f-1' },
  agent_id: { value: 'a-1' },
}));
const STATE = { master_info: { id: 'm-1' }, agents: [], frameworks: [], tasks, completed_tasks: [] };

let server: http.Server;
let master: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== '/state') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(STATE));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  master = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/**
 * Run `meseta ...args` with stdout a pipe this test does not read until
 * `holdMs` has passed (the pipe fills, as with a slow reader), then read
 * everything, or only `limit` bytes and close the pipe like `head -c`.
 */
function runPiped(args: string[], holdMs: number, limit?: number): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const child = spawn(process.execPath, [requireBuild(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  const chunks: Buffer[] = [];
  let stderr = '';
  let got = 0;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  setTimeout(() => {
    child.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      got += d.length;
      if (limit !== undefined && got >= limit) child.stdout.destroy();
    });
    child.stdout.resume();
  }, holdMs);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr })));
}

test('a 1.5 MB --json answer read through a slow pipe arrives whole', async () => {
  const run = await runPiped(['state', '--json', '--master', master], 500);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.length).toBeGreaterThan(1_000_000);
  expect(JSON.parse(run.stdout.toString())).toEqual(STATE);
}, 30_000);

test('the tasks listing as JSON arrives whole too', async () => {
  const run = await runPiped(['tasks', '--json', '--master', master], 300);
  expect(run.code).toBe(0);
  const answer = JSON.parse(run.stdout.toString()) as { state: { tasks: unknown[] } };
  expect(answer.state.tasks).toHaveLength(tasks.length);
}, 30_000);

test('a reader that stops early (| head -c 100) ends the command quietly', async () => {
  const run = await runPiped(['state', '--json', '--master', master], 0, 100);
  expect(run.stderr).not.toMatch(/EPIPE|Error/);
  expect(run.code).toBe(0);
}, 30_000);
