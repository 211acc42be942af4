import { pb, Reason, Source, TaskState as S } from '@meseta/proto/wire';
import { createContainerizers } from '../../agent/containerizer-registry';
import { reconnectDelayMs } from '../../agent/master-link';
import { AgentFlagError } from '../../agent/resource-detection';
import { runTaskShape, taskProblem } from '../../agent/run-task-validation';
import { taskEnvironment, taskPorts } from '../../agent/task-environment';
import { newTaskStatus, statusUpdate, terminalOutcome, unknownTaskState } from '../../agent/task-status';

const Capability = pb.FrameworkInfo.Capability.Type;

describe('how a container end becomes a terminal state', () => {
  it.each([
    ['exit 0 is TASK_FINISHED', { exitCode: 0, message: 'Command exited with status 0' }, false, S.TASK_FINISHED, undefined],
    ['exit 1 is TASK_FAILED', { exitCode: 1, message: 'Command exited with status 1' }, false, S.TASK_FAILED, undefined],
    ['a signal nobody asked for is TASK_FAILED', { signal: 'SIGSEGV' as const, message: 'x' }, false, S.TASK_FAILED, undefined],
    ['a killed task is TASK_KILLED even with exit 0', { exitCode: 0, message: 'x' }, true, S.TASK_KILLED, undefined],
    ['a killed task by SIGKILL is TASK_KILLED', { signal: 'SIGKILL' as const, message: 'x' }, true, S.TASK_KILLED, undefined],
    [
      'a containerizer limit is TASK_FAILED with its reason',
      { signal: 'SIGKILL' as const, reason: Reason.REASON_CONTAINER_LIMITATION_MEMORY, message: 'oom' },
      false,
      S.TASK_FAILED,
      Reason.REASON_CONTAINER_LIMITATION_MEMORY,
    ],
  ])('%s', (_name, termination, killed, state, reason) => {
    const outcome = terminalOutcome(termination, killed);
    expect(outcome.state).toBe(state);
    expect(outcome.reason).toBe(reason);
    expect(outcome.message).toBe(termination.message);
  });

  it('keeps the kill reason of a framework shutdown', () => {
    expect(terminalOutcome({ signal: 'SIGTERM', message: 'x' }, true, Reason.REASON_FRAMEWORK_REMOVED).reason).toBe(
      Reason.REASON_FRAMEWORK_REMOVED,
    );
  });
});

describe('the state of a task the agent does not know', () => {
  it.each([
    ['TASK_LOST for a plain framework', {}, S.TASK_LOST],
    ['TASK_LOST for an unknown framework', undefined, S.TASK_LOST],
    ['TASK_DROPPED for a partition-aware framework', { capabilities: [{ type: Capability.PARTITION_AWARE }] }, S.TASK_DROPPED],
  ])('is %s', (_name, framework, state) => {
    expect(unknownTaskState(framework)).toBe(state);
  });
});

describe('a status the agent makes', () => {
  it('carries task id, state, agent id, timestamp, uuid, source, executor and exit facts', () => {
    const status = newTaskStatus(
      {
        taskId: 't',
        state: S.TASK_FAILED,
        source: Source.SOURCE_EXECUTOR,
        agentId: 'a',
        executorId: 'e',
        containerId: 'c',
        message: 'Command exited with status 2',
        exitCode: 2,
      },
      123,
    );
    expect(status).toMatchObject({
      task_id: { value: 't' },
      state: S.TASK_FAILED,
      source: Source.SOURCE_EXECUTOR,
      agent_id: { value: 'a' },
      executor_id: { value: 'e' },
      container_id: { value: 'c' },
      timestamp: 123,
      exit_code: 2,
    });
    expect(status.uuid).toHaveLength(16);
    expect(statusUpdate('f', status)).toMatchObject({ framework_id: { value: 'f' }, executor_id: { value: 'e' } });
  });

  it('names the pod a nested container runs in as its parent', () => {
    const status = newTaskStatus({ taskId: 't', state: S.TASK_RUNNING, source: Source.SOURCE_EXECUTOR, containerId: 'c', parentContainerId: 'pod' });
    expect(status.container_id).toEqual({ value: 'c', parent: { value: 'pod' } });
  });

  it('writes a signal as its number', () => {
    expect(newTaskStatus({ taskId: 't', state: S.TASK_KILLED, source: Source.SOURCE_EXECUTOR, signal: 'SIGKILL' }).signal).toBe(9);
  });
});

describe('the environment of a task', () => {
  it('names the sandbox, ids, host and every port in order', () => {
    const env = taskEnvironment({
      frameworkId: 'f',
      taskId: 't',
      containerId: 'c',
      sandboxDir: '/w/s',
      agentId: 'a',
      hostname: 'h',
      resources: [
        { name: 'cpus', type: 0, scalar: { value: 1 } },
        { name: 'ports', type: 1, ranges: { range: [{ begin: 31000, end: 31001 }, { begin: 31010, end: 31010 }] } },
      ],
    });
    expect(env).toMatchObject({
      MESOS_SANDBOX: '/w/s',
      MESETA_SANDBOX: '/w/s',
      MESETA_TASK_ID: 't',
      MESOS_FRAMEWORK_ID: 'f',
      MESOS_AGENT_ID: 'a',
      HOST: 'h',
      PORT0: '31000',
      PORT1: '31001',
      PORT2: '31010',
      PORT: '31000',
      PORTS: '31000,31001,31010',
    });
  });

  it('has no port variables without ports', () => {
    const env = taskEnvironment({ frameworkId: 'f', taskId: 't', containerId: 'c', sandboxDir: '/s' });
    expect(Object.keys(env).filter((k) => k.startsWith('PORT'))).toEqual([]);
    expect(taskPorts(undefined)).toEqual([]);
  });
});

describe('checking a run item', () => {
  const task = { task_id: { value: 't1' }, command: { value: 'true' } };
  const framework = { id: { value: 'f' } };

  it.each([
    ['a plain task is well formed', { framework, task }, undefined],
    ['a message without framework id', { task }, 'run.framework.id: required'],
    ['a message with neither task nor group', { framework }, 'neither given'],
    ['a message with both task and group', { framework, task, task_group: { tasks: [task] } }, 'both given'],
    ['an empty group', { framework, task_group: { tasks: [] } }, 'run.task_group.tasks: empty'],
    ['a group with a repeated id', { framework, task_group: { tasks: [task, task] } }, 'appears twice'],
  ])('finds %s', (_name, run, problem) => {
    const shape = runTaskShape(run);
    if (problem === undefined) expect(shape.problem).toBeUndefined();
    else expect(shape.problem).toContain(problem);
  });

  it('reads the executor of a group', () => {
    const shape = runTaskShape({ framework, executor: { executor_id: { value: 'ex' } }, task_group: { tasks: [task] } });
    expect(shape).toMatchObject({ frameworkId: 'f', executorId: 'ex', isGroup: true, tasks: [task] });
  });

  it.each([
    ['a task with a command', task, undefined],
    ['a task with only a container', { task_id: { value: 't' }, container: { type: 1, docker: { image: 'busybox' } } }, undefined],
    ['a Docker task without an image', { task_id: { value: 't' }, container: { type: 1 } }, 'task.container.docker.image: required for a DOCKER container'],
    ['a task with no command', { task_id: { value: 't' } }, 'task.command: required'],
    ['a task with an empty shell command', { task_id: { value: 't' }, command: { value: '' } }, 'task.command.value: required'],
    ['a task with no program', { task_id: { value: 't' }, command: { shell: false } }, 'required when shell is false'],
    ['a task id with a slash', { task_id: { value: 'a/b' }, command: { value: 'x' } }, 'task.task_id'],
    ['a task id of ..', { task_id: { value: '..' }, command: { value: 'x' } }, 'task.task_id'],
    ['a task with a custom executor', { task_id: { value: 't' }, executor: { executor_id: { value: 'e' }, command: { value: 'my-executor' } } }, undefined],
    [
      'a task with a custom executor and a command',
      { task_id: { value: 't' }, command: { value: 'x' }, executor: { executor_id: { value: 'e' }, command: { value: 'my-executor' } } },
      'task: a task has a command or a custom executor that runs it, not both',
    ],
    ['a custom executor without an id', { task_id: { value: 't' }, executor: { command: { value: 'my-executor' } } }, 'task.executor.executor_id: is empty'],
    ['a custom executor with a slash in its id', { task_id: { value: 't' }, executor: { executor_id: { value: 'a/b' }, command: { value: 'x' } } }, 'task.executor.executor_id: "a/b" contains a slash'],
    ['a custom executor with an empty command', { task_id: { value: 't' }, executor: { executor_id: { value: 'e' }, command: { value: ' ' } } }, 'task.executor.command.value: required'],
    [
      'a custom executor with an image',
      { task_id: { value: 't' }, executor: { executor_id: { value: 'e' }, command: { value: 'x' }, container: { type: 1, docker: { image: 'busybox' } } } },
      'task.executor.container: a custom executor runs as a plain process on this agent',
    ],
    ['a DEFAULT executor is not a custom one', { task_id: { value: 't' }, executor: { type: 1, executor_id: { value: 'e' }, command: { value: 'x' } } }, 'task.command: required'],
  ])('finds %s', (_name, t, problem) => {
    const found = taskProblem(t);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('reconnect backoff', () => {
  it.each([
    ['starts at the minimum', 0, 0, 200],
    ['doubles', 3, 0, 1600],
    ['is capped', 20, 0, 10_000],
    ['jitter takes at most half off', 3, 1, 800],
  ])('%s', (_name, attempt, random, expected) => {
    expect(reconnectDelayMs(attempt, 200, 10_000, random)).toBe(expected);
  });
});

describe('choosing containerizers', () => {
  it('builds them in the order given', () => {
    expect(createContainerizers(['fake', 'posix']).map((c) => c.name)).toEqual(['fake', 'posix']);
  });

  it.each([
    ['an unknown name', ['posix', 'lxc'], 'unknown containerizer "lxc"'],
    ['an empty list', [], 'at least one'],
    ['a repeated name', ['posix', 'posix'], 'given twice'],
  ])('refuses %s', (_name, names, message) => {
    expect(() => createContainerizers(names)).toThrow(AgentFlagError);
    expect(() => createContainerizers(names)).toThrow(message);
  });
});
