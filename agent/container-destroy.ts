/**
 * Destroying a container without losing it: a destroy that fails (the
 * runtime is busy, a cgroup is still in use, the Docker daemon restarts) is
 * logged with the ids of the agent, framework, task and container and tried
 * again with a doubling pause, as Mesos's containerizer retries a cgroup
 * destroy. Only after the last attempt does the agent give up, with an error
 * line naming everything an operator needs to clean up by hand.
 */
import type { Logger } from '@meseta/runtime/log';
import { type Clock, systemClock } from '@meseta/runtime/clock';
import type { Containerizer } from './containerizer';

/** Attempts of a destroy before the agent gives up (the first one included). */
export const DESTROY_ATTEMPTS = 5;
/** Pause before the second attempt; doubled before each next one (1, 2, 4, 8 s). */
export const DESTROY_RETRY_BASE_MS = 1000;

/** The ids a log line about a container names. */
export interface ContainerIds {
  agentId?: string;
  frameworkId: string;
  /** Absent for a pod's parent container (it runs no task of its own). */
  taskId?: string;
  containerId: string;
}

/** Options of {@link destroyWithRetry}. */
export interface DestroyRetryOptions {
  logger: Logger;
  /** @default systemClock */
  clock?: Clock;
  /** @default DESTROY_ATTEMPTS */
  attempts?: number;
  /** @default DESTROY_RETRY_BASE_MS */
  baseMs?: number;
}

/** The fields of a log line about a container. */
export function containerFields(containerizer: Containerizer, ids: ContainerIds): Record<string, unknown> {
  const fields: Record<string, unknown> = { framework_id: ids.frameworkId, container_id: ids.containerId, containerizer: containerizer.name };
  if (ids.agentId) fields.agent_id = ids.agentId;
  if (ids.taskId) fields.task_id = ids.taskId;
  return fields;
}

/**
 * Destroy the container, retrying a failure with backoff. Resolves true once
 * a destroy succeeded, false after the last attempt failed (logged as an
 * error: the container may be left behind). Never rejects.
 */
export async function destroyWithRetry(containerizer: Containerizer, ids: ContainerIds, options: DestroyRetryOptions): Promise<boolean> {
  const clock = options.clock ?? systemClock;
  const attempts = Math.max(1, options.attempts ?? DESTROY_ATTEMPTS);
  let pauseMs = options.baseMs ?? DESTROY_RETRY_BASE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await containerizer.destroy(ids.containerId);
      if (attempt > 1) options.logger.info('container destroyed after a retry', { ...containerFields(containerizer, ids), attempts: attempt });
      return true;
    } catch (e) {
      const fields = { ...containerFields(containerizer, ids), attempt, attempts, error: e as Error };
      if (attempt >= attempts) {
        options.logger.error('destroying the container failed; giving up: it may be left behind', fields);
        return false;
      }
      options.logger.warn('destroying the container failed; retrying', { ...fields, retry_ms: pauseMs });
      await new Promise<void>((resolve) => clock.after(pauseMs, resolve));
      pauseMs *= 2;
    }
  }
}
