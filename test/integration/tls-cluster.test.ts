/**
 * A real TLS cluster: `meseta master` and two `meseta agent` processes with
 * `--tls-cert/--tls-key/--tls-ca` (certificates made by cli/certificates.ts
 * with the real openssl). Agents register over mutual TLS; a framework
 * through the SDK, the CLI (read verbs, `run`, `exec` relayed by the master
 * to the agent) and the master's files proxy work over TLS with nothing but
 * `MESETA_CONFIG`; curl and Node https reach /health; plaintext clients are
 * refused. Also: a daemon on a non-loopback address without TLS refuses to
 * start, and `--insecure` overrides that with a warning.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { compileTask } from '@meseta/sdk';
import { clientSecurityFromEnvironment } from '@meseta/runtime/client-security';
import { startCluster, type Cluster } from '../harness/cluster';
import { runCli } from '../harness/cli';
import { waitFor } from '../harness/wait-for';
import { Recorder } from '../support/recorder';
import { ensureClusterCa, issueCertificate, type CertificateFiles } from '../../cli/certificates';
import { ensurePackages } from '../setup/packages';
import { EMPTY_CLIENT_CONFIG } from '../setup/client-config-isolation';

const TEST_NET_ADDRESS = '192.0.2.1'; // RFC 5737: never this host's, so nothing is ever bound there

let dir: string;
let ca: CertificateFiles;
let configPath: string;
let cluster: Cluster | undefined;
const recorders: Recorder[] = [];

function tlsFlags(files: CertificateFiles): string[] {
  return ['--tls-cert', files.cert, '--tls-key', files.key, '--tls-ca', ca.cert];
}

beforeAll(async () => {
  ensurePackages([
    { binary: 'openssl', package: 'openssl' },
    { binary: 'curl', package: 'curl' },
  ]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-tls-cluster-'));
  ca = await ensureClusterCa(dir);
  const [master, agent1, agent2, operator] = await Promise.all([
    issueCertificate(ca, dir, { name: 'master', commonName: 'meseta-master', kind: 'daemon' }),
    issueCertificate(ca, dir, { name: 'agent-1', commonName: 'agent-1', kind: 'daemon' }),
    issueCertificate(ca, dir, { name: 'agent-2', commonName: 'agent-2', kind: 'daemon' }),
    issueCertificate(ca, dir, { name: 'operator', commonName: 'operator', kind: 'client' }),
  ]);
  const agents = [agent1, agent2];
  cluster = await startCluster({
    agents: 2,
    name: 'tls-cluster',
    masterFlags: [...tlsFlags(master), '--allocation-interval', '200ms'],
    agentFlags: (i) => tlsFlags(agents[i]),
  });
  configPath = path.join(dir, 'config.json');
  fs.writeFileSync(configPath, JSON.stringify({ master: cluster.masterAddress, ca: 'ca.crt', cert: 'operator.crt', key: 'operator.key' }));
}, 120_000);

afterAll(async () => {
  for (const r of recorders) await r.driver.teardown().catch(() => undefined);
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Only MESETA_CONFIG: no --master, no other credential variable. */
function configEnv(): NodeJS.ProcessEnv {
  for (const name of ['MESETA_MASTER', 'MESETA_TOKEN', 'MESETA_CA_CERT', 'MESETA_CLIENT_CERT', 'MESETA_CLIENT_KEY']) {
    if (process.env[name]) throw new Error(`unset ${name}: this test checks that MESETA_CONFIG alone is enough`);
  }
  return { MESETA_CONFIG: configPath };
}

function httpsGet(urlPath: string, options: https.RequestOptions = {}): Promise<{ status: number; type: string; body: string }> {
  const [host, port] = cluster!.masterAddress.split(':');
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port: Number(port), path: urlPath, ca: fs.readFileSync(ca.cert), agent: false, timeout: 10_000, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('a TLS cluster of real processes', () => {
  it('agents register with the master over mutual TLS and the CLI lists them with only MESETA_CONFIG set', async () => {
    const result = await runCli(['agents'], { env: configEnv() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(3); // header + two agents
  });

  it('Node https and curl reach /health with the cluster CA; a plaintext client gets no answer', async () => {
    expect((await httpsGet('/health')).body.trim()).toBe('ok');
    const curl = await new Promise<string>((resolve, reject) =>
      execFile('curl', ['-sS', '--cacert', ca.cert, `https://${cluster!.masterAddress}/health`], { timeout: 20_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`curl failed: ${stderr || error.message}`)) : resolve(stdout),
      ),
    );
    expect(curl.trim()).toBe('ok');
    const plaintext = await new Promise<string>((resolve) => {
      const req = http.get(`http://${cluster!.masterAddress}/health`, { agent: false, timeout: 10_000 }, () => resolve('answered'));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve(e.message));
    });
    expect(plaintext).not.toBe('answered');
  });

  it('the CLI\'s global flags do the same without any config: --ca-cert (and --config naming the file)', async () => {
    const byFlag = await runCli(['agents', '--master', cluster!.masterAddress, '--ca-cert', ca.cert], { env: { MESETA_CONFIG: EMPTY_CLIENT_CONFIG } });
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout.trim().split('\n')).toHaveLength(3);
    const byConfigFlag = await runCli(['frameworks', '--config', configPath], { env: { MESETA_CONFIG: EMPTY_CLIENT_CONFIG } });
    expect(byConfigFlag.code).toBe(0);
    const missing = await runCli(['agents', '--config', path.join(dir, 'nope.json')], { env: { MESETA_CONFIG: EMPTY_CLIENT_CONFIG } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--config: config file ${path.join(dir, 'nope.json')} does not exist`);
  });

  it('a plaintext CLI is refused: it cannot talk to a TLS port', async () => {
    const result = await runCli(['agents', '--master', cluster!.masterAddress], { env: { MESETA_CONFIG: EMPTY_CLIENT_CONFIG } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^meseta: cannot reach master at 127\.0\.0\.1:\d+: /m);
  });

  it('a framework through the SDK (credentials from MESETA_CONFIG) runs a task; exec and the files proxy reach its agent over TLS', async () => {
    const { config, security } = clientSecurityFromEnvironment({ env: configEnv() });
    expect(config.master).toBe(cluster!.masterAddress);
    const fw = new Recorder(config.master!, { name: 'tls-framework' }, { security });
    recorders.push(fw);
    await fw.driver.start();
    await waitFor(() => fw.open().length >= 1, 20_000, 'an offer over TLS');
    const offer = fw.take();
    const task = compileTask({ name: 'sleeper', taskId: 'tls-task-1', command: 'echo tls-task-output; sleep 60', cpus: 0.1, mem: 32 }, offer);
    await fw.driver.launch([offer.id!.value!], [task]);
    await fw.waitState('tls-task-1', 'TASK_RUNNING');

    const exec = await runCli(['exec', 'tls-task-1', '--no-stdin', '--', 'echo', 'exec-over-tls'], { env: configEnv() });
    expect(exec.stderr).toBe('');
    expect(exec.stdout).toMatch(/^exec-over-tls$/m);
    expect(exec.code).toBe(0);

    const frameworkId = fw.driver.frameworkId!;
    const sandbox = `frameworks/${frameworkId}/tasks/tls-task-1/runs/latest/stdout`;
    const read = await waitFor(async () => {
      const answer = await httpsGet(`/api/v1/agents/${encodeURIComponent(offer.agent_id!.value!)}/files/read?path=${encodeURIComponent(sandbox)}`);
      return answer.body.includes('tls-task-output') ? answer : undefined;
    }, 10_000, 'the task output through the master files proxy');
    expect(read.status).toBe(200);
    expect(read.type).toMatch(/^application\/json/);
    await fw.driver.teardown();
  }, 60_000);

  it('meseta run (the CLI\'s own framework) runs a task and prints its output, with only MESETA_CONFIG set', async () => {
    const run = await runCli(['run', '--name', 'tls-run', '--command', 'echo run-over-tls'], { env: configEnv(), timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^run-over-tls$/m);
  }, 70_000);
});

describe('listening off loopback', () => {
  it.each(['master', 'agent'])('%s refuses a non-loopback address without TLS, naming the flags', async (daemon) => {
    const extra = daemon === 'agent' ? ['--master', '127.0.0.1:1', '--work-dir', path.join(dir, 'refused-agent')] : [];
    const result = await runCli([daemon, '--ip', TEST_NET_ADDRESS, '--port', '0', ...extra]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${daemon} would listen on ${TEST_NET_ADDRESS}, which is not a loopback address, without TLS`);
    expect(result.stderr).toContain('--tls-cert FILE --tls-key FILE');
    expect(result.stderr).toContain('--insecure');
  });

  it('with --insecure the master goes on, logging a loud warning (then fails to bind an address this host does not have)', async () => {
    const result = await runCli(['master', '--ip', TEST_NET_ADDRESS, '--port', '0', '--insecure']);
    expect(result.stderr).toMatch(new RegExp(`INSECURE: master listens on ${TEST_NET_ADDRESS.replace(/\./g, '\\.')} without TLS( and authentication)? \\(--insecure\\)`));
    expect(result.stderr).toContain(`cannot start master: ${TEST_NET_ADDRESS} is not an address of this machine: check --ip`);
    expect(result.code).toBe(1);
  });
});
