/**
 * Sandbox reads cannot be raced out of the sandbox, and the master's files
 * proxy talks only to connected agents at their registered address.
 *
 * A real master and agent (processes). A swapper process flips, as fast as
 * it can, a sandbox file between a regular file and a symlink to a secret
 * outside the sandbox, and a sandbox folder link between a folder inside and
 * one outside. Meanwhile 10,000 reads (and 1,000 listings) go to the agent
 * directly and through the master's proxy: not one answer may carry the
 * outside secret. Then the proxy is asked, every way we could think of, to
 * call a listener of ours; it must never connect to it, not even once the
 * agent is gone and the listener holds the agent's old port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { httpGet } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

const READS = 10_000;
const LISTINGS = 1_000;
const CONCURRENCY = 8;
const marker = `LEAK-${randomBytes(8).toString('hex')}`;

let cluster: Cluster;
let outside: string;
let swapper: ChildProcess | undefined;

beforeAll(async () => {
  cluster = await startCluster({ agents: 1, name: 'symlink-race' });
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-outside-'));
}, 90_000);

afterAll(async () => {
  if (swapper?.pid && swapper.exitCode === null && swapper.signalCode === null) {
    swapper.kill('SIGKILL');
    await new Promise((resolve) => swapper!.once('exit', resolve));
  }
  await cluster?.stop();
  if (outside) fs.rmSync(outside, { recursive: true, force: true });
}, 60_000);

/** The sandbox folder of a finished task (found under the agent's work dir). */
async function sandboxOfNewTask(): Promise<string> {
  const result = await runCli(['run', '--master', cluster.masterAddress, '--name', 'race', '--command', 'echo ready']);
  expect(result.code).toBe(0);
  const taskId = /^launched task (\S+) on agent/m.exec(result.stdout)![1];
  const frameworks = path.join(cluster.agents[0].workDir, 'frameworks');
  for (const framework of fs.readdirSync(frameworks)) {
    const runs = path.join(frameworks, framework, 'tasks', taskId, 'runs');
    if (fs.existsSync(runs)) return fs.realpathSync(path.join(runs, 'latest'));
  }
  throw new Error(`no sandbox for task ${taskId}`);
}

/** A loop in its own process flipping `victim` (file ↔ link out) and `d` (link in ↔ link out), atomically by rename. */
function startSwapper(sandbox: string): ChildProcess {
  const script = `
    const fs = require('fs'); const path = require('path');
    const [sandbox, outsideFile, outsideDir, insideDir] = process.argv.slice(1);
    const victim = path.join(sandbox, 'victim'), d = path.join(sandbox, 'd');
    const tmpLink = path.join(sandbox, '.swap-link'), tmpFile = path.join(sandbox, '.swap-file'), tmpDir = path.join(sandbox, '.swap-d');
    let swaps = 0;
    for (;;) {
      fs.symlinkSync(outsideFile, tmpLink); fs.renameSync(tmpLink, victim);
      fs.symlinkSync(outsideDir, tmpDir); fs.renameSync(tmpDir, d);
      fs.writeFileSync(tmpFile, 'safe'); fs.renameSync(tmpFile, victim);
      fs.symlinkSync(insideDir, tmpDir); fs.renameSync(tmpDir, d);
      if (++swaps % 1000 === 0) process.stdout.write('.');
    }`;
  return spawn(process.execPath, ['-e', script, sandbox, path.join(outside, 'secret'), path.join(outside, 'dir'), path.join(sandbox, 'inside')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

interface Tally {
  ok: number;
  refused: number;
  other: Map<number, number>;
  leaks: string[];
}

/** GET many paths with a few keep-alive connections; every answer checked for the marker. */
async function readAll(requests: Array<{ address: string; path: string }>, tally: Tally): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++];
      const [host, port] = request.address.split(':');
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host, port: Number(port), path: request.path, agent, timeout: 20_000 }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            res.on('error', reject);
          })
          .on('error', reject);
      });
      if (answer.body.includes(marker)) tally.leaks.push(`${request.address}${request.path} → ${answer.status} ${answer.body.slice(0, 200)}`);
      if (answer.status === 200) tally.ok++;
      else if (answer.status === 403) tally.refused++;
      else tally.other.set(answer.status, (tally.other.get(answer.status) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
  }
}

describe('sandbox reads under a symlink-swap race', () => {
  it(`leaks nothing in ${READS} reads and ${LISTINGS} listings, directly and through the master`, async () => {
    const sandbox = await sandboxOfNewTask();
    fs.writeFileSync(path.join(outside, 'secret'), marker);
    fs.mkdirSync(path.join(outside, 'dir'));
    fs.writeFileSync(path.join(outside, 'dir', 'f'), marker);
    fs.writeFileSync(path.join(outside, 'dir', marker), marker); // a listing of the outside folder would name it
    fs.mkdirSync(path.join(sandbox, 'inside'));
    fs.writeFileSync(path.join(sandbox, 'inside', 'f'), 'safe');
    swapper = startSwapper(sandbox);
    await new Promise<void>((resolve) => swapper!.stdout!.once('data', () => resolve())); // 1000 swaps done: it runs

    const agent = cluster.agents[0];
    const relative = path.relative(agent.workDir, sandbox);
    const q = (p: string): string => encodeURIComponent(`${relative}/${p}`);
    const requests: Array<{ address: string; path: string }> = [];
    for (let i = 0; i < READS; i++) {
      const file = i % 2 === 0 ? 'victim' : 'd/f';
      requests.push(
        i % 4 < 2
          ? { address: agent.address, path: `/files/read?path=${q(file)}` }
          : { address: cluster.masterAddress, path: `/api/v1/agents/${agent.agentId}/files/read?path=${q(file)}` },
      );
    }
    for (let i = 0; i < LISTINGS; i++) {
      requests.push(
        i % 2 === 0
          ? { address: agent.address, path: `/files/browse?path=${q('d')}` }
          : { address: cluster.masterAddress, path: `/api/v1/agents/${agent.agentId}/files/browse?path=${q('d')}` },
      );
    }
    const tally: Tally = { ok: 0, refused: 0, other: new Map(), leaks: [] };
    await readAll(requests, tally);
    const stopped = new Promise((resolve) => swapper!.once('exit', resolve));
    swapper.kill('SIGKILL');
    await stopped;

    expect(tally.leaks).toEqual([]);
    expect(tally.ok + tally.refused + [...tally.other.values()].reduce((a, b) => a + b, 0)).toBe(READS + LISTINGS);
    // The race really ran: some reads met the file, some the link leading out.
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect([...tally.other.keys()]).toEqual([]);
  }, 120_000);
});

describe('the files proxy', () => {
  it('never calls anything but a connected agent at its registered address', async () => {
    const connections: string[] = [];
    const listener = net.createServer((socket) => {
      connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const bait = (listener.address() as net.AddressInfo).port;
    const agent = cluster.agents[0];
    try {
      const attempts: Array<[string, number]> = [
        [`/api/v1/agents/${agent.agentId}/files/read?path=x&host=127.0.0.1&port=${bait}`, 400],
        [`/api/v1/agents/${agent.agentId}/files/read?path=x&url=http://127.0.0.1:${bait}/`, 400],
        [`/api/v1/agents/127.0.0.1:${bait}/files/read?path=x`, 404],
        [`/api/v1/agents/${encodeURIComponent(`127.0.0.1:${bait}`)}/files/read?path=x`, 404],
        [`/api/v1/agents/${agent.agentId}/files/${encodeURIComponent(`http://127.0.0.1:${bait}/`)}?path=x`, 404],
        [`/api/v1/agents/${agent.agentId}/files/read%3Fhost=127.0.0.1?path=x`, 404],
        [`/api/v1/agents/no-such-agent/files/browse?path=frameworks`, 404],
      ];
      for (const [url, status] of attempts) {
        const answer = await httpGet(cluster.masterAddress, url);
        expect([url, answer.status]).toEqual([url, status]);
      }

      // The agent goes away and our listener takes its port: the master must not call it.
      const agentPort = agent.port;
      await agent.stop();
      const squatter = net.createServer((socket) => {
        connections.push(`squatter ${socket.remoteAddress}:${socket.remotePort}`);
        socket.destroy();
      });
      await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(agentPort, '127.0.0.1', resolve));
      try {
        const refused = await waitFor(async () => {
          const answer = await httpGet(cluster.masterAddress, `/api/v1/agents/${agent.agentId}/files/browse?path=frameworks`);
          return answer.status === 503 ? answer : undefined;
        }, 20_000, 'the master to see the agent disconnected and refuse its files');
        expect(refused.body).toContain('is disconnected');
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
      // The squatter may have been called in the moment between the agent's exit and the master seeing its
      // link close; once refused, the proxy stays refused. The bait listener was never called at all.
      expect(connections.filter((c) => !c.startsWith('squatter'))).toEqual([]);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  }, 60_000);
});
