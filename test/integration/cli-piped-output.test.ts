/**
 * Every verb writes its whole output when piped, and a reader that stops
 * early (`| head`) ends the command quietly. The master here is a stand-in
 * HTTP server on 127.0.0.1 answering `/state` with a 1.5 MB document (a
 * real master would need thousands of tasks for that): what is under test
 * is the `meseta` process writing into a pipe, which is real.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireBuild } from '../harness/paths';
import { runPiped as runPipedScript } from '../harness/piped-run';

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

/** `meseta ...args` with stdout a pipe left unread for `holdMs`, then read whole or only `limit` bytes. */
const runPiped = (args: string[], holdMs: number, limit?: number) => runPipedScript(requireBuild(), args, holdMs, limit);

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
