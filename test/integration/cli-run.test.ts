/**
 * `meseta run` and the listing verbs against a real cluster (a master and
 * two agents as separate processes).
 */
import { runCli, spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState, findTask } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ agents: 2, name: 'run' });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

/** The task id from `launched task ID on agent ...`. */
function launchedTaskId(stdout: string): string {
  const match = /^launched task (\S+) on agent/m.exec(stdout);
  if (!match) throw new Error(`no "launched task" line in:\n${stdout}`);
  return match[1];
}

describe('meseta run', () => {
  it('exits with the code of a failing command after printing TASK_RUNNING and TASK_FAILED', async () => {
    const result = await runCli(['run', '--master', cluster.masterAddress, '--name', 'three', '--command', 'exit 3']);
    expect(result.stdout).toMatch(/^TASK_RUNNING/m);
    expect(result.stdout).toMatch(/^TASK_FAILED/m);
    expect(result.code).toBe(3);
  });

  it('exits 0 with TASK_FINISHED and prints what the command wrote', async () => {
    const result = await runCli([
      'run', '--master', cluster.masterAddress, '--name', 'hi', '--command', 'echo hi $GREETING; echo to-stderr >&2',
      '--env', 'GREETING=there',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^TASK_FINISHED/m);
    expect(result.stdout).toMatch(/^hi there$/m);
    expect(result.stderr).toContain('to-stderr');
    expect(result.stdout).toMatch(/^sandbox: http:\/\/127\.0\.0\.1:\d+\/files\/browse\?path=/m);
    const taskId = launchedTaskId(result.stdout);
    expect(taskId).toMatch(/^hi-/);

    // The master remembers the finished task; `tasks --all` lists it.
    const state = await waitFor(async () => {
      const s = await getState(cluster.masterAddress);
      return findTask(s, taskId)?.state === 'TASK_FINISHED' ? s : undefined;
    }, 10_000, `task ${taskId} to show as TASK_FINISHED in /state`);
    expect(findTask(state, taskId)?.name).toBe('hi');
    const tasks = await runCli(['tasks', '--all', '--master', cluster.masterAddress]);
    expect(tasks.code).toBe(0);
    expect(tasks.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+FRAMEWORK\s+HOST:PORT\s+PORTS\s+STATE\s+AGE\s+CPUS\s+MEM\s+MESSAGE$/);
    expect(tasks.stdout).toMatch(new RegExp(`^${taskId}\\s+hi\\s+meseta-run hi\\s+127\\.0\\.0\\.1\\s+TASK_FINISHED\\s+\\d+[smhd]\\S*\\s+0\\.1\\s+32\\s+Command exited with status 0$`, 'm'));
  });

  it('says why offers do not fit and exits 130 when interrupted while waiting', async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'huge', '--cpus', '64', '--command', 'true']);
    try {
      await run.waitForLine(/^waiting: cpus: asked 64, largest offer 2/, 20_000, 'the "waiting: cpus: asked 64" line');
      run.kill('SIGINT');
      const exit = await run.exited;
      expect(exit.code).toBe(130);
      // The waiting reason is printed once, not on every offer.
      expect(run.lines.filter((l) => l.startsWith('waiting: cpus')).length).toBe(1);
    } finally {
      await run.stop();
    }
  });

  it('kills the task on Ctrl-C and exits 130', async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'sleeper', '--command', 'sleep 600']);
    try {
      await run.waitForLine(/^TASK_RUNNING/, 20_000, 'TASK_RUNNING');
      const taskId = launchedTaskId(run.stdout());
      run.kill('SIGINT');
      const exit = await run.exited;
      expect(exit.code).toBe(130);
      expect(run.stdout()).toMatch(/^TASK_KILLED/m);
      const state = await getState(cluster.masterAddress);
      expect(findTask(state, taskId)?.state).toBe('TASK_KILLED');
    } finally {
      await run.stop();
    }
  });

  it('kills the task after --kill-after and exits 128 + the signal', async () => {
    const result = await runCli([
      'run', '--master', cluster.masterAddress, '--name', 'limited', '--command', 'sleep 600', '--kill-after', '1s',
    ]);
    expect(result.stdout).toMatch(/^killing task after 1s/m);
    expect(result.stdout).toMatch(/^TASK_KILLED/m);
    expect([137, 143]).toContain(result.code);
  });
});

describe('meseta exec', () => {
  it("runs a command next to a running posix task, through the master, with the task's environment and exit code", async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'target', '--command', 'echo ready > state; sleep 600']);
    try {
      await run.waitForLine(/^TASK_RUNNING/, 20_000, 'TASK_RUNNING');
      const taskId = launchedTaskId(run.stdout());
      const result = await runCli(['exec', '--master', cluster.masterAddress, '--no-stdin', taskId, '--', 'sh', '-c', 'cat state; echo "$MESOS_TASK_ID"; echo err >&2; exit 5']);
      expect({ code: result.code, stdout: result.stdout.trimEnd(), stderr: result.stderr.trim() }).toEqual({ code: 5, stdout: `ready\n${taskId}`, stderr: 'err' });
      const unknown = await runCli(['exec', '--master', cluster.masterAddress, 'no-such-task', '--', 'true']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no task no-such-task is known to the master');
    } finally {
      await run.stop();
    }
  });
});

describe('listing verbs', () => {
  it('agents --json prints the master\'s GET_AGENTS answer with both agents', async () => {
    const result = await runCli(['agents', '--json', '--master', cluster.masterAddress]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { type: string; state: { agents: Array<{ agent_info: { id: { value: string } } }> } };
    expect(parsed.type).toBe('GET_AGENTS');
    expect(parsed.state.agents.map((a) => a.agent_info.id.value).sort()).toEqual(cluster.agents.map((a) => a.agentId).sort());
  });

  it('agents prints one row per agent with its address and resources', async () => {
    const result = await runCli(['agents', '--master', cluster.masterAddress]);
    expect(result.code).toBe(0);
    for (const agent of cluster.agents) {
      expect(result.stdout).toMatch(new RegExp(`^${agent.agentId}\\s+\\S+\\s+127\\.0\\.0\\.1:${agent.port}\\s+ACTIVE\\s+[\\d.]+/2\\s+[\\d.]+/2048`, 'm'));
    }
  });

  it('frameworks --all lists the frameworks meseta run created as completed', async () => {
    const result = await runCli(['frameworks', '--all', '--master', cluster.masterAddress]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\S+\s+meseta-run hi\s+\*\s+completed/m);
  });

  it('state prints the whole state as JSON', async () => {
    const result = await runCli(['state', '--master', cluster.masterAddress]);
    expect(result.code).toBe(0);
    const state = JSON.parse(result.stdout) as { master_info: { port: number }; agents: unknown[] };
    expect(state.master_info.port).toBe(cluster.masterPort);
    expect(state.agents).toHaveLength(2);
  });
});
