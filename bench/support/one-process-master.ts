/**
 * A real `Master` in the bench's own process, fed the bytes simulated agents
 * send (no sockets): for benches that time one part of the master alone
 * (memory per held task, the `/state` writer). The agents re-register with
 * their ids and running tasks of `frameworks` frameworks, as the scale
 * harness's swarm agents do.
 */
import { Master } from '../../master/master';
import { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { silentLogger } from '@meseta/runtime/log';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid } from '@meseta/proto/ids';
import { Source, TaskState, pb, type AgentToMaster, type Task } from '@meseta/proto/wire';

/** The id of simulated framework `i`. */
export function simulatedFrameworkId(i: number): string {
  return `7d0c5e1a-2b3f-4c6d-8e9f-${String(i).padStart(12, '0')}-0000`;
}

/** The bytes agent `index` sends: a re-registration with its id and `tasks` running tasks of framework `index % frameworks`. */
export function reregisterBytes(index: number, tasks: number, frameworks: number): Buffer {
  const fid = simulatedFrameworkId(index % frameworks);
  const now = Date.now() / 1000;
  const running: Task[] = [];
  for (let k = 0; k < tasks; k++) {
    const taskId = { value: `scale-${index}-${k}` };
    running.push({
      name: `scale-job-${k}`, task_id: taskId, framework_id: { value: fid }, state: TaskState.TASK_RUNNING,
      resources: parseResources('cpus:0.1;mem:32'),
      statuses: [{ task_id: taskId, state: TaskState.TASK_RUNNING, source: Source.SOURCE_EXECUTOR, timestamp: now, uuid: newUpdateUuid() }],
    });
  }
  const msg: AgentToMaster = {
    register: {
      agent_info: { id: { value: `3f2a1c9e-5b7d-4e8f-9a0b-${String(index).padStart(12, '0')}-S0` }, hostname: `scale-agent-${index}`, port: 5051, resources: parseResources('cpus:8;mem:32768') },
      tasks: running,
      frameworks: running.length > 0 ? [{ id: { value: fid }, name: 'scale-bench', user: 'bench', roles: ['*'] }] : [],
      version: 'simulated-scale',
    },
  };
  return Buffer.from(pb.AgentToMaster.encode(msg).finish());
}

/** A master on a manual clock with a silent log and the options the one-process benches share. */
export function oneProcessMaster(): Master {
  const clock = new ManualClock();
  const allocator = new HierarchicalAllocator({ clock: () => nowSeconds(clock) });
  return new Master(
    { id: 'm1', hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 15, maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600,
      frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 100, maxStatusesPerTask: 20,
    },
    allocator, clock, silentLogger,
  );
}

/** Each of agents 0..n-1 opens a link (that drops what the master sends) and re-registers from its bytes. */
export async function reregisterAgents(master: Master, n: number, tasks: number, frameworks: number): Promise<void> {
  const link = { send(): void {}, close(): void {} };
  for (let a = 0; a < n; a++) await master.agentLinkOpened(link).onMessage(pb.AgentToMaster.decode(reregisterBytes(a, tasks, frameworks)) as AgentToMaster);
}
