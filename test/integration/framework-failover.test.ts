/**
 * Framework failover: a scheduler that disconnects keeps its tasks until its
 * failover timeout; reconnecting in time resumes everything, including the
 * status updates it missed; after the timeout its tasks are killed and it is
 * removed.
 */
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { getState } from '../harness/operator';
import { compileTask } from '@meseta/sdk';
import { Recorder } from '../support/recorder';

describe('framework failover', () => {
  let cluster: Cluster;
  const recorders: Recorder[] = [];

  beforeAll(async () => {
    cluster = await startCluster({
      name: 'framework-failover',
      agents: 1,
      masterFlags: ['--allocation-interval', '200ms'],
      agentFlags: ['--status-update-retry', '30s'],
    });
  });

  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.driver.teardown().catch(() => undefined);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('delivers the updates a disconnected scheduler missed once it re-subscribes with its id', async () => {
    const first = new Recorder(cluster.masterAddress, { name: 'returner', failoverTimeoutSeconds: 60 });
    recorders.push(first);
    const id = await first.driver.start();
    await waitFor(() => first.open().length > 0, 10_000, 'an offer');
    const offer = first.take();
    await first.driver.launch([offer.id!.value!], [compileTask({ name: 'short', taskId: 'short-1', command: 'sleep 2', cpus: 0.1, mem: 16 }, offer)]);
    await first.waitState('short-1', 'TASK_RUNNING');
    await first.driver.stop();
    // The task finishes while nobody listens; the agent keeps the update (retry in 30 s).
    await waitFor(
      async () => (await getState(cluster.masterAddress)).completed_tasks?.some((t) => t.task_id?.value === 'short-1'),
      15_000,
      'the task to finish while the scheduler is away',
    );
    const second = new Recorder(cluster.masterAddress, { name: 'returner', failoverTimeoutSeconds: 60, id });
    recorders.push(second);
    await second.driver.start();
    // Delivered at once on re-subscription (not after the agent's 30 s retry), with its uuid.
    const finished = await second.waitState('short-1', 'TASK_FINISHED', 10_000);
    expect(finished.uuid?.length).toBe(16);
  }, 60_000);

  it('kills the tasks and removes a framework that does not come back within its failover timeout', async () => {
    const gone = new Recorder(cluster.masterAddress, { name: 'leaver', failoverTimeoutSeconds: 2 });
    recorders.push(gone);
    const id = await gone.driver.start();
    await waitFor(() => gone.open().length > 0, 10_000, 'an offer');
    const offer = gone.take();
    await gone.driver.launch([offer.id!.value!], [compileTask({ name: 'long', taskId: 'long-1', command: 'sleep 120', cpus: 0.1, mem: 16 }, offer)]);
    await gone.waitState('long-1', 'TASK_RUNNING');
    type Timed = { framework_info?: { id?: { value?: string } }; connected?: boolean; failover_deadline?: number; unregistered_time?: number };
    const stoppedAt = Date.now() / 1000;
    await gone.driver.stop();
    // The master gives it until disconnection + 2 s (its clock is this machine's).
    const deadline = await waitFor(async () => {
      const f = ((await getState(cluster.masterAddress)).frameworks as Timed[] | undefined)?.find((x) => x.framework_info?.id?.value === id);
      return f && f.connected === false ? f.failover_deadline : undefined;
    }, 10_000, 'the master to see the framework disconnected, with a failover deadline');
    const seenAt = Date.now() / 1000;
    expect(deadline).toBeGreaterThanOrEqual(stoppedAt + 2 - 1e-3);
    expect(deadline).toBeLessThanOrEqual(seenAt + 2 + 1e-3);
    const removed = await waitFor(
      async () => {
        const state = await getState(cluster.masterAddress);
        const framework = ((state.completed_frameworks ?? []) as Timed[]).find((f) => f.framework_info?.id?.value === id);
        const killed = (state.completed_tasks ?? []).some((t) => t.task_id?.value === 'long-1' && t.state === 'TASK_KILLED');
        return killed ? framework : undefined;
      },
      20_000,
      'the framework to be removed and its task killed after the failover timeout',
    );
    // Removed at its deadline, not before.
    expect(removed.unregistered_time).toBeGreaterThanOrEqual(deadline - 1e-3);
  }, 60_000);
});
