/**
 * An agent with the tar and docker containerizers, started in the test
 * process against an in-test master (the AgentLink fake), with its own work
 * dir and cgroups root; task builders for image containers; reading
 * sandboxes; and a census of everything a container can leave behind
 * (container folders, runc state, cgroups, mounts, processes, Docker
 * containers), for the leak checks.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MasterToAgent, StatusUpdate, TaskInfo, v1 } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { createLogger } from '@meseta/runtime/log';
import { startAgent, type RunningAgent } from '../../agent';
import { isTerminal } from '@meseta/proto/task-state';
import { FakeMaster } from '../unit/fixtures/agent-fake-master';

/** A running test agent and its master. */
export interface ContainerAgent {
  agent: RunningAgent;
  master: FakeMaster;
  workDir: string;
  /** The agent's cgroup folder name (unique per test file). */
  cgroupsRoot: string;
  /** Every log line the agent wrote. */
  logs: string[];
  /** Launch tasks (one run item per task). */
  run(...tasks: TaskInfo[]): void;
  /** Launch a task group. */
  runGroup(tasks: TaskInfo[], executor?: v1.IExecutorInfo): void;
  kill(taskId: string, graceMs?: number): void;
  /** The terminal update of a task (waits up to `timeoutMs`). */
  terminal(taskId: string, timeoutMs?: number): Promise<StatusUpdate>;
  /** The task's sandbox file (its latest run). */
  sandboxFile(taskId: string, file: string): string;
  stop(): Promise<void>;
}

const FRAMEWORK: v1.IFrameworkInfo = { id: { value: 'fw' }, name: 'container-tests', capabilities: [{ type: pb.FrameworkInfo.Capability.Type.TASK_KILLING_STATE }] };

/** Start an agent with `containerizers` (and Docker on `dockerSocket`). */
export async function startContainerAgent(options: {
  containerizers: string[];
  dockerSocket?: string;
  resources?: string;
  imageStoreMaxMb?: number;
  secretsDir?: string;
  /** `--docker-registry`, `--docker-config`. */
  dockerRegistry?: string;
  dockerConfig?: string;
  /** Use this work dir (an earlier agent's) and leave it at stop; the caller removes it. */
  workDir?: string;
  /** `--usage-interval` in ms. @default the agent's (10 s) */
  usageIntervalMs?: number;
}): Promise<ContainerAgent> {
  const workDir = options.workDir ?? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-containers-')));
  const cgroupsRoot = `meseta-test-${randomBytes(4).toString('hex')}`;
  const master = await FakeMaster.start();
  master.autoAck = true;
  const logs: string[] = [];
  const agent = await startAgent({
    master: master.address,
    port: 0,
    workDir,
    hostname: 'container-agent',
    resources: options.resources ?? 'cpus:64;mem:65536;disk:100000;ports:[31000-31999]',
    containerizers: options.containerizers,
    dockerSocket: options.dockerSocket,
    imageStoreMaxMb: options.imageStoreMaxMb,
    secretsDir: options.secretsDir,
    dockerRegistry: options.dockerRegistry,
    dockerConfig: options.dockerConfig,
    cgroupsRoot,
    checkpoint: false,
    logger: createLogger('agent', 'info', (line) => logs.push(line)),
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
    usageIntervalMs: options.usageIntervalMs,
  });
  await agent.registered();
  const send = (message: MasterToAgent): void => master.send(message);
  return {
    agent,
    master,
    workDir,
    cgroupsRoot,
    logs,
    run: (...tasks) => send({ run: tasks.map((task) => ({ framework: FRAMEWORK, task })) }),
    runGroup: (tasks, executor) =>
      send({ run: [{ framework: FRAMEWORK, executor: executor ?? { executor_id: { value: `exec-${randomBytes(3).toString('hex')}` }, framework_id: FRAMEWORK.id }, task_group: { tasks } }] }),
    kill: (taskId, graceMs) =>
      send({ kill: [{ framework_id: FRAMEWORK.id, task_id: { value: taskId }, kill_policy: graceMs === undefined ? undefined : { grace_period: { nanoseconds: graceMs * 1e6 } } }] }),
    terminal: (taskId, timeoutMs = 30_000) =>
      master.waitFor(() => master.updatesFor(taskId).find((u) => isTerminal(u.status?.state)), `a terminal state of ${taskId} (got ${master.statesFor(taskId).join(',') || 'nothing'})`, timeoutMs),
    sandboxFile: (taskId, file) => fs.readFileSync(path.join(workDir, 'frameworks', 'fw', 'tasks', taskId, 'runs', 'latest', file), 'utf8'),
    stop: () =>
      cleanUpAll(
        () => agent.stop(),
        () => master.stop(),
        () => (options.workDir ? undefined : fs.rmSync(workDir, { recursive: true, force: true })),
        () => removeCgroupRoot(cgroupsRoot),
      ),
  };
}

/**
 * Remove the test agent's cgroup root folder from every hierarchy. The kernel keeps a removed
 * cgroup "dying" for a moment while its last references go (charged pages, a shim's handle),
 * and its parent cannot be removed until then (EBUSY): retried for up to 10 s. A folder that is
 * not empty (a leak the tests report) is left.
 */
export async function removeCgroupRoot(cgroupsRoot: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (const hierarchy of cgroupHierarchies()) {
    const dir = path.join(hierarchy, cgroupsRoot);
    for (;;) {
      try {
        fs.rmdirSync(dir);
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EBUSY' || Date.now() > deadline) break; // gone, or not empty
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

/** Every cgroup hierarchy mounted on this machine. */
export function cgroupHierarchies(): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => / - cgroup2? /.test(line))
    .map((line) => line.split(' ')[4]);
}

/** cpus and mem of a test task (0.1 and 64 MB unless given). */
function taskResources(extra: { cpus?: number; mem?: number }): TaskInfo['resources'] {
  return [
    { name: 'cpus', type: 0, scalar: { value: extra.cpus ?? 0.1 } },
    { name: 'mem', type: 0, scalar: { value: extra.mem ?? 64 } },
  ];
}

/** A task running `command` in a container of the tar image at `uri`. */
export function tarTask(
  taskId: string,
  command: string,
  uri: string,
  extra: { mem?: number; cpus?: number; network?: 'host' | 'none'; hostname?: string; volumes?: v1.IVolume[] } = {},
): TaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    resources: taskResources(extra),
    command: { value: command },
    container: {
      type: pb.ContainerInfo.Type.MESOS,
      hostname: extra.hostname,
      mesos: { image: { type: pb.Image.Type.TAR, tar: { uri } } },
      network_infos: extra.network ? [{ mode: extra.network === 'none' ? pb.NetworkInfo.Mode.NONE : pb.NetworkInfo.Mode.HOST }] : [],
      volumes: extra.volumes,
    },
  };
}

/** A task running `command` in a Docker container of `image`. */
export function dockerTask(
  taskId: string,
  command: string | undefined,
  image: string,
  extra: { mem?: number; cpus?: number; network?: 'host' | 'none'; hostname?: string; imageUri?: string } = {},
): TaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    resources: taskResources(extra),
    command: command === undefined ? undefined : { value: command },
    container: {
      type: pb.ContainerInfo.Type.DOCKER,
      hostname: extra.hostname,
      docker: { image, image_uri: extra.imageUri },
      network_infos: extra.network ? [{ mode: extra.network === 'none' ? pb.NetworkInfo.Mode.NONE : pb.NetworkInfo.Mode.HOST }] : [],
    },
  };
}

/** The state name of an update. */
export function stateOf(update: StatusUpdate | undefined): string {
  return TaskState[update?.status?.state as number] ?? 'none';
}

/** Everything containers of this agent can leave behind, counted. */
export interface Leftovers {
  containerFolders: string[];
  runcState: string[];
  cgroups: string[];
  mounts: string[];
  processes: number[];
}

/** Count what the agent's containers left: folders, runc state, cgroups, mounts and processes under its work dir. */
export function leftovers(test: Pick<ContainerAgent, 'workDir' | 'cgroupsRoot'>): Leftovers {
  const list = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  };
  const cgroups: string[] = [];
  for (const hierarchy of cgroupHierarchies()) {
    for (const entry of list(path.join(hierarchy, test.cgroupsRoot))) {
      if (fs.statSync(path.join(hierarchy, test.cgroupsRoot, entry)).isDirectory()) cgroups.push(path.join(hierarchy, test.cgroupsRoot, entry));
    }
  }
  const mounts = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => line.includes(test.workDir));
  const processes: number[] = [];
  for (const name of list('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cgroup = fs.readFileSync(`/proc/${name}/cgroup`, 'utf8');
      if (cgroup.includes(`/${test.cgroupsRoot}/`)) processes.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return {
    containerFolders: list(path.join(test.workDir, 'containers')),
    runcState: list(path.join(test.workDir, 'runc')),
    cgroups,
    mounts,
    processes,
  };
}

/** Nothing left behind. */
export const NO_LEFTOVERS: Leftovers = { containerFolders: [], runcState: [], cgroups: [], mounts: [], processes: [] };

/** What a debug session printed and how it ended. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run one session on the task through the agent's debug API; what it wrote and its exit code. */
async function runTaskSession(test: Pick<ContainerAgent, 'agent'>, taskId: string, command: string[], tty: { rows: number; columns: number } | undefined, feed: (stdin: NodeJS.WritableStream) => void, withStdin: boolean): Promise<ExecResult> {
  const { PassThrough } = await import('node:stream');
  const { runSession } = await import('../../cli/commands/exec');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = withStdin ? new PassThrough() : undefined;
  const session = runSession(`127.0.0.1:${test.agent.port}`, { framework_id: { value: 'fw' }, task_id: { value: taskId }, command, ...(tty ? { tty } : {}) }, { stdin, stdout, stderr }, 'agent');
  if (stdin) feed(stdin);
  const exitCode = await session;
  return { stdout: out, stderr: err, exitCode };
}

/** Run `command` in a running task (as `meseta exec` does), with `stdin` if given; its output and exit code. */
export function execInTask(test: Pick<ContainerAgent, 'agent'>, taskId: string, command: string[], stdin?: string): Promise<ExecResult> {
  return runTaskSession(test, taskId, command, undefined, (s) => s.end(stdin ?? ''), stdin !== undefined);
}

/** Run `sh` in a running task on a 24×80 terminal (`start.tty`) with `input` typed; its output and exit code. */
export function execOnTerminal(test: Pick<ContainerAgent, 'agent'>, taskId: string, input: string): Promise<ExecResult> {
  // Not ended: the shell's own `exit` ends the session.
  return runTaskSession(test, taskId, ['sh'], { rows: 24, columns: 80 }, (s) => s.write(input), true);
}

/** Run every cleanup step even when one fails, then throw the first failure. */
export async function cleanUpAll(...steps: Array<() => unknown>): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (e) {
      first ??= e;
    }
  }
  if (first) throw first;
}

/** Remove, by id, every image the agent's pod pause image is tagged as (`meseta/pause:*`) plus `ids`. */
export async function removeTestImages(engine: import('../../agent/containerizers/docker-engine').DockerEngine, ids: Set<string>): Promise<void> {
  const pause = (await engine.call<Array<{ Id: string; RepoTags?: string[] }>>('GET', '/images/json')).body.filter((i) => i.RepoTags?.some((t) => t.startsWith('meseta/pause:')));
  for (const image of pause) ids.add(image.Id);
  for (const id of ids) await engine.call('DELETE', `/images/${id}`, { query: { force: 1 } }).catch(() => undefined);
}
