/**
 * The `meseta` command's failures: each exits with the documented code and
 * one line naming the problem, never a stack trace.
 */
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { freePort } from '../harness/free-port';

const NO_STACK = /^\s+at /m;

describe('meseta reports bad input and unreachable masters without a stack trace', () => {
  it('exits 2 naming the entry when agent --resources holds a word for a number', async () => {
    const result = await runCli(['agent', '--master', '127.0.0.1:5050', '--port', '0', '--resources', 'cpus:2;mem:lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--resources: invalid entry "mem:lots": "lots" is not a non-negative number');
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('exits 2 naming the flag when a duration cannot be read', async () => {
    const result = await runCli(['master', '--port', '0', '--offer-timeout', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--offer-timeout: "soon" is not a duration');
  });

  it('exits 2 for an unknown command', async () => {
    const result = await runCli(['launch-rockets']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'launch-rockets'");
  });

  it('exits 2 when run lacks --command', async () => {
    const result = await runCli(['run', '--name', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--command: required');
  });

  it.each(['agents', 'frameworks', 'tasks', 'state'])('exits 1 saying it cannot reach the master when %s finds nobody listening', async (verb) => {
    const port = await freePort();
    const result = await runCli([verb, '--master', `127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`meseta: cannot reach master at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('takes the master from $MESETA_MASTER when --master is not given', async () => {
    const port = await freePort();
    const result = await runCli(['agents'], { env: { MESETA_MASTER: `127.0.0.1:${port}` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach master at 127.0.0.1:${port}`);
  });

  it('exits 1 from run when the master cannot be reached', async () => {
    const port = await freePort();
    const result = await runCli(['run', '--master', `127.0.0.1:${port}`, '--name', 'x', '--command', 'true']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach master at 127.0.0.1:${port}`);
  });

  it('prints help and exits 0 with --help', async () => {
    const result = await runCli(['run', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--kill-after <duration>');
  });
});

describe('meseta says the fix when pointed at the wrong daemon or a busy port', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ agents: 1, name: 'cli-errors' });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it.each(['agents', 'tasks', 'state'])('%s given an agent address as --master names the agent and its master', async (verb) => {
    const agent = `127.0.0.1:${cluster.agents[0].port}`;
    const result = await runCli([verb, '--master', agent]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`meseta: ${agent} is an agent, not a master: its master is`);
    expect(result.stderr).toContain('use --master 127.0.0.1:');
  });

  it('a master started on a port in use says so and how to choose another', async () => {
    const result = await runCli(['master', '--ip', '127.0.0.1', '--port', String(cluster.master.port), '--work-dir', cluster.workRoot + '/busy-port-master']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot start master: 127.0.0.1:${cluster.master.port} is already in use (another meseta master?): use --port 0 for any free port`);
    expect(result.stderr).not.toMatch(NO_STACK);
  }, 30_000);
});
