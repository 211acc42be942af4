/**
 * Agent recovery at startup: read the checkpoint under `<workDir>/meta`,
 * decide whether this is the same agent (see `recovery-plan.ts`), find the
 * checkpointed containers again through their containerizers, and hand the
 * agent what it needs to carry on: its old id, frameworks, tasks and
 * unacknowledged updates.
 *
 * Corrupt checkpoints:
 * - `agent.json` unreadable, not JSON, malformed or from a newer format:
 *   the agent refuses to start ({@link CheckpointError} names the file, the
 *   problem and the remedy). Starting fresh would orphan whatever the old
 *   agent runs; the operator decides (moving `meta` away starts a new agent).
 * - a framework or task file: logged as an error naming the file, which is
 *   renamed `<name>.corrupt` and skipped. The master then learns the task is
 *   missing when the agent re-registers and reports it lost.
 *
 * Starting as a new agent (no checkpoint, host rebooted, resources or
 * attributes changed, never registered): the reason is logged; containers
 * of the old agent that still run are destroyed (the master reports their
 * tasks gone with the old agent), and the checkpoint starts over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Attribute, FrameworkInfo, Resource, StatusUpdate } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import type { AgentIdentity, TaskCheckpoint } from './checkpoint-codec';
import { decodeFramework, decodeIdentity, decodeTaskCheckpoint } from './checkpoint-codec';
import { CheckpointError, listCheckpointDir, readCheckpointFile, removeTemporaryFiles } from './checkpoint-files';
import { AGENT_FILE, FRAMEWORKS_FOLDER, metaDir, runFolder } from './checkpoint-layout';
import { AgentCheckpoint, type CheckpointFsync } from './checkpoint-writer';
import type { ContainerRecord, Containerizer, RecoveredContainer } from './containerizer';
import { readBootId } from './recovery-posix';
import { identityDecision, type IdentityDecision, type TaskRecoveryAction, taskRecoveryAction } from './recovery-plan';
import type { AgentTask } from './task-book';
import { destroyWithRetry } from './container-destroy';

/** What recovery needs to know about the agent starting now. */
export interface RecoveryOptions {
  workDir: string;
  hostname: string;
  /** Resources resolved from `--resources` and detection. */
  resources: Resource[];
  /** The `--resources` text ('' or undefined when none). */
  resourcesFlag?: string;
  attributes: Attribute[];
  containerizers: readonly Containerizer[];
  logger: Logger;
  /** The host's boot id. @default read from /proc */
  bootId?: string;
  /** Which checkpoint files are fsynced. @default 'identity' (see {@link CheckpointFsync}) */
  fsync?: CheckpointFsync;
}

/** A checkpointed task and what to do with it. */
export interface RecoveredTask {
  task: AgentTask;
  action: TaskRecoveryAction;
}

/** What the agent takes over from its previous run. */
export interface RecoveredAgentState {
  agentId: string;
  /** Infos of the frameworks with tasks or updates here, ids set. */
  frameworks: FrameworkInfo[];
  tasks: RecoveredTask[];
  /** Every unacknowledged update, each task's in order. */
  updates: StatusUpdate[];
}

/** The outcome of recovery. */
export interface Recovery {
  /** The checkpoint writer the agent goes on with. */
  checkpoint: AgentCheckpoint;
  /** The resources to register with. */
  resources: Resource[];
  decision: IdentityDecision;
  /** Absent when the agent starts as a new agent. */
  state?: RecoveredAgentState;
}

interface ReadCheckpoint {
  frameworks: Map<string, FrameworkInfo>;
  tasks: TaskCheckpoint[];
}

/** Recover from `<workDir>/meta`. Rejects with a {@link CheckpointError} when `agent.json` is unusable. */
export async function recoverAgent(options: RecoveryOptions): Promise<Recovery> {
  const log = options.logger;
  const meta = metaDir(options.workDir);
  // Not under runs/: containerizers keep their own files there (a runc bundle's root file system).
  removeTemporaryFiles(meta, false);
  removeTemporaryFiles(path.join(meta, FRAMEWORKS_FOLDER));
  const identity = readIdentity(meta);
  const bootId = options.bootId ?? readBootId();
  const resourcesFlag = options.resourcesFlag ?? '';
  const decision = identityDecision(identity, { bootId, resources: options.resources, resourcesFlag, attributes: options.attributes });
  const found = readTasks(meta, log);
  const current: AgentIdentity = { bootId, hostname: options.hostname, resources: options.resources, resourcesFlag, attributes: options.attributes };

  if (decision.kind === 'fresh') {
    if (identity) log.warn('starting as a new agent', { reason: decision.reason, previous_agent_id: decision.previousAgentId });
    else log.info('starting as a new agent', { reason: decision.reason });
    await destroyLeftovers(found.tasks, options, log);
    await fs.promises.rm(meta, { recursive: true, force: true });
    const checkpoint = new AgentCheckpoint({ workDir: options.workDir, identity: current, logger: log, fsync: options.fsync });
    await checkpoint.setAgentId(undefined);
    return { checkpoint, resources: options.resources, decision };
  }

  if (decision.note) log.info(decision.note);
  const checkpoint = new AgentCheckpoint({
    workDir: options.workDir,
    identity: { ...current, resources: decision.resources },
    logger: log,
    fsync: options.fsync,
  });
  await checkpoint.setAgentId(decision.agentId);
  const live = found.tasks.filter((c) => c.task && c.task.phase !== 'terminated');
  const containers = await recoverContainers(live, options, log);
  const state: RecoveredAgentState = { agentId: decision.agentId, frameworks: [], tasks: [], updates: [] };
  const frameworkIds = new Set<string>();
  for (const c of found.tasks) {
    const record = c.task;
    const framework = found.frameworks.get(c.frameworkId);
    if (record && !(record.phase === 'terminated' && c.updates.length === 0)) {
      const containerizer = containerizerFor(record.containerizer, record.info.container, options.containerizers);
      const recovered = containers.get(record.containerId);
      const task: AgentTask = {
        frameworkId: c.frameworkId,
        taskId: c.taskId,
        info: record.info,
        executorId: record.executorId,
        containerId: record.containerId,
        podId: record.podId,
        phase: record.phase,
        state: record.state,
        statuses: record.statuses,
        sandbox: record.sandbox ? sandboxAt(options.workDir, record.sandbox) : undefined,
        containerizer: record.phase === 'launching' && recovered?.state !== 'running' ? undefined : containerizer,
        pid: recovered?.state === 'running' ? (recovered.pid ?? record.pid) : record.pid,
        networkInfos: recovered?.state === 'running' ? recovered.networkInfos : undefined,
        killRequested: record.killRequested,
        killReason: record.killReason,
      };
      state.tasks.push({ task, action: taskRecoveryAction(record.phase, recovered) });
      checkpoint.adopt(c, task, framework);
    } else {
      checkpoint.adopt(c, undefined, framework);
      if (c.updates.length === 0) {
        checkpoint.forgetTask(c.frameworkId, c.taskId); // ended and settled: nothing left to do
        continue;
      }
    }
    state.updates.push(...c.updates);
    frameworkIds.add(c.frameworkId);
  }
  for (const id of frameworkIds) state.frameworks.push(found.frameworks.get(id) ?? { id: { value: id } });
  for (const id of found.frameworks.keys()) if (!frameworkIds.has(id)) checkpoint.forgetFramework(id);
  const counts = countActions(state.tasks);
  log.info('recovered agent', { agent_id: decision.agentId, ...counts, pending_updates: state.updates.length });
  return { checkpoint, resources: decision.resources, decision, state };
}

function readIdentity(meta: string): AgentIdentity | undefined {
  const read = readCheckpointFile(path.join(meta, AGENT_FILE));
  const remedy = `the agent cannot tell which tasks it ran. Move ${meta} away (or remove it) to start as a new agent; the master will report the old agent's tasks gone`;
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'corrupt') throw new CheckpointError(read.file, read.problem, remedy);
  const decoded = decodeIdentity(read.value);
  if (!decoded.ok) throw new CheckpointError(read.file, `is not an agent checkpoint: ${decoded.problem}`, remedy);
  return decoded.value;
}

function readTasks(meta: string, log: Logger): ReadCheckpoint {
  const out: ReadCheckpoint = { frameworks: new Map(), tasks: [] };
  const setAside = (file: string, problem: string): void => {
    log.error('corrupt checkpoint file skipped (renamed .corrupt); its task will be reported lost by the master', { file, problem });
    try {
      fs.renameSync(file, `${file}.corrupt`);
    } catch {
      // reading it again next time only repeats the message
    }
  };
  const frameworksDir = path.join(meta, FRAMEWORKS_FOLDER);
  for (const name of listCheckpointDir(frameworksDir)) {
    const frameworkRead = readCheckpointFile(path.join(frameworksDir, name, 'framework.json'));
    if (frameworkRead.kind === 'corrupt') setAside(frameworkRead.file, frameworkRead.problem);
    if (frameworkRead.kind === 'ok') {
      const decoded = decodeFramework(frameworkRead.value);
      if (decoded.ok) out.frameworks.set(decoded.value.id?.value ?? '', decoded.value);
      else setAside(frameworkRead.file, decoded.problem);
    }
    const tasksDir = path.join(frameworksDir, name, 'tasks');
    for (const file of listCheckpointDir(tasksDir).filter((n) => n.endsWith('.json'))) {
      const read = readCheckpointFile(path.join(tasksDir, file));
      if (read.kind === 'missing') continue;
      if (read.kind === 'corrupt') {
        setAside(read.file, read.problem);
        continue;
      }
      const decoded = decodeTaskCheckpoint(read.value);
      if (decoded.ok) out.tasks.push(decoded.value);
      else setAside(read.file, decoded.problem);
    }
  }
  return out;
}

function containerizerFor(name: string | undefined, container: AgentTask['info']['container'], all: readonly Containerizer[]): Containerizer | undefined {
  if (name) return all.find((c) => c.name === name);
  return all.find((c) => c.supports(container));
}

/** Ask each containerizer about its checkpointed containers; one answer per container id. */
async function recoverContainers(
  tasks: readonly TaskCheckpoint[],
  options: RecoveryOptions,
  log: Logger,
): Promise<Map<string, RecoveredContainer>> {
  const byContainerizer = new Map<Containerizer | string, ContainerRecord[]>();
  for (const c of tasks) {
    const record = c.task;
    if (!record) continue;
    const containerizer = containerizerFor(record.containerizer, record.info.container, options.containerizers);
    const key = containerizer ?? record.containerizer ?? '(none)';
    const list = byContainerizer.get(key) ?? [];
    list.push({
      containerId: record.containerId,
      runtimeDir: path.join(metaDir(options.workDir), runFolder(record.containerId)),
      sandboxDir: record.sandbox ? path.join(options.workDir, record.sandbox) : undefined,
      data: record.container,
    });
    byContainerizer.set(key, list);
  }
  const out = new Map<string, RecoveredContainer>();
  for (const [containerizer, records] of byContainerizer) {
    let answers: RecoveredContainer[];
    if (typeof containerizer === 'string') {
      const message = `containerizer "${containerizer}" is not enabled on this agent (--containerizers)`;
      answers = records.map((r) => ({ containerId: r.containerId, state: 'missing', message }));
    } else if (!containerizer.recover) {
      const message = `the ${containerizer.name} containerizer cannot keep containers across agent restarts`;
      answers = records.map((r) => ({ containerId: r.containerId, state: 'missing', message }));
    } else {
      try {
        answers = await containerizer.recover(records);
      } catch (e) {
        log.error('containerizer recovery failed', { containerizer: containerizer.name, error: e as Error });
        const message = `the ${containerizer.name} containerizer failed to recover: ${(e as Error).message}`;
        answers = records.map((r) => ({ containerId: r.containerId, state: 'missing', message }));
      }
    }
    for (const a of answers) out.set(a.containerId, a);
  }
  return out;
}

/** Destroy the containers an old agent left running (it will not be back). */
async function destroyLeftovers(tasks: readonly TaskCheckpoint[], options: RecoveryOptions, log: Logger): Promise<void> {
  const live = tasks.filter((c) => c.task && c.task.phase !== 'terminated');
  if (live.length === 0) return;
  const found = await recoverContainers(live, options, log);
  const running = live.filter((c) => found.get(c.task!.containerId)?.state === 'running');
  if (running.length === 0) return;
  // The agent's server is not listening yet, and an adopted container's end is
  // watched by handles that do not hold the process open (an unref'd timer, a
  // non-persistent fs watcher): hold it open ourselves until the destroys end.
  const holdOpen = setInterval(() => undefined, 60_000);
  try {
    for (const c of running) {
      const containerizer = containerizerFor(c.task!.containerizer, c.task!.info.container, options.containerizers);
      log.warn('killing a task of the previous agent', { framework_id: c.frameworkId, task_id: c.taskId, container_id: c.task!.containerId });
      if (containerizer) await destroyWithRetry(containerizer, { frameworkId: c.frameworkId, taskId: c.taskId, containerId: c.task!.containerId }, { logger: log });
    }
  } finally {
    clearInterval(holdOpen);
  }
}

function sandboxAt(workDir: string, relativeDir: string): AgentTask['sandbox'] {
  const dir = path.join(workDir, relativeDir);
  return { dir, relativeDir, stdoutPath: path.join(dir, 'stdout'), stderrPath: path.join(dir, 'stderr') };
}

function countActions(tasks: readonly RecoveredTask[]): Record<string, number> {
  const counts = { running: 0, ended: 0, settled: 0 };
  for (const t of tasks) {
    if (t.action.kind === 'adopt') counts.running++;
    else if (t.action.kind === 'end') counts.ended++;
    else counts.settled++;
  }
  return counts;
}
