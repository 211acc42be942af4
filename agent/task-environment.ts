/**
 * The environment variables the agent gives every task, beside the task's
 * own `CommandInfo.environment`: where its sandbox is, who it is, and the
 * ports it was given.
 */
import type { CommandInfo, Resource } from '@meseta/proto/wire';
import { pb, ValueType } from '@meseta/proto/wire';

/** What the agent knows about a task when it launches it. */
export interface TaskEnvironmentInput {
  frameworkId: string;
  taskId: string;
  containerId: string;
  sandboxDir: string;
  agentId?: string;
  executorId?: string;
  hostname?: string;
  resources?: readonly Resource[] | null;
}

/** Every port of the `ports` resources, in the order the task lists them. */
export function taskPorts(resources: readonly Resource[] | null | undefined): number[] {
  const out: number[] = [];
  for (const r of resources ?? []) {
    if (r.name !== 'ports' || r.type !== ValueType.RANGES) continue;
    for (const span of r.ranges?.range ?? []) {
      for (let p = Number(span.begin); p <= Number(span.end); p++) out.push(p);
    }
  }
  return out;
}

/**
 * The agent-provided variables: MESOS_SANDBOX and MESETA_SANDBOX, the task,
 * framework, agent and container ids (MESETA_ and MESOS_ spellings), HOST,
 * and PORT0..PORTn, PORT (= PORT0) and PORTS (comma list) for its ports.
 */
export function taskEnvironment(input: TaskEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {
    MESOS_SANDBOX: input.sandboxDir,
    MESETA_SANDBOX: input.sandboxDir,
    MESOS_TASK_ID: input.taskId,
    MESETA_TASK_ID: input.taskId,
    MESOS_FRAMEWORK_ID: input.frameworkId,
    MESETA_FRAMEWORK_ID: input.frameworkId,
    MESOS_CONTAINER_ID: input.containerId,
    MESETA_CONTAINER_ID: input.containerId,
  };
  if (input.agentId) {
    env.MESOS_AGENT_ID = input.agentId;
    env.MESETA_AGENT_ID = input.agentId;
  }
  if (input.executorId) {
    env.MESOS_EXECUTOR_ID = input.executorId;
    env.MESETA_EXECUTOR_ID = input.executorId;
  }
  if (input.hostname) env.HOST = input.hostname;
  const ports = taskPorts(input.resources);
  ports.forEach((port, i) => {
    env[`PORT${i}`] = String(port);
  });
  if (ports.length > 0) {
    env.PORT = String(ports[0]);
    env.PORTS = ports.join(',');
  }
  return env;
}

/**
 * The task's own variables from `CommandInfo.environment` (later entries
 * win). SECRET variables are left out: the agent resolves them at launch
 * (`LaunchSpec.secretEnvironment`).
 */
export function commandEnvironment(command: CommandInfo | null | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of command?.environment?.variables ?? []) {
    if (v.type === pb.Environment.Variable.Type.SECRET) continue;
    if (v.name) env[v.name] = v.value ?? '';
  }
  return env;
}
