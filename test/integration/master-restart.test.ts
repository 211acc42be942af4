/**
 * A standalone master with a registry file: restarted, it remembers its
 * agents and frameworks, and rebuilds tasks from the agents. A corrupt
 * registry makes it refuse to start instead of starting empty.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { runCli } from '../harness/cli';
import { waitFor } from '../harness/wait-for';
import { getState } from '../harness/operator';
import { compileTask } from '@meseta/sdk';
import { Recorder } from '../support/recorder';

describe('master restart with a registry file', () => {
  let cluster: Cluster;
  let workDir: string;
  let scheduler: Recorder | undefined;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-master-'));
    cluster = await startCluster({
      name: 'master-restart',
      agents: 1,
      masterFlags: ['--work-dir', workDir, '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '5', '--allocation-interval', '200ms'],
    });
  });

  afterAll(async () => {
    await scheduler?.driver.teardown().catch(() => undefined);
    await cluster?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps agent ids, frameworks and running tasks across a restart', async () => {
    const agentId = cluster.agents[0].agentId;
    scheduler = new Recorder(cluster.masterAddress, { name: 'survivor', failoverTimeoutSeconds: 120 });
    const frameworkId = await scheduler.driver.start();
    await waitFor(() => scheduler!.open().length > 0, 10_000, 'an offer');
    const offer = scheduler.take();
    await scheduler.driver.launch([offer.id!.value!], [compileTask({ name: 'keep', taskId: 'keep-1', command: 'sleep 120', cpus: 0.1, mem: 16 }, offer)]);
    await scheduler.waitState('keep-1', 'TASK_RUNNING');
    expect(fs.existsSync(path.join(workDir, 'registry.json'))).toBe(true);

    await cluster.master.restart();
    await waitFor(
      async () => {
        const state = await getState(cluster.master.address);
        const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === agentId);
        return agent?.status === 'ACTIVE' && (state.tasks ?? []).some((t) => t.task_id?.value === 'keep-1' && t.state === 'TASK_RUNNING');
      },
      30_000,
      'the agent to re-register under its old id with its running task',
    );
    await waitFor(() => scheduler!.subscribedCount >= 2, 30_000, 'the scheduler to re-subscribe');
    expect(scheduler.driver.frameworkId).toBe(frameworkId);
    await scheduler.driver.kill('keep-1');
    await scheduler.waitState('keep-1', 'TASK_KILLED');
  }, 120_000);

  it('refuses to start on a corrupt registry, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-corrupt-'));
    try {
      fs.writeFileSync(path.join(dir, 'registry.json'), '{"format":"meseta-registry"');
      const result = await runCli(['master', '--port', '0', '--work-dir', dir], { timeoutMs: 30_000 });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`registry at ${path.join(dir, 'registry.json')} is corrupt`);
      expect(result.stderr).toContain('refusing to start rather than start empty');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
