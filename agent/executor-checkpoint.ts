/**
 * What the agent checkpoints of a running custom executor, so that an agent
 * restarted with its work dir finds it again and lets it SUBSCRIBE anew:
 * `<workDir>/meta/executors/<frameworkId>/<executorId>.json`, human-readable
 * JSON with a `format` field, written temp + rename. It sits beside the
 * task checkpoints, not in a framework's folder, because an executor may
 * outlive its framework's last task there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecutorInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import { metaDir } from './checkpoint-layout';

/** The format of an executor checkpoint file. */
export const EXECUTOR_CHECKPOINT_FORMAT = 'meseta-agent-executor-1';

/** One executor, as checkpointed. */
export interface ExecutorCheckpoint {
  frameworkId: string;
  executorId: string;
  info: ExecutorInfo;
  containerId: string;
  /** Its MESOS_EXECUTOR_AUTHENTICATION_TOKEN: it keeps calling with it after the restart. */
  token: string;
  /** The containerizer that runs it (`posix`). */
  containerizer: string;
  /** What the containerizer's `checkpoint` answered (posix: pid and start time). */
  container?: Record<string, unknown>;
  runtimeDir?: string;
  sandboxDir?: string;
}

/** The folder of every executor checkpoint. */
export function executorsCheckpointDir(workDir: string): string {
  return path.join(metaDir(workDir), 'executors');
}

function fileOf(workDir: string, frameworkId: string, executorId: string): string {
  return path.join(executorsCheckpointDir(workDir), frameworkId, `${executorId}.json`);
}

/** Write (or replace) an executor's checkpoint; resolves once it is in place. */
export async function writeExecutorCheckpoint(workDir: string, checkpoint: ExecutorCheckpoint): Promise<void> {
  const file = fileOf(workDir, checkpoint.frameworkId, checkpoint.executorId);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const text = JSON.stringify(
    {
      format: EXECUTOR_CHECKPOINT_FORMAT,
      framework_id: checkpoint.frameworkId,
      executor_id: checkpoint.executorId,
      executor_info: pb.ExecutorInfo.toObject(pb.ExecutorInfo.fromObject(checkpoint.info), { enums: String, longs: Number, bytes: String }),
      container_id: checkpoint.containerId,
      token: checkpoint.token,
      containerizer: checkpoint.containerizer,
      container: checkpoint.container,
      runtime_dir: checkpoint.runtimeDir,
      sandbox_dir: checkpoint.sandboxDir,
    },
    null,
    2,
  );
  const temp = `${file}.tmp-${process.pid}`;
  await fs.promises.writeFile(temp, text, { mode: 0o600 }); // it holds the executor's token
  await fs.promises.rename(temp, file);
}

/** Remove an executor's checkpoint (it ended); never rejects. */
export async function removeExecutorCheckpoint(workDir: string, frameworkId: string, executorId: string): Promise<void> {
  await fs.promises.rm(fileOf(workDir, frameworkId, executorId), { force: true }).catch(() => undefined);
}

/** Every executor checkpoint; a file that cannot be read is renamed `.corrupt` and logged. */
export function readExecutorCheckpoints(workDir: string, log: Logger): ExecutorCheckpoint[] {
  const root = executorsCheckpointDir(workDir);
  const out: ExecutorCheckpoint[] = [];
  let frameworks: string[];
  try {
    frameworks = fs.readdirSync(root);
  } catch {
    return out;
  }
  for (const framework of frameworks) {
    let files: string[];
    try {
      files = fs.readdirSync(path.join(root, framework));
    } catch {
      continue;
    }
    for (const name of files) {
      const file = path.join(root, framework, name);
      if (!name.endsWith('.json')) {
        if (name.includes('.tmp-')) fs.rmSync(file, { force: true });
        continue;
      }
      try {
        const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        if (raw.format !== EXECUTOR_CHECKPOINT_FORMAT) throw new Error(`format is ${JSON.stringify(raw.format)}, expected ${EXECUTOR_CHECKPOINT_FORMAT}`);
        for (const field of ['framework_id', 'executor_id', 'container_id', 'token', 'containerizer']) {
          if (typeof raw[field] !== 'string' || raw[field] === '') throw new Error(`${field}: required`);
        }
        out.push({
          frameworkId: raw.framework_id as string,
          executorId: raw.executor_id as string,
          info: pb.ExecutorInfo.fromObject((raw.executor_info ?? {}) as Record<string, unknown>),
          containerId: raw.container_id as string,
          token: raw.token as string,
          containerizer: raw.containerizer as string,
          container: raw.container as Record<string, unknown> | undefined,
          runtimeDir: raw.runtime_dir as string | undefined,
          sandboxDir: raw.sandbox_dir as string | undefined,
        });
      } catch (e) {
        log.error('executor checkpoint unusable; renamed .corrupt, the executor is not taken over', { file, error: e as Error });
        fs.renameSync(file, `${file}.corrupt`);
      }
    }
  }
  return out;
}
