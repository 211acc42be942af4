/**
 * What the agent checkpoints, in the layout of `checkpoint-layout.ts`: its
 * identity, framework infos, tasks (with what their containerizer needs to
 * find the container again) and unacknowledged status updates.
 *
 * The agent tells it what changed; the file contents are produced when the
 * next batch is written, from the task as it is then (see
 * `checkpoint-store.ts`). Every promise resolves once the change is on disk:
 * the agent waits for it before starting a container, and the status-update
 * sender before sending an update.
 */
import * as path from 'node:path';
import type { FrameworkInfo, StatusUpdate } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import type { AgentIdentity, TaskCheckpoint, TaskRecord } from './checkpoint-codec';
import { encodeFramework, encodeIdentity, encodeTaskCheckpoint } from './checkpoint-codec';
import { AGENT_FILE, FRAMEWORKS_FOLDER, frameworkFile, frameworkFolder, metaDir, RUNS_FOLDER, runFolder, taskFile } from './checkpoint-layout';
import { CheckpointStore, type CheckpointUrgency } from './checkpoint-store';
import type { AgentTask } from './task-book';

/** Options of {@link AgentCheckpoint}. */
export interface AgentCheckpointOptions {
  workDir: string;
  /** Who the agent is now (its id is set later with {@link AgentCheckpoint.setAgentId}). */
  identity: AgentIdentity;
  logger: Logger;
  /** Which files are forced to disk before they replace the old ones; see {@link checkpointFsync}. @default 'identity' */
  fsync?: CheckpointFsync;
  /** Seconds clock for `written_at`. @default Date.now() / 1000 */
  now?: () => number;
}

interface TaskEntry {
  frameworkId: string;
  taskId: string;
  task?: AgentTask;
  updates: readonly StatusUpdate[];
  /** The container whose runtime dir belongs to this entry. */
  containerId?: string;
  /** The latest answer of the containerizer's `checkpoint` (kept once the container is gone). */
  container?: Record<string, unknown>;
}

/**
 * Which checkpoint files are fsynced: `'identity'` only `agent.json`, `'all'` every
 * file, `'none'` none (tests).
 *
 * Every file is written to a temporary name and renamed in before the agent goes on
 * (before a container starts, before an update is sent), so a crashed or `kill -9`ed
 * agent always finds complete, current files: the kernel's page cache outlives the
 * process. Only a host crash could lose unsynced data, and after one the boot id has
 * changed, so the agent starts afresh and reads nothing but `agent.json` (to learn
 * that). Hence the default: force only `agent.json` to disk, and spare each launch
 * and each status update an fsync (2–4 ms each on this machine).
 */
export type CheckpointFsync = 'identity' | 'all' | 'none';

/** The store's fsync rule for a {@link CheckpointFsync} policy. */
export function checkpointFsync(policy: CheckpointFsync): (relativePath: string) => boolean {
  if (policy === 'all') return () => true;
  if (policy === 'none') return () => false;
  return (relativePath) => relativePath === AGENT_FILE;
}

const entryKey = (frameworkId: string, taskId: string): string => `${frameworkId}\u0000${taskId}`;

/** The agent's checkpoint under `<workDir>/meta`. */
export class AgentCheckpoint {
  /** The batched writer (exposed for flushing and tests). */
  readonly store: CheckpointStore;
  private identity: AgentIdentity;
  private readonly entries = new Map<string, TaskEntry>();
  private readonly frameworkTexts = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: AgentCheckpointOptions) {
    this.store = new CheckpointStore(metaDir(options.workDir), options.logger, { fsync: checkpointFsync(options.fsync ?? 'identity') });
    this.identity = { ...options.identity };
    this.now = options.now ?? (() => Date.now() / 1000);
  }

  /** The agent id as checkpointed. */
  agentId(): string | undefined {
    return this.identity.agentId;
  }

  /** Write `agent.json` with this id (undefined: not registered yet). */
  setAgentId(agentId: string | undefined): Promise<void> {
    this.identity = { ...this.identity, agentId };
    const identity = this.identity;
    return this.store.write(AGENT_FILE, () => encodeIdentity(identity, this.now()));
  }

  /** The runtime dir of a container (absolute). */
  runtimeDir(containerId: string): string {
    return path.join(metaDir(this.options.workDir), runFolder(containerId));
  }

  /** Record a framework's info (written only when it changed). */
  framework(frameworkId: string, info: FrameworkInfo): Promise<void> | undefined {
    const content = encodeFramework({ ...info, id: { value: frameworkId } });
    if (this.frameworkTexts.get(frameworkId) === content) return undefined;
    this.frameworkTexts.set(frameworkId, content);
    return this.store.write(frameworkFile(frameworkId), () => content);
  }

  /** The task changed (added, launched, new state, kill requested): rewrite its file. */
  task(task: AgentTask): Promise<void> {
    const entry = this.entry(task.frameworkId, task.taskId);
    if (entry.task !== task) {
      if (entry.containerId && entry.containerId !== task.containerId) void this.store.remove(runFolder(entry.containerId));
      entry.task = task;
      entry.container = undefined;
    }
    entry.containerId = task.containerId;
    return this.writeEntry(entry);
  }

  /**
   * A task's unacknowledged updates are now `pending` (oldest first). A new
   * update is written `now` (it is sent once on disk); an acknowledgement
   * `soon` (losing it in a crash only means a duplicate).
   */
  updates(frameworkId: string, taskId: string, pending: readonly StatusUpdate[], urgency: CheckpointUrgency = 'now'): Promise<void> {
    const entry = this.entry(frameworkId, taskId);
    entry.updates = [...pending];
    return this.writeEntry(entry, urgency);
  }

  /** The task is forgotten (ended, every update acknowledged): remove its file and its container's runtime dir, soon. */
  forgetTask(frameworkId: string, taskId: string): void {
    const key = entryKey(frameworkId, taskId);
    const entry = this.entries.get(key);
    this.entries.delete(key);
    void this.store.remove(taskFile(frameworkId, taskId), 'soon');
    if (entry?.containerId) void this.store.remove(runFolder(entry.containerId), 'soon');
  }

  /** The framework is gone from this agent: remove everything of it. */
  forgetFramework(frameworkId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.frameworkId !== frameworkId) continue;
      this.entries.delete(key);
      if (entry.containerId) void this.store.remove(runFolder(entry.containerId));
    }
    this.frameworkTexts.delete(frameworkId);
    void this.store.remove(frameworkFolder(frameworkId));
  }

  /** The agent no longer holds the framework: remove its folder unless some of its files are still needed. */
  frameworkIdle(frameworkId: string): void {
    for (const entry of this.entries.values()) if (entry.frameworkId === frameworkId) return;
    this.forgetFramework(frameworkId);
  }

  /** Start over as a new agent: every task and framework removed, no id. */
  reset(): Promise<void> {
    this.entries.clear();
    this.frameworkTexts.clear();
    void this.store.remove(FRAMEWORKS_FOLDER);
    void this.store.remove(RUNS_FOLDER);
    return this.setAgentId(undefined);
  }

  /**
   * After recovery: what is already on disk, so that later changes keep
   * the container data and remove the right runtime dirs.
   */
  adopt(checkpoint: TaskCheckpoint, task: AgentTask | undefined, frameworkInfo: FrameworkInfo | undefined): void {
    const entry = this.entry(checkpoint.frameworkId, checkpoint.taskId);
    entry.task = task;
    entry.updates = [...checkpoint.updates];
    entry.containerId = checkpoint.task?.containerId;
    entry.container = checkpoint.task?.container;
    if (frameworkInfo) this.frameworkTexts.set(checkpoint.frameworkId, encodeFramework(frameworkInfo));
  }

  /** Resolves when every change so far is on disk. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  private entry(frameworkId: string, taskId: string): TaskEntry {
    const key = entryKey(frameworkId, taskId);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { frameworkId, taskId, updates: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private writeEntry(entry: TaskEntry, urgency: CheckpointUrgency = 'now'): Promise<void> {
    const key = entryKey(entry.frameworkId, entry.taskId);
    return this.store.write(taskFile(entry.frameworkId, entry.taskId), () => {
      if (this.entries.get(key) !== entry) return undefined; // forgotten meanwhile
      if (!entry.task && entry.updates.length === 0) {
        this.entries.delete(key);
        return undefined;
      }
      return encodeTaskCheckpoint({
        frameworkId: entry.frameworkId,
        taskId: entry.taskId,
        task: entry.task && this.record(entry, entry.task),
        updates: [...entry.updates],
      });
    }, urgency);
  }

  private record(entry: TaskEntry, task: AgentTask): TaskRecord {
    const live = task.containerizer?.checkpoint?.(task.containerId);
    if (live) entry.container = live;
    return {
      info: task.info,
      executorId: task.executorId,
      containerId: task.containerId,
      podId: task.podId,
      phase: task.phase,
      state: task.state,
      statuses: task.statuses,
      sandbox: task.sandbox?.relativeDir,
      containerizer: task.containerizer?.name,
      container: entry.container,
      pid: task.pid,
      killRequested: task.killRequested,
      killReason: task.killReason,
    };
  }
}
