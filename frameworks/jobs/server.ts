/**
 * The jobs framework as one running thing: state (file or ZooKeeper), the
 * scheduler connected with the framework id kept in that state, and the
 * HTTP API. The CLI's `serve` and the tests start it with {@link startJobsFramework}.
 */
import { createLogger, type Logger } from '../../proto/src/log';
import { type Clock, systemClock } from '../common/clock';
import { frameworkDriver } from '../common/framework-connection';
import { listenHttp } from '../common/http-server';
import { PersistedState } from '../common/persisted-state';
import type { StateStore } from '../common/state-store';
import { jobsRouter } from './jobs-api';
import { JobsScheduler } from './jobs-scheduler';
import { emptyJobsState, type JobsState } from './jobs-state';

/** How to start the jobs framework. */
export interface JobsFrameworkOptions {
  master: string;
  store: StateStore;
  /** HTTP API port on 127.0.0.1 (0 picks one). @default 0 */
  port?: number;
  /** @default 'meseta-jobs' */
  name?: string;
  /** @default 604800 (a week) */
  failoverTimeoutSeconds?: number;
  /** @default 1 */
  offerRefuseSeconds?: number;
  /** The compiled queue worker. @default found beside the framework */
  workerScript?: string;
  clock?: Clock;
  logger?: Logger;
  /** Wait until subscribed before resolving. @default true */
  waitForSubscription?: boolean;
}

/** A running jobs framework. */
export interface RunningJobsFramework {
  readonly url: string;
  readonly port: number;
  readonly scheduler: JobsScheduler;
  frameworkId(): string | undefined;
  /** Close everything; the master keeps the tasks for the failover timeout. */
  stop(): Promise<void>;
  /** Kill every task and remove the framework. */
  teardown(): Promise<void>;
}

/** Start it. */
export async function startJobsFramework(options: JobsFrameworkOptions): Promise<RunningJobsFramework> {
  const logger = options.logger ?? createLogger('jobs');
  const clock = options.clock ?? systemClock;
  const state = await PersistedState.load<JobsState>(options.store, emptyJobsState);
  let url = '';
  const scheduler = new JobsScheduler({
    state,
    clock,
    logger: logger.child('scheduler'),
    frameworkUrl: () => url,
    offerRefuseSeconds: options.offerRefuseSeconds,
    workerScript: options.workerScript,
  });
  const driver = frameworkDriver({
    master: options.master,
    name: options.name ?? 'meseta-jobs',
    frameworkId: state.value.frameworkId,
    failoverTimeoutSeconds: options.failoverTimeoutSeconds ?? 7 * 24 * 3600,
    handlers: scheduler.handlers(),
    logger,
  });
  const router = jobsRouter(scheduler, () => ({ subscribed: driver.isSubscribed, frameworkId: driver.frameworkId ?? null }));
  const server = await listenHttp(router.listener(logger.child('http')), options.port ?? 0);
  url = server.url;
  scheduler.attach(driver);
  logger.info('jobs framework started', { url, state: state.location, resuming: state.value.frameworkId ?? null });
  const started = driver.start();
  if (options.waitForSubscription ?? true) await started;
  else started.catch((e: Error) => logger.error('could not subscribe', { error: e.message }));

  let stopping: Promise<void> | undefined;
  const close = async (how: 'stop' | 'teardown'): Promise<void> => {
    scheduler.stop();
    if (how === 'teardown') await driver.teardown().catch(() => undefined);
    else await driver.stop();
    await server.close();
    await state.settle();
    await options.store.close();
  };
  return {
    url,
    port: server.port,
    scheduler,
    frameworkId: () => driver.frameworkId,
    stop: () => (stopping ??= close('stop')),
    teardown: () => (stopping ??= close('teardown')),
  };
}
