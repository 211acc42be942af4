/**
 * A lightweight simulated agent for benchmarks: speaks the real Agent API
 * over gRPC, runs nothing, and answers every launch with TASK_RUNNING at
 * once (and, if asked, TASK_FINISHED after a delay). Updates are batched
 * per tick, as the real agent does.
 */
import { credentials, type ClientDuplexStream } from '@grpc/grpc-js';
import { AgentLinkClient, CHANNEL_OPTIONS } from '@meseta/proto/services';
import type { AgentToMaster, MasterToAgent, StatusUpdate } from '@meseta/proto/wire';
import { Source, TaskState } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid, nowSeconds } from '@meseta/proto/ids';

/** Options of {@link startSimulatedAgent}. */
export interface SimulatedAgentOptions {
  master: string;
  hostname: string;
  /** @default 'cpus:1000;mem:1000000;ports:[31000-32000]' */
  resources?: string;
  /** Finish each task this many ms after RUNNING; undefined keeps them running. */
  finishAfterMs?: number;
}

/** A running simulated agent. */
export interface SimulatedAgent {
  readonly agentId: string;
  /** Tasks launched so far. */
  launched(): number;
  stop(): void;
}

/** Connect, register, and serve launches until stopped. */
export function startSimulatedAgent(options: SimulatedAgentOptions): Promise<SimulatedAgent> {
  const client = new AgentLinkClient(options.master, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as {
    connect(): ClientDuplexStream<AgentToMaster, MasterToAgent>;
    close(): void;
  };
  const stream = client.connect();
  let launched = 0;
  let pending: StatusUpdate[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const updates = pending;
    pending = [];
    stream.write({ updates });
  };
  const queue = (u: StatusUpdate): void => {
    pending.push(u);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return new Promise((resolve, reject) => {
    let agentId = '';
    stream.on('data', (msg: MasterToAgent) => {
      if (msg.registered) {
        agentId = msg.registered.agent_id?.value ?? '';
        resolve({
          agentId,
          launched: () => launched,
          stop: () => {
            stream.end();
            client.close();
          },
        });
      }
      if (msg.error) reject(new Error(msg.error.message ?? 'refused'));
      if (msg.heartbeat) stream.write({ heartbeat: { timestamp: nowSeconds() } });
      for (const run of msg.run ?? []) {
        const tasks = run.task ? [run.task] : run.task_group?.tasks ?? [];
        for (const task of tasks) {
          launched++;
          const status = (state: TaskState) => ({
            framework_id: run.framework?.id,
            status: { task_id: task.task_id, state, agent_id: { value: agentId }, source: Source.SOURCE_EXECUTOR, timestamp: nowSeconds(), uuid: newUpdateUuid() },
          });
          queue(status(TaskState.TASK_RUNNING));
          if (options.finishAfterMs !== undefined) setTimeout(() => queue(status(TaskState.TASK_FINISHED)), options.finishAfterMs);
        }
      }
    });
    stream.on('error', (e) => reject(e));
    stream.write({
      register: {
        agent_info: { hostname: options.hostname, port: 5051, resources: parseResources(options.resources ?? 'cpus:1000;mem:1000000;ports:[31000-32000]') },
        version: 'simulated',
      },
    });
  });
}
