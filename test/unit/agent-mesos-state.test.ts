/**
 * The agent's Mesos shapes (agent/mesos-agent-state.ts, agent-state.ts,
 * mesos-files-paths.ts, file-owners.ts): `/state` as Mesos's agent state
 * beside our fields, executors with sandbox directories, metrics by Mesos's
 * names, virtual sandbox paths, browse entry paths, owner names.
 */
import { TaskState } from '@meseta/proto/wire';
import { scalar, ranges } from '@meseta/proto/resources';
import type { AgentSnapshot } from '../../agent/agent';
import type { AgentTask } from '../../agent/task-book';
import { agentMetricsSnapshot, masterHostname, mesosAgentFlags, mesosAgentState } from '../../agent/mesos-agent-state';
import { agentStateJson } from '../../agent/agent-state';
import { isMesosPathForm, latestRunFolder, mesosEntryPath, newestRun, parseVirtualPath, resolveVirtualPath } from '../../agent/mesos-files-paths';
import { parseIdNames } from '../../agent/file-owners';
import { executorTaskLookup } from '../../agent/http-mesos-files';

const SYSTEM = { cpus: 2, load1: 0, load5: 0, load15: 0, memTotalBytes: 8, memFreeBytes: 4 };

function task(frameworkId: string, taskId: string, state: TaskState, extra: Partial<AgentTask> = {}): AgentTask {
  return {
    frameworkId, taskId, containerId: `c-${taskId}`, phase: state === TaskState.TASK_RUNNING ? 'running' : 'terminated', state,
    info: { name: taskId, task_id: { value: taskId }, resources: [scalar('cpus', 0.5), scalar('mem', 32)] },
    statuses: [{ state, timestamp: 7 }],
    sandbox: { dir: `/var/lib/meseta/frameworks/${frameworkId}/tasks/${taskId}/runs/c-${taskId}`, relativeDir: `frameworks/${frameworkId}/tasks/${taskId}/runs/c-${taskId}`, stdoutPath: '', stderrPath: '' },
    killRequested: false,
    ...extra,
  };
}

function snapshot(): AgentSnapshot {
  return {
    id: 'agent-1', hostname: 'host-1', port: 5051, version: '0.1.0', registered: true, workDir: '/var/lib/meseta',
    resources: [scalar('cpus', 4), scalar('mem', 2048), ranges('ports', [[31000, 32000]]), scalar('disk', 100, 'ops')],
    usedResources: [scalar('cpus', 0.5), scalar('mem', 32)],
    attributes: [{ name: 'rack', type: 3, text: { value: 'r1' } }],
    frameworks: [{ id: { value: 'f1' }, name: 'web', user: 'root', roles: ['web'], principal: 'alice' }],
    tasks: [task('f1', 'run-1', TaskState.TASK_RUNNING), task('f1', 'launching-1', TaskState.TASK_STAGING, { phase: 'launching' })],
    completedTasks: [task('f1', 'done-1', TaskState.TASK_FINISHED), task('f0', 'old-1', TaskState.TASK_FAILED)],
    pendingUpdates: 0,
  };
}

const META = { ip: '127.0.0.1', startTime: 100, master: '127.0.0.1:5050', flags: { port: '5051' } };

describe('agent /state: Mesos agent state', () => {
  it('who it is, its master, resources, attributes, flags', () => {
    expect(mesosAgentState(snapshot(), META)).toMatchObject({
      id: 'agent-1', pid: 'slave(1)@127.0.0.1:5051', hostname: 'host-1', port: 5051, version: '0.1.0', start_time: 100,
      master_hostname: '127.0.0.1', flags: { port: '5051' },
      resources: { cpus: 4, gpus: 0, mem: 2048, disk: 100, ports: '[31000-32000]' },
      reserved_resources: { ops: { disk: 100 } }, unreserved_resources: { cpus: 4, disk: 0 },
      attributes: { rack: 'r1' },
    });
  });

  it('frameworks[].executors[]: a command executor per task (id = task id) with its sandbox directory, tasks, queued and completed', () => {
    const state = mesosAgentState(snapshot(), META) as { frameworks: Array<Record<string, unknown>>; completed_frameworks: Array<Record<string, unknown>> };
    expect(state.frameworks).toHaveLength(1);
    const [fw] = state.frameworks;
    expect(fw).toMatchObject({ id: 'f1', name: 'web', user: 'root', role: 'web', roles: ['web'], principal: 'alice' });
    const executors = fw.executors as Array<Record<string, unknown>>;
    expect(executors.map((e) => e.id)).toEqual(['run-1', 'launching-1']);
    expect(executors[0]).toMatchObject({
      id: 'run-1', source: 'run-1', type: 'COMMAND', container: 'c-run-1', framework_id: 'f1',
      directory: '/var/lib/meseta/frameworks/f1/tasks/run-1/runs/c-run-1',
      tasks: [{ id: 'run-1', framework_id: 'f1', executor_id: '', slave_id: 'agent-1', state: 'TASK_RUNNING', statuses: [{ state: 'TASK_RUNNING', timestamp: 7, container_status: { network_infos: [{ ip_addresses: [{ ip_address: '127.0.0.1' }] }] } }] }],
      queued_tasks: [], completed_tasks: [],
    });
    expect(executors[1]).toMatchObject({ tasks: [], queued_tasks: [{ id: 'launching-1', state: 'TASK_STAGING' }] });
    expect((fw.completed_executors as Array<Record<string, unknown>>).map((e) => [e.id, (e.completed_tasks as Array<{ state: string }>)[0].state])).toEqual([['done-1', 'TASK_FINISHED']]);
    expect(state.completed_frameworks.map((f) => f.id)).toEqual(['f0']);
  });

  it("tasks of a custom executor share it; its directory and container are its current run's", () => {
    const s = snapshot();
    s.tasks = [task('f1', 'a', TaskState.TASK_RUNNING, { executorId: 'ex', sandbox: undefined }), task('f1', 'b', TaskState.TASK_RUNNING, { executorId: 'ex', sandbox: undefined })];
    s.completedTasks = [];
    s.executors = [{ frameworkId: 'f1', executorId: 'ex', containerId: 'cx', name: 'my executor', directory: '/var/lib/meseta/frameworks/f1/executors/ex/runs/cx' }];
    const [executor] = (mesosAgentState(s, META).frameworks as Array<{ executors: Array<Record<string, unknown>> }>)[0].executors;
    expect(executor).toMatchObject({ id: 'ex', type: 'CUSTOM', source: '', name: 'my executor', container: 'cx', directory: '/var/lib/meseta/frameworks/f1/executors/ex/runs/cx' });
    expect((executor.tasks as Array<{ id: string; executor_id: string }>).map((t) => [t.id, t.executor_id])).toEqual([['a', 'ex'], ['b', 'ex']]);
  });

  it('our /state fields stay beside Mesos\'s (a superset)', () => {
    const doc = agentStateJson(snapshot(), META);
    expect(doc).toMatchObject({ master: '127.0.0.1:5050', registered: true, work_dir: '/var/lib/meseta', pending_status_updates: 0, pid: 'slave(1)@127.0.0.1:5051' });
    expect((doc.tasks as Array<{ id: string; sandbox: string }>).map((t) => t.id)).toEqual(['run-1', 'launching-1']);
    expect((doc.completed_tasks as unknown[]).length).toBe(2);
    expect((doc.frameworks as Array<{ tasks: string[]; executors: unknown[] }>)[0]).toMatchObject({ tasks: ['run-1', 'launching-1'], executors: [{}, {}] });
  });

  it.each<[string, string, string | undefined]>([
    ['host:port', '127.0.0.1:5050', '127.0.0.1'],
    ['a name', 'master.example:5050', 'master.example'],
    ['IPv6 in brackets', '[::1]:5050', '::1'],
    ['ZooKeeper: not known from the flag', 'zk://127.0.0.1:2181/meseta', undefined],
  ])('master_hostname from --master: %s', (_name, flag, expected) => {
    expect(masterHostname(flag)).toBe(expected);
  });

  it('flags: Mesos names, ZooKeeper credentials left out', () => {
    expect(mesosAgentFlags({ master: 'zk://u:p@127.0.0.1:2181/m', workDir: '/w', port: 5051, containerizers: ['docker', 'posix'], httpCredentials: '/etc/c.json' })).toEqual({
      master: 'zk://127.0.0.1:2181/m', work_dir: '/w', port: '5051', containerizers: 'docker,posix', switch_user: 'true',
      enforce_container_disk_quota: 'false',
      authenticate_http_readonly: 'true', authenticate_http_readwrite: 'true', http_credentials: '/etc/c.json',
    });
  });

  it('flags: the container disk quota and its interval', () => {
    expect(mesosAgentFlags({ master: '127.0.0.1:5050', workDir: '/w', enforceContainerDiskQuota: true, containerDiskWatchIntervalMs: 2500 })).toMatchObject({
      enforce_container_disk_quota: 'true', container_disk_watch_interval: '2.5secs',
    });
  });
});

describe('agent /metrics/snapshot', () => {
  it('terminal counters when the agent keeps them', () => {
    const s = snapshot();
    s.tasksEnded = new Map([['TASK_FINISHED', 3], ['TASK_FAILED', 1]]);
    expect(agentMetricsSnapshot(s, 0, 1, SYSTEM)).toMatchObject({ 'slave/tasks_finished': 3, 'slave/tasks_failed': 1, 'slave/tasks_killed': 0, 'slave/tasks_lost': 0, 'slave/tasks_gone': 0 });
  });

  it('tasks by state, executors, resources, registration, uptime', () => {
    expect(agentMetricsSnapshot(snapshot(), 100, 160, SYSTEM)).toEqual({
      'slave/uptime_secs': 60, 'slave/registered': 1, 'slave/frameworks_active': 1, 'slave/executors_running': 2,
      'slave/tasks_staging': 1, 'slave/tasks_starting': 0, 'slave/tasks_running': 1, 'slave/tasks_killing': 0,
      'slave/cpus_total': 4, 'slave/cpus_used': 0.5, 'slave/cpus_percent': 0.125,
      'slave/mem_total': 2048, 'slave/mem_used': 32, 'slave/mem_percent': 0.015625,
      'slave/disk_total': 100, 'slave/disk_used': 0, 'slave/disk_percent': 0,
      'slave/gpus_total': 0, 'slave/gpus_used': 0, 'slave/gpus_percent': 0,
      'system/cpus_total': 2, 'system/load_1min': 0, 'system/load_5min': 0, 'system/load_15min': 0, 'system/mem_total_bytes': 8, 'system/mem_free_bytes': 4,
    });
  });
});

describe('Mesos virtual sandbox paths on /files', () => {
  const lookup = executorTaskLookup(snapshot());
  it.each<[string, string, string]>([
    ['latest run of a command executor', '/frameworks/f1/executors/run-1/runs/latest', 'frameworks/f1/tasks/run-1/runs/latest'],
    ['a file in it', '/frameworks/f1/executors/run-1/runs/latest/stdout', 'frameworks/f1/tasks/run-1/runs/latest/stdout'],
    ['the executor folder', '/frameworks/f1/executors/done-1', 'frameworks/f1/tasks/done-1'],
    ['`..` kept for the confined open to refuse', '/frameworks/f1/executors/run-1/runs/../../../../../etc/passwd', 'frameworks/f1/tasks/run-1/runs/../../../../../etc/passwd'],
    ['our own relative path: unchanged', 'frameworks/f1/tasks/run-1/runs/latest', 'frameworks/f1/tasks/run-1/runs/latest'],
    ['an absolute directory: unchanged', '/var/lib/meseta/frameworks/f1/tasks/run-1/runs/c-run-1', '/var/lib/meseta/frameworks/f1/tasks/run-1/runs/c-run-1'],
  ])('%s', (_name, requested, expected) => {
    expect(resolveVirtualPath(requested, lookup)).toBe(expected);
  });

  it("a custom executor's runs are in its own sandbox (Mesos's layout); its `latest` is the newest run", () => {
    const s = snapshot();
    s.tasks = [task('f1', 'first', TaskState.TASK_RUNNING, { executorId: 'ex' })];
    const resolved = resolveVirtualPath('/frameworks/f1/executors/ex/runs/latest/stdout', executorTaskLookup(s));
    expect(resolved).toBe('frameworks/f1/executors/ex/runs/latest/stdout');
    expect(latestRunFolder(resolved)).toEqual({ runs: 'frameworks/f1/executors/ex/runs', rest: ['stdout'] });
    // While it runs, the agent knows its current run.
    s.executors = [{ frameworkId: 'f1', executorId: 'ex', containerId: 'cx' }];
    expect(resolveVirtualPath('/frameworks/f1/executors/ex/runs/latest/stdout', executorTaskLookup(s))).toBe('frameworks/f1/executors/ex/runs/cx/stdout');
    expect(latestRunFolder('frameworks/f1/tasks/t/runs/latest')).toBeUndefined();
    expect(latestRunFolder('frameworks/f1/executors/ex/runs/c1/stdout')).toBeUndefined();
    expect(parseVirtualPath('/frameworks/f1/tasks/x')).toBeUndefined();
  });

  it.each<[string, Array<{ name: string; is_dir: boolean; mtime: number }>, string | undefined]>([
    ['the newest folder', [{ name: 'c1', is_dir: true, mtime: 5 }, { name: 'c2', is_dir: true, mtime: 9 }, { name: 'c3', is_dir: true, mtime: 7 }], 'c2'],
    ['same time: the last name', [{ name: 'a', is_dir: true, mtime: 5 }, { name: 'b', is_dir: true, mtime: 5 }], 'b'],
    ['files and a latest link skipped', [{ name: 'stray', is_dir: false, mtime: 99 }, { name: 'latest', is_dir: true, mtime: 99 }, { name: 'c1', is_dir: true, mtime: 1 }], 'c1'],
    ['no run', [], undefined],
  ])('newest run: %s', (_name, entries, expected) => {
    expect(newestRun(entries)).toBe(expected);
  });

  it.each<[string, string, string, boolean, string]>([
    ['a folder', '/frameworks/f/executors/e/runs/latest', 'stdout', false, '/frameworks/f/executors/e/runs/latest/stdout'],
    ['a folder with a trailing slash', '/frameworks/f/executors/e/runs/latest/', 'stdout', false, '/frameworks/f/executors/e/runs/latest/stdout'],
    ['a file: the request itself', '/frameworks/f/executors/e/runs/latest/stdout', 'stdout', true, '/frameworks/f/executors/e/runs/latest/stdout'],
  ])('browse entry path of %s', (_name, requested, name, isFile, expected) => {
    expect(isMesosPathForm(requested)).toBe(true);
    expect(mesosEntryPath(requested, name, isFile)).toBe(expected);
  });

  it('owner names from passwd / group text', () => {
    const names = parseIdNames('root:x:0:0:root:/root:/bin/sh\n# comment\nnobody:x:65534:65534::/:/bin/false\nalias:x:0:0::/:/bin/sh\nbroken\n');
    expect([...names]).toEqual([[0, 'root'], [65534, 'nobody']]);
  });
});
