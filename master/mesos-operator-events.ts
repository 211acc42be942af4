/**
 * The master's cluster events (`cluster-events.ts`) as the Mesos v1
 * operator API's SUBSCRIBE stream tells them (`meseta.v1.master.Event`):
 * TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED,
 * FRAMEWORK_UPDATED, FRAMEWORK_REMOVED. A cluster event carries ids; the
 * details are read from the master (or a viewer's filtered view of it)
 * when the event is delivered, so a record the viewer may not see yields
 * no event. No I/O.
 *
 * Agents, as Mesos tells them: AGENT_ADDED when one registers or
 * re-registers, AGENT_REMOVED when it becomes unreachable or gone (once
 * per removal: an unreachable agent that is then marked gone is not
 * removed twice). An agent that only lost its link stays registered: no event.
 */
import type { v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { ClusterEvent } from './cluster-events';
import type { Master } from './master';
import type { TaskRecord } from './state';
import { agentMessage, frameworkMessage, getState, taskMessage } from './mesos-operator-views';

const E = pb.master.Event.Type;

/** What one subscriber was told already (agents it heard removed). */
export interface SubscriberMemory {
  removedAgents: Set<string>;
}

/** A fresh memory for a new subscriber. */
export function newSubscriberMemory(): SubscriberMemory {
  return { removedAgents: new Set() };
}

/** The first event of a stream: the whole state, and how often heartbeats come. */
export function subscribedEvent(master: Master, heartbeatSeconds: number): v1.master.IEvent {
  return { type: E.SUBSCRIBED, subscribed: { get_state: getState(master), heartbeat_interval_seconds: heartbeatSeconds } };
}

/** The heartbeat event. */
export const HEARTBEAT_EVENT: v1.master.IEvent = { type: E.HEARTBEAT };

/** A task of a framework, live or among its completed ones (newest first). */
function findTask(master: Master, frameworkId: string, taskId: string): TaskRecord | undefined {
  const fw = master.frameworks.get(frameworkId) ?? master.completedFrameworks.find((f) => f.id === frameworkId);
  if (!fw) return undefined;
  const live = fw.tasks.get(taskId);
  if (live) return live;
  const done = fw.completedTasks;
  for (let i = done.length - 1; i >= 0; i--) if (done[i].taskId === taskId) return done[i];
  return undefined;
}

/** The operator event for one cluster event, or undefined when it has none (or the viewer may not see it). */
export function operatorEventOf(master: Master, event: ClusterEvent, memory: SubscriberMemory): v1.master.IEvent | undefined {
  switch (event.type) {
    case 'TASK_ADDED': {
      const t = findTask(master, event.frameworkId, event.taskId);
      return t ? { type: E.TASK_ADDED, task_added: { task: taskMessage(t) } } : undefined;
    }
    case 'TASK_UPDATED': {
      const t = findTask(master, event.frameworkId, event.taskId);
      if (!t) return undefined;
      const status = t.latest ?? t.statuses[t.statuses.length - 1];
      return { type: E.TASK_UPDATED, task_updated: { framework_id: { value: t.frameworkId }, status, state: t.task.state } };
    }
    case 'AGENT_ADDED':
    case 'AGENT_UPDATED':
    case 'AGENT_REMOVED': {
      const a = master.agents.get(event.agentId);
      if (!a) return undefined;
      if (event.type === 'AGENT_REMOVED' || a.status === 'UNREACHABLE' || a.status === 'GONE') {
        if (memory.removedAgents.has(a.id)) return undefined;
        memory.removedAgents.add(a.id);
        return { type: E.AGENT_REMOVED, agent_removed: { agent_id: { value: a.id } } };
      }
      if (a.status !== 'ACTIVE' || a.recovered) return undefined;
      memory.removedAgents.delete(a.id);
      return { type: E.AGENT_ADDED, agent_added: { agent: agentMessage(master, a) } };
    }
    case 'FRAMEWORK_ADDED':
    case 'FRAMEWORK_UPDATED': {
      const f = master.frameworks.get(event.frameworkId);
      if (!f) return undefined;
      const framework = frameworkMessage(master, f);
      return event.type === 'FRAMEWORK_ADDED'
        ? { type: E.FRAMEWORK_ADDED, framework_added: { framework } }
        : { type: E.FRAMEWORK_UPDATED, framework_updated: { framework } };
    }
    case 'FRAMEWORK_REMOVED': {
      const done = master.completedFrameworks;
      let f = undefined;
      for (let i = done.length - 1; i >= 0 && !f; i--) if (done[i].id === event.frameworkId) f = done[i];
      if (!f) return undefined;
      return { type: E.FRAMEWORK_REMOVED, framework_removed: { framework_info: { ...f.info, id: { value: f.id } } } };
    }
    default:
      return undefined;
  }
}
