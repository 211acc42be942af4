/**
 * `meseta version`, and the read-only verbs since they read the master's
 * HTTP `/state` instead of calling the Operator API: their `--json` output
 * is byte for byte what the Operator API answers, and they load no gRPC,
 * protobuf, master or agent code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import { runCli, spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { freePort } from '../harness/free-port';
import type { MesetaProcess } from '../harness/meseta-process';
import { MESETA_BIN, REPO_ROOT } from '../harness/paths';
import { waitFor } from '../harness/wait-for';
import { CHANNEL_OPTIONS, OperatorClient } from '@meseta/proto/services';
import type { OperatorResponse } from '@meseta/proto/wire';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let cluster: Cluster;
let sleeper: MesetaProcess | undefined;

beforeAll(async () => {
  cluster = await startCluster({ agents: 2, name: 'version' });
  // Something in every listing: a finished task of a completed framework, a running task of a live one.
  const finished = await runCli(['run', '--master', cluster.masterAddress, '--name', 'once', '--command', 'true']);
  expect(finished.code).toBe(0);
  sleeper = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'sleeper', '--command', 'sleep 300']);
  await sleeper.waitForLine(/^TASK_RUNNING/, 30_000);
}, 120_000);

afterAll(async () => {
  await sleeper?.stop();
  await cluster?.stop();
}, 60_000);

/** `meseta ...args` with its stdout exactly as written (the harness keeps lines, without the last newline). */
function runExact(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MESETA_BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The Operator API's answer, printed as the verbs printed it when they used gRPC. */
async function operatorJson(call: string): Promise<string> {
  const client = new OperatorClient(cluster.masterAddress, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
    call(request: unknown, options: { deadline: Date }, callback: (e: ServiceError | null, r?: OperatorResponse) => void): void;
    close(): void;
  };
  try {
    const type = (pb.OperatorCall.Type as unknown as Record<string, number>)[call];
    const response = await new Promise<OperatorResponse>((resolve, reject) => {
      client.call({ type }, { deadline: new Date(Date.now() + 5000) }, (e, r) => (e ? reject(e) : resolve(r ?? {})));
    });
    const object = pb.OperatorResponse.toObject(pb.OperatorResponse.fromObject(response), JSON_OPTIONS);
    const printed = call === 'GET_STATE' ? object.state : object;
    return JSON.stringify(printed, null, 2) + '\n';
  } finally {
    client.close();
  }
}

describe('meseta version', () => {
  it('prints its version and its API', async () => {
    const result = await runExact(['version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`meseta ${VERSION}, API v1\n`);
  });

  it('adds the master\'s version with --master, in text and JSON', async () => {
    const text = await runExact(['version', '--master', cluster.masterAddress]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`meseta ${VERSION}, API v1\nmaster ${cluster.masterAddress}: meseta ${VERSION}\n`);
    const json = await runCli(['version', '--json', '--master', cluster.masterAddress]);
    expect(JSON.parse(json.stdout)).toEqual({ meseta: VERSION, api: 'v1', master: { address: cluster.masterAddress, version: VERSION } });
  });

  it('exits 1 naming the master when nobody listens there', async () => {
    const port = await freePort();
    const result = await runCli(['version', '--master', `127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`meseta: cannot reach master at 127.0.0.1:${port}: connect ECONNREFUSED`);
  });
});

describe('the read-only verbs print what the Operator API answers', () => {
  it.each<[string[], string]>([
    [['agents', '--json'], 'GET_AGENTS'],
    [['frameworks', '--json'], 'GET_FRAMEWORKS'],
    [['tasks', '--json'], 'GET_TASKS'],
    [['state'], 'GET_STATE'],
  ])('%j is byte for byte the answer to %s', async (args, call) => {
    // Offers come and go; compare once the Operator API answers the same before and after the command.
    await waitFor(async () => {
      const before = await operatorJson(call);
      const result = await runExact([...args, '--master', cluster.masterAddress]);
      const after = await operatorJson(call);
      if (before !== after) return false;
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(before);
      return true;
    }, 30_000, `${args.join(' ')} while the state holds still`);
  });

  it('agents prints one row per agent, tasks the running one and frameworks both', async () => {
    const agents = await runCli(['agents', '--master', cluster.masterAddress]);
    expect(agents.stdout.split('\n')[0]).toMatch(/^ID\s+HOSTNAME\s+ADDRESS\s+STATE\s+CPUS\s+MEM\s+DISK\s+TASKS$/);
    for (const agent of cluster.agents) {
      expect(agents.stdout).toMatch(new RegExp(`^${agent.agentId}\\s+127\\.0\\.0\\.1\\s+127\\.0\\.0\\.1:${agent.port}\\s+ACTIVE\\s+[\\d.]+/2\\s+[\\d.]+/2048\\s+0/8192\\s+[01]$`, 'm'));
    }
    const tasks = await runCli(['tasks', '--master', cluster.masterAddress]);
    expect(tasks.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+FRAMEWORK\s+HOST:PORT\s+PORTS\s+STATE\s+AGE\s+CPUS\s+MEM\s+MESSAGE$/);
    // The framework by name and the agent by host, not their ids; the age since its first status.
    expect(tasks.stdout).toMatch(/^sleeper-\S+\s+sleeper\s+meseta-run sleeper\s+127\.0\.0\.1\s+TASK_RUNNING\s+\d+[smhd]\S*\s+0\.1\s+32(\s+.*)?$/m);
    const frameworks = await runCli(['frameworks', '--all', '--master', cluster.masterAddress]);
    expect(frameworks.stdout).toMatch(/\s+yes\s+1\s+0\.1\s+32\s+/);
    expect(frameworks.stdout).toMatch(/\s+completed\s+0\s+/);
  });

  it('agents loads no gRPC, protobuf, ZooKeeper, master or agent code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-modules-'));
    try {
      const record = path.join(dir, 'modules.json');
      const preload = path.join(dir, 'record-modules.js');
      fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
      const result = await runCli(['agents', '--master', cluster.masterAddress], { env: { NODE_OPTIONS: `--require ${preload}` } });
      expect(result.code).toBe(0);
      const loaded = (JSON.parse(fs.readFileSync(record, 'utf8')) as string[]).map((f) => path.relative(REPO_ROOT, f));
      expect(loaded).toContain(path.join('dist', 'cli', 'commands', 'state.js'));
      const heavy = loaded.filter((f) =>
        /node_modules[\\/](@grpc|protobufjs|node-zookeeper-client|vite|preact)[\\/]|dist[\\/](master|agent|frameworks|proto[\\/]gen)[\\/]/.test(f),
      );
      expect(heavy).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
